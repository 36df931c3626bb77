/**
 * The soak's server in its own process (soak-server-main.ts): start it on a database file, collect
 * its samples, name the phase it is in, stop it gracefully. Like b2-server-process.ts, whose
 * `startServer` always runs bench-server-main.ts and forwards lines it does not know to stderr.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { isRecord, ROOT, onJsonLines } from '../bench/bench-kit';
import { PHASE_COMMAND, SAMPLE_PREFIX, type SoakSample } from './soak-sampler';

const SERVER_MAIN = resolve(ROOT, 'scripts/soak/soak-server-main.ts');

export interface SoakServer {
  port: number;
  pid: number | undefined;
  /** every sample so far, in order */
  readonly samples: readonly SoakSample[];
  /** starts a new phase: the server resets its phase histogram and restarts its sample windows */
  phase(name: string): void;
  /** graceful stop: resolves once the process has exited (its database closed); its exit code */
  stop(): Promise<number | null>;
}

function isSample(v: unknown): v is SoakSample {
  return isRecord(v) && typeof v.phase === 'string' && typeof v.atMs === 'number' && typeof v.heapFloorMb === 'number' && typeof v.walBytes === 'number';
}

export async function startSoakServer(databasePath: string, people: number, sampleMs: number): Promise<SoakServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN, databasePath], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn', BENCH_PEOPLE: String(people), SOAK_SAMPLE_MS: String(sampleMs) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const samples: SoakSample[] = [];
  let onPort: ((port: number) => void) | undefined;
  const portPromise = new Promise<number>((resolvePort, reject) => {
    onPort = resolvePort;
    void exited.then((code) => reject(new Error(`the soak server exited (code ${code}) before listening`)));
    setTimeout(() => reject(new Error('the soak server did not start within 60 s')), 60_000).unref();
  });
  const { stdout, stdin } = child;
  if (!stdout || !stdin) throw new Error('no pipes to the soak server');
  onJsonLines(stdout, (msg, line) => {
    if (isRecord(msg) && isRecord(msg.benchServer) && typeof msg.benchServer.port === 'number') onPort?.(msg.benchServer.port);
    else if (isRecord(msg) && isSample(msg[SAMPLE_PREFIX])) samples.push(msg[SAMPLE_PREFIX]);
    else process.stderr.write(`[server] ${line}\n`);
  });
  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    // closing the last connection checkpoints the whole WAL into the database: give it time
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  let port: number;
  try {
    port = await portPromise;
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    port,
    pid: child.pid,
    samples,
    phase: (name) => {
      stdin.write(`${PHASE_COMMAND} ${name}\n`);
    },
    stop,
  };
}
