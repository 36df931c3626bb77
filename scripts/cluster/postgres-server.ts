/**
 * A PostgreSQL server of our own from Debian's binaries (`apt-get install -y postgresql`): a cluster
 * made with initdb in a folder, started with pg_ctl on a port, listening on 127.0.0.1 only. initdb
 * and pg_ctl refuse to run as root, so under root they run as the `postgres` user (su). Used by
 * `npm run cluster` (a folder kept under data/) and by the tests' throwaway servers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BIN_DIR = process.env.OPSQUEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why no server can be started here, or undefined when one can. */
export function postgresUnavailable(): string | undefined {
  for (const bin of ['initdb', 'pg_ctl']) {
    const path = join(BIN_DIR, bin);
    if (!existsSync(path)) return `${path} is missing: install Debian's postgresql package (apt-get install -y postgresql)`;
  }
  if (spawnSync('psql', ['--version']).status !== 0) return 'psql is missing: install Debian\'s postgresql package (apt-get install -y postgresql)';
  if (isRoot() && spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no postgres user to run initdb as';
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs one of the server's binaries as the user allowed to (postgres under root, else ourselves). */
export function runPg(bin: string, args: string[]): void {
  const path = join(BIN_DIR, bin);
  if (isRoot()) {
    const command = [path, ...args].map(shellQuote).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' });
  } else {
    execFileSync(path, args, { stdio: 'pipe' });
  }
}

export interface PostgresServerOptions {
  /** the folder that holds the cluster (`data/`), its socket and its log; made when missing */
  dir: string;
  port: number;
  /** durable writes (fsync, full page writes): off for throwaway test servers */
  durable: boolean;
  maxConnections?: number;
  /** more `-c name=value` settings, e.g. for a benchmark's diagnosis */
  settings?: string[];
}

/** Makes the cluster in `dir` if there is none yet, and starts it. Throws with PostgreSQL's own message. */
export interface PostgresServer {
  url(database?: string): string;
  /** stops the server (its data stays): `fast` ends sessions cleanly, `immediate` as a crash would */
  stop(mode?: 'fast' | 'immediate'): void;
  /** starts it again on the same folder and port */
  start(): void;
}

export function startPostgresServer(options: PostgresServerOptions): PostgresServer {
  const { dir, port } = options;
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  if (!existsSync(join(data, 'PG_VERSION'))) runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', ...(options.durable ? [] : ['--no-sync']), '-E', 'UTF8', '--locale', 'C']);
  const quick = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const settings = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c max_connections=${options.maxConnections ?? 200}${quick}${(options.settings ?? []).map((x) => ` -c ${x}`).join('')}`;
  const start = (): void => runPg('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  start();
  return {
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    stop: (mode = 'fast') => runPg('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']),
    start,
  };
}
