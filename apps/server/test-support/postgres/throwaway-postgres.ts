import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresUnavailable, startPostgresServer } from '../../../../scripts/cluster/postgres-server';
import { freePort } from '../free-port';

export { postgresUnavailable };

/**
 * A throwaway PostgreSQL server for tests: a fresh cluster made with Debian's own binaries in a
 * temporary folder, on a free port, listening on 127.0.0.1 only, stopped and deleted afterwards.
 * initdb and pg_ctl refuse to run as root, so under root they run as the `postgres` user (su).
 */

export interface DatabaseOptions {
  /**
   * An ICU locale (`en-US`) for the database's default collation, as a production server's often is
   * (the throwaway server's own databases sort as C): text is then sorted linguistically, so
   * byte-order assumptions show.
   */
  icuLocale?: string;
}

export interface ThrowawayPostgres {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database and gives its URL. */
  createDatabase(options?: DatabaseOptions): Promise<string>;
  /**
   * Stops the server as a restart does (`fast`: every session is ended, WAL flushed), keeping its data.
   * (Not `immediate`: a throwaway server runs without fsync or synchronous commit, so a crash stop
   * would lose commits a real server keeps.)
   */
  pause(): void;
  /** Starts it again on the same port after `pause`. */
  resume(): void;
  stop(): Promise<void>;
}

let databases = 0;

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const why = postgresUnavailable();
  if (why) throw new Error(`cannot start a throwaway PostgreSQL: ${why}`);
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-pg-'));
  const port = await freePort();
  let server: ReturnType<typeof startPostgresServer>;
  try {
    server = startPostgresServer({ dir, port, durable: false });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = err instanceof Error && 'stderr' in err ? String((err as { stderr: unknown }).stderr) : '';
    throw new Error(`cannot start a throwaway PostgreSQL: ${err instanceof Error ? err.message : String(err)} ${stderr}`, { cause: err });
  }
  const url = (database = 'postgres'): string => server.url(database);
  return {
    port,
    url,
    async createDatabase(options: DatabaseOptions = {}) {
      databases += 1;
      const name = `opsquest_test_${process.pid}_${databases}`;
      const collation = options.icuLocale ? ` TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE '${options.icuLocale}'` : '';
      execFileSync('psql', [url(), '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}${collation}`], { stdio: 'pipe' });
      return url(name);
    },
    pause() {
      server.stop('fast');
    },
    resume() {
      server.start();
    },
    async stop() {
      try {
        server.stop('immediate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
