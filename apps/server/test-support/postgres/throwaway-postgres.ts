import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../free-port';

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster made with Debian's own binaries in a
 * temporary folder, on a free port, listening on 127.0.0.1 only, stopped and deleted afterwards.
 * initdb and pg_ctl refuse to run as root, so under root they run as the `postgres` user (su).
 */
const BIN_DIR = process.env.OPSQUEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database and gives its URL. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

/** Why no throwaway server can be started here, or undefined when one can. */
export function postgresUnavailable(): string | undefined {
  for (const bin of ['initdb', 'pg_ctl', 'psql']) {
    const path = bin === 'psql' ? 'psql' : join(BIN_DIR, bin);
    if (bin !== 'psql' && !existsSync(path)) return `${path} is missing: install Debian's postgresql package (apt-get install -y postgresql)`;
  }
  if (isRoot() && spawnSync('id', ['postgres']).status !== 0) return 'running as root and there is no postgres user to run initdb as';
  return undefined;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs one of the cluster binaries as the user allowed to (postgres under root, else ourselves). */
function runPg(bin: string, args: string[]): void {
  const path = join(BIN_DIR, bin);
  if (isRoot()) {
    const command = [path, ...args].map(shellQuote).join(' ');
    execFileSync('su', ['postgres', '-s', '/bin/bash', '-c', command], { stdio: 'pipe' });
  } else {
    execFileSync(path, args, { stdio: 'pipe' });
  }
}

let databases = 0;

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const why = postgresUnavailable();
  if (why) throw new Error(`cannot start a throwaway PostgreSQL: ${why}`);
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-pg-'));
  chmodSync(dir, 0o777);
  if (isRoot()) execFileSync('chown', ['postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
    const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    runPg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : '';
    throw new Error(`cannot start a throwaway PostgreSQL: ${err instanceof Error ? err.message : String(err)} ${stderr}`, { cause: err });
  }
  const url = (database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase() {
      databases += 1;
      const name = `opsquest_test_${process.pid}_${databases}`;
      execFileSync('psql', [url(), '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { stdio: 'pipe' });
      return url(name);
    },
    async stop() {
      try {
        runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
