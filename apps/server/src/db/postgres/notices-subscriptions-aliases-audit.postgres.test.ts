import { PgIncidentStore } from './incidents.postgres';
import { describeIncidentStoreContract } from '../../../test-support/contracts/incident-store.contract';
import { expect, it } from 'vitest';
import { describeActorAliasesStoreContract } from '../../../test-support/contracts/actor-aliases-store.contract';
import { describeAuditStoreContract } from '../../../test-support/contracts/audit-store.contract';
import { describeIntegrationNoticesStoreContract } from '../../../test-support/contracts/integration-notices-store.contract';
import { describeSubscriptionsStoreContract } from '../../../test-support/contracts/subscriptions-store.contract';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { openPostgresStore } from '../../../test-support/postgres/open-postgres-store';
import type { ThrowawayPostgres } from '../../../test-support/postgres/throwaway-postgres';
import { PgActorAliasesStore } from './actor-aliases.postgres';
import { PgAuditStore } from './audit.postgres';
import { PgMaintenanceStore } from './maintenance.postgres';
import { describeMaintenanceStoreContract } from '../../../test-support/contracts/maintenance-store.contract';
import { PgExecutor } from './executor.postgres';
import { PgIntegrationNoticesStore } from './integration-notices.postgres';
import { migratePostgres } from './migrate.postgres';
import { createPgPool } from './pool.postgres';
import { PgSubscriptionsStore } from './subscriptions.postgres';

/** The same contracts as SQLite's on a real PostgreSQL server (a fresh migrated database per test), and what only several nodes show. */
describeWithPostgres('PostgreSQL notices, subscriptions, actor aliases and audit', (server: () => ThrowawayPostgres) => {
  describeIntegrationNoticesStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgIntegrationNoticesStore(pg)));
  describeSubscriptionsStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgSubscriptionsStore(pg)));
  describeActorAliasesStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgActorAliasesStore(pg)));
  describeAuditStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgAuditStore(pg)));
  describeMaintenanceStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgMaintenanceStore(pg)));
  describeIncidentStoreContract('PostgreSQL', openPostgresStore(server, (pg) => new PgIncidentStore(pg)));

  it('shows one node the subscriptions another node creates or revokes at once (no per-process cache)', async () => {
    const url = await server().createDatabase();
    const a = createPgPool(url);
    const b = createPgPool(url);
    try {
      await migratePostgres(a);
      const nodeA = new PgSubscriptionsStore(new PgExecutor(a));
      const nodeB = new PgSubscriptionsStore(new PgExecutor(b));
      expect(await nodeB.listActive()).toEqual([]);
      await nodeA.create({ id: 'w-1', kind: 'webhook', name: 'hook', callbackUrl: 'https://example.test/hook', eventTypes: ['points.awarded'], query: null, secret: 's', createdAt: 1_000, createdBy: 'admin' });
      expect((await nodeB.listActive()).map((s) => s.id)).toEqual(['w-1']);
      expect(await nodeA.revokeOne('w-1', 2_000)).toBe(true);
      expect(await nodeB.listActive()).toEqual([]);
      expect(await nodeB.revokeOne('w-1', 3_000)).toBe(false);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('refuses to TRUNCATE the audit log (row triggers alone would not see it)', async () => {
    const f = await openPostgresStore(server, (pg) => new PgAuditStore(pg))();
    try {
      await f.store.record(1, { actorId: null, action: 'kept' });
      await expect(f.seed('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
      expect((await f.store.recent(10)).map((r) => r.action)).toEqual(['kept']);
    } finally {
      await f.close();
    }
  });
});
