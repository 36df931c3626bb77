import { afterAll, beforeAll, describe, it } from 'vitest';
import { inCi } from '../alertmanager-process';
import { postgresUnavailable, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres';

/**
 * A describe block that gets its own throwaway PostgreSQL server. Where none can be started the
 * block says so loudly: skipped with a banner on a developer's machine, failed in CI (CI must run it).
 */
export function describeWithPostgres(title: string, body: (server: () => ThrowawayPostgres) => void): void {
  const why = postgresUnavailable();
  if (why) {
    if (inCi()) {
      describe(title, () => {
        it('needs a PostgreSQL server', () => {
          throw new Error(`PostgreSQL tests cannot run: ${why}`);
        });
      });
      return;
    }
    console.warn(`\n!!! PostgreSQL tests SKIPPED (${title}): ${why}\n`);
    describe.skip(title, () => body(() => undefined as never));
    return;
  }
  describe(title, () => {
    let server: ThrowawayPostgres | undefined;
    beforeAll(async () => {
      server = await startThrowawayPostgres();
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
    }, 60_000);
    body(() => {
      if (!server) throw new Error('the throwaway PostgreSQL server did not start');
      return server;
    });
  });
}
