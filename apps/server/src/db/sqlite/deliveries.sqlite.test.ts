import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDeliveryStoreContract, type DeliveryFixture } from '../../../test-support/contracts/delivery-store.contract';
import { SqliteSubscriptionsStore } from './subscriptions.sqlite';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';
import { SqliteDeliveryStore } from './deliveries.sqlite';

/** The DeliveryStore contract on a real SQLite file, migrated from empty; the second node is a second connection to it. */
async function openSqlite(): Promise<DeliveryFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-deliveries-'));
  const path = join(dir, 'opsquest.db');
  const db = openDatabase(path);
  migrate(db);
  const other = openDatabase(path);
  const subscriptions = new SqliteSubscriptionsStore(db);
  const newest = db.prepare<[number], { id: number }>('SELECT id FROM deliveries ORDER BY id DESC LIMIT ?');
  return {
    deliveries: new SqliteDeliveryStore(db),
    otherNode: new SqliteDeliveryStore(other),
    addSubscription: async (id) => {
      await subscriptions.create({ id, kind: 'webhook', name: id, callbackUrl: 'http://127.0.0.1:1/hook', eventTypes: ['points.awarded'], query: null, secret: null, createdAt: 0, createdBy: 'admin' });
    },
    // through the outbox's own enqueue, as the ingest transaction queues them
    enqueue: async (subscriptionId, count, at) => {
      await SqliteUnitOfWork.of(db).run(async () => {
        for (let n = 0; n < count; n += 1) await subscriptions.enqueue(subscriptionId, 'points.awarded', JSON.stringify({ n }), at);
      });
      return newest.all(count).map((r) => r.id).reverse();
    },
    close: async () => {
      other.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describeDeliveryStoreContract('SQLite', openSqlite);
