/** The B2 server in its own process (bench-server-main.ts): start, ask for its CPU stats, stop. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isRecord, ROOT, onJsonLines } from './bench-kit';
import type { BenchServerStats } from './bench-server-main';

const SERVER_MAIN = resolve(ROOT, 'scripts/bench/bench-server-main.ts');

export interface ServerProcess {
  port: number;
  dbPath: string;
  stats(): Promise<BenchServerStats>;
  /** graceful stop: resolves once the process has exited (and its database is closed) */
  stop(): Promise<void>;
}

export function isStats(v: unknown): v is BenchServerStats {
  return isRecord(v) && typeof v.userMs === 'number' && typeof v.activeMs === 'number' && typeof v.hrtimeUs === 'number';
}

/** More for a benchmark that needs it (B4x): extra environment, and the server's own JSON lines (true: handled). */
export interface ServerExtras {
  env?: Record<string, string>;
  onMessage?: (msg: Record<string, unknown>) => boolean;
}

export async function startServer(dir: string, people: number, cpuProfDir?: string, extras: ServerExtras = {}): Promise<ServerProcess> {
  const dbPath = join(dir, 'opsquest.db');
  const args = [...(cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : []), '--import', 'tsx', SERVER_MAIN, dbPath];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', BENCH_PEOPLE: String(people), ...extras.env },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const waiting: ((s: BenchServerStats) => void)[] = [];
  let onPort: ((port: number) => void) | undefined;
  const portPromise = new Promise<number>((resolvePort, reject) => {
    onPort = resolvePort;
    void exited.then((code) => reject(new Error(`the bench server exited (code ${code}) before listening`)));
    setTimeout(() => reject(new Error('the bench server did not start within 60 s')), 60_000).unref();
  });
  if (!child.stdout || !child.stdin) throw new Error('no pipes to the bench server');
  onJsonLines(child.stdout, (msg, line) => {
    if (isRecord(msg) && isRecord(msg.benchServer) && typeof msg.benchServer.port === 'number') onPort?.(msg.benchServer.port);
    else if (isRecord(msg) && isStats(msg.benchServerStats)) waiting.shift()?.(msg.benchServerStats);
    else if (isRecord(msg) && extras.onMessage?.(msg)) return;
    else process.stderr.write(`[server] ${line}\n`);
  });
  const stdin = child.stdin;
  const kill = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  let port: number;
  try {
    port = await portPromise;
  } catch (err) {
    await kill();
    throw err;
  }
  return {
    port,
    dbPath,
    stats: () =>
      Promise.race([
        new Promise<BenchServerStats>((r) => {
          waiting.push(r);
          stdin.write('stats\n');
        }),
        exited.then((code): never => {
          throw new Error(`the bench server exited (code ${code}) during the run`);
        }),
      ]),
    stop: kill,
  };
}
