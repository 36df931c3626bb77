/**
 * The crash test's server as a child process: built once per run into one ES module (so each of
 * the many restarts does not pay for compiling TypeScript again), started on the same SQLite file
 * and port every time, killed with SIGKILL, stopped gracefully at the end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EsBuild from 'esbuild';
import { isRecord, ROOT, onJsonLines } from '../bench/bench-kit';

const SERVER_MAIN = resolve(ROOT, 'scripts/crash/crash-server-main.ts');
/** The bundle lives under node_modules so that its external packages resolve as they do from the repo. */
const BUNDLE_DIR = resolve(ROOT, 'node_modules/.cache/opsquest-crash');

export interface ServerEntry {
  /** node arguments before the database path and port */
  args: string[];
  /** removes what was built */
  dispose(): void;
}

/**
 * Bundles crash-server-main.ts and the server (our TypeScript only; npm packages stay external)
 * with esbuild, which tsx already brings. `import.meta.url` is replaced by each source file's own
 * URL, so the migrations folder and the worker's driver resolve as from the sources. Starting the
 * bundle takes about half the time of `tsx`; without esbuild the test falls back to tsx.
 */
export async function buildServerEntry(): Promise<ServerEntry> {
  let esbuild: typeof EsBuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    return { args: ['--import', 'tsx', SERVER_MAIN], dispose: () => undefined };
  }
  mkdirSync(BUNDLE_DIR, { recursive: true });
  const outfile = join(BUNDLE_DIR, `crash-server-main-${process.pid}-${Date.now()}.mjs`);
  await esbuild.build({
    entryPoints: [SERVER_MAIN],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS packages bundled into an ES module still call require().
    banner: { js: "import { createRequire as __crashRequire } from 'node:module'; const require = __crashRequire(import.meta.url);" },
    plugins: [
      {
        name: 'crash-server',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@opsquest/') ? undefined : { path: args.path, external: true }));
          build.onLoad({ filter: /\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
            loader: 'ts',
          }));
        },
      },
    ],
  });
  return { args: [outfile], dispose: () => rmSync(outfile, { force: true }) };
}

export interface ServerTimings {
  /** ms from the `start` command to the first /api/health 200, as the harness saw it (the restart) */
  readyMs: number;
  /** inside the process: ms to load the code (done while standing by), to open and migrate, to listen */
  loadedMs: number;
  createdMs: number;
  listeningMs: number;
}

export interface CrashServer {
  readonly pid: number;
  readonly timings: ServerTimings;
  /** SIGKILL: no handler runs, nothing is flushed or closed */
  kill(): Promise<void>;
  /** SIGTERM: graceful (the database is closed, the WAL checkpointed) */
  stop(): Promise<void>;
}

/** A server process with its code loaded, waiting for `start` before it opens the database. */
export interface Standby {
  /** opens the database and listens; resolves once /api/health answers 200 */
  start(timeoutMs?: number): Promise<CrashServer>;
  /** SIGKILL, e.g. the last standby nobody started */
  kill(): Promise<void>;
}

/** Every child still running, so a failed run (or the process exiting) never leaves a server behind. */
const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export function killAllServers(): void {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

function isStarted(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Spawns a standby server process for `dbPath` and `port`. */
export function spawnStandby(entry: ServerEntry, dbPath: string, port: number, env: Record<string, string> = {}): Standby {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', killAllServers);
  }
  const child = spawn(process.execPath, [...entry.args, dbPath, String(port)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.CRASH_LOG_LEVEL ?? 'error', ...env, CRASH_STANDBY: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((r) =>
    child.once('exit', () => {
      running.delete(child);
      r();
    }),
  );
  // A write to a child that was just killed fails with EPIPE: that is expected here.
  child.stdin?.on('error', () => undefined);
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr.push(chunk.toString());
    if (stderr.length > 50) stderr.shift();
  });
  let loaded = false;
  let inside: Omit<ServerTimings, 'readyMs'> | undefined;
  if (child.stdout) {
    onJsonLines(child.stdout, (msg) => {
      if (isRecord(msg) && isRecord(msg.crashStandby)) loaded = true;
      else if (isRecord(msg) && isRecord(msg.crashServer)) {
        const m = msg.crashServer;
        inside = { loadedMs: Number(m.loadedMs), createdMs: Number(m.createdMs), listeningMs: Number(m.listeningMs) };
      }
    });
  }
  const kill = async (): Promise<void> => {
    if (isStarted(child)) child.kill('SIGKILL');
    await exited;
  };
  const waitUntil = async (what: string, done: () => boolean | Promise<boolean>, deadline: number): Promise<void> => {
    for (;;) {
      if (!isStarted(child)) throw new Error(`the crash server exited (${child.exitCode ?? child.signalCode}) before ${what}:\n${stderr.join('')}`);
      if (Date.now() > deadline) {
        await kill();
        throw new Error(`the crash server was not ${what} in time:\n${stderr.join('')}`);
      }
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return {
    kill,
    start: async (timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      await waitUntil('loaded', () => loaded, deadline);
      const started = performance.now();
      child.stdin?.write('start\n');
      await waitUntil('ready', async () => inside !== undefined && (await healthy(port)), deadline);
      const timings: ServerTimings = { readyMs: Math.round(performance.now() - started), ...(inside ?? { loadedMs: 0, createdMs: 0, listeningMs: 0 }) };
      return {
        pid: child.pid ?? -1,
        timings,
        kill,
        stop: async () => {
          if (!isStarted(child)) return;
          child.kill('SIGTERM');
          const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
          await exited;
          clearTimeout(force);
        },
      };
    },
  };
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}
