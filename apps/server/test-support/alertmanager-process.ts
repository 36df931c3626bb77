import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';

/**
 * A real Prometheus Alertmanager (Debian's `prometheus-alertmanager`, 0.25) for the tests: started on
 * a free loopback port with a configuration the test writes, gossip off, its log kept for failure
 * messages, stopped and its folder removed afterwards.
 */

/** The binary; ALERTMANAGER_PATH overrides it. */
export const ALERTMANAGER_PATH = process.env.ALERTMANAGER_PATH ?? '/usr/bin/prometheus-alertmanager';
/** amtool from the same Debian package (`amtool check-config`). */
export const AMTOOL_PATH = process.env.AMTOOL_PATH ?? '/usr/bin/amtool';

export const ALERTMANAGER_MISSING = `Alertmanager not found at ${ALERTMANAGER_PATH}: apt-get install -y prometheus-alertmanager (or set ALERTMANAGER_PATH)`;

/** Whether `path` is an executable file. */
export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine runs CI (the CI variable set and not "false" or "0"); there a missing binary is a failure, not a skip. */
export function inCi(): boolean {
  const ci = process.env.CI?.trim().toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

/** `amtool check-config <file>`: undefined when the file is valid, else amtool's complaint. */
export function amtoolCheckConfig(file: string): string | undefined {
  const run = spawnSync(AMTOOL_PATH, ['check-config', file], { encoding: 'utf8', timeout: 30_000 });
  if (run.error) return `amtool could not run: ${run.error.message}`;
  return run.status === 0 ? undefined : `${run.stdout}${run.stderr}`.trim();
}

/** An alert as Prometheus posts it to `POST /api/v2/alerts` (Alertmanager's postableAlert). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
}

export interface AlertmanagerProcess {
  /** http://127.0.0.1:<port>, also its --web.external-url (the webhook payload's externalURL) */
  url: string;
  port: number;
  /** the folder with alertmanager.yml and the data; removed by stop() */
  dir: string;
  /** everything Alertmanager has logged so far (stdout and stderr) */
  log(): string;
  /** the last `lines` lines of the log, for failure messages */
  logTail(lines?: number): string;
  /** POST /api/v2/alerts, as Prometheus does; throws with Alertmanager's answer unless 200 */
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  /** GET /metrics: the value of one sample (labels matched exactly as given), 0 when absent */
  metric(name: string, labels?: Record<string, string>): Promise<number>;
  /** SIGTERM (SIGKILL after 5 s), then removes the folder; safe to call twice */
  stop(): Promise<void>;
}

export interface StartAlertmanagerOptions {
  /** the alertmanager.yml to run with */
  config: string;
  /** how long to wait for /-/ready (default 20 s) */
  readyTimeoutMs?: number;
}

export { freePort };

/** One sample's value from Prometheus text exposition (`name{a="b"} 12`); 0 when absent. */
export function sampleValue(exposition: string, name: string, labels: Record<string, string> = {}): number {
  const wanted = Object.entries(labels);
  for (const line of exposition.split('\n')) {
    if (line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = new Map<string, string>();
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) have.set(pair[1] ?? '', pair[2] ?? '');
    if (wanted.every(([k, v]) => have.get(k) === v)) return Number(match[3]);
  }
  return 0;
}

const MAX_LOG_CHARS = 2_000_000;

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function startOnce(dir: string, config: string, port: number, readyTimeoutMs: number): Promise<AlertmanagerProcess | 'port-taken'> {
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(dir, 'alertmanager.yml');
  const dataDir = join(dir, 'data');
  writeFileSync(configFile, config);
  const child = spawn(
    ALERTMANAGER_PATH,
    [
      `--config.file=${configFile}`,
      `--storage.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--web.external-url=${url}`,
      // an empty address turns the cluster (gossip on :9094) off: a single Alertmanager
      '--cluster.listen-address=',
      '--log.level=info',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  const append = (chunk: Buffer): void => {
    log += chunk.toString();
    if (log.length > MAX_LOG_CHARS) log = log.slice(-MAX_LOG_CHARS / 2);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  let spawnError: Error | undefined;
  child.once('error', (err) => (spawnError = err));
  // The test process may die without stop(): do not leave an Alertmanager behind.
  const killOnExit = (): void => {
    if (!exited(child)) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const tail = (lines = 40): string => log.trimEnd().split('\n').slice(-lines).join('\n');
  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (!exited(child) && spawnError === undefined) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        child.kill('SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (spawnError) {
      await stop();
      throw new Error(`Alertmanager (${ALERTMANAGER_PATH}) did not start: ${spawnError.message}`);
    }
    if (exited(child)) {
      await stop();
      if (/address already in use/.test(log)) return 'port-taken';
      throw new Error(`Alertmanager exited (${child.exitCode ?? child.signalCode ?? '?'}) before it was ready. Its log:\n${tail()}`);
    }
    try {
      const res = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager was not ready on ${url}/-/ready after ${readyTimeoutMs} ms. Its log:\n${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    url,
    port,
    dir,
    log: () => log,
    logTail: tail,
    postAlerts: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (res.status !== 200) throw new Error(`Alertmanager refused ${alerts.length} alert(s): ${res.status} ${await res.text()}`);
    },
    metric: async (name, labels = {}) => {
      const res = await fetch(`${url}/metrics`);
      if (res.status !== 200) throw new Error(`Alertmanager /metrics answered ${res.status}`);
      return sampleValue(await res.text(), name, labels);
    },
    stop: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Alertmanager with `options.config` on a free port of 127.0.0.1, its
 * external URL that address, and resolves once `/-/ready` answers 200. A port taken in the meantime
 * is retried on another one; any other failure throws with Alertmanager's log.
 */
export async function startAlertmanager(options: StartAlertmanagerOptions): Promise<AlertmanagerProcess> {
  if (!isExecutable(ALERTMANAGER_PATH)) throw new Error(ALERTMANAGER_MISSING);
  for (let attempt = 1; ; attempt++) {
    const dir = mkdtempSync(join(tmpdir(), 'opsquest-alertmanager-'));
    const port = await freePort();
    try {
      const started = await startOnce(dir, options.config, port, options.readyTimeoutMs ?? 20_000);
      if (started !== 'port-taken') return started;
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
    rmSync(dir, { recursive: true, force: true });
    if (attempt >= 3) throw new Error('Alertmanager found its port taken three times in a row');
  }
}
