import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeliveryRow, DeliveryStore } from '../../src/services/ports/delivery-store';

/**
 * What an adapter hands the DeliveryStore contract: its store on a fresh, migrated, empty database,
 * a second store on the same database through connections of its own (another node), and plain
 * ways to put a subscription and queued deliveries in (enqueueing is not this port's).
 */
export interface DeliveryFixture {
  deliveries: DeliveryStore;
  /** the same database through another connection (SQLite) or another pool (PostgreSQL): a second node */
  otherNode: DeliveryStore;
  addSubscription(id: string): Promise<void>;
  /** Queues `count` pending deliveries to the subscription, due at `at`; their ids, oldest first. */
  enqueue(subscriptionId: string, count: number, at: number): Promise<number[]>;
  close(): Promise<void>;
}

export type OpenDeliveryFixture = () => Promise<DeliveryFixture>;

const MINUTE = 60_000;
const ids = (rows: DeliveryRow[]): number[] => rows.map((r) => r.id);

/** The DeliveryStore port's promises, above all that a delivery is claimed by one node at a time. */
export function describeDeliveryStoreContract(adapter: string, open: OpenDeliveryFixture): void {
  describe(`DeliveryStore contract (${adapter})`, () => {
    let f: DeliveryFixture;
    beforeEach(async () => {
      f = await open();
      await f.addSubscription('s-1');
      await f.addSubscription('s-2');
    });
    afterEach(async () => {
      await f.close();
    });

    it('claims the due deliveries once, oldest first, leased to the claimant', async () => {
      const due = await f.enqueue('s-1', 3, 1_000);
      const later = await f.enqueue('s-2', 1, 5_000);
      const claimed = await f.deliveries.claimDue(2_000, 10, MINUTE, 'node-a');
      expect(ids(claimed)).toEqual(due);
      expect(claimed[0]).toEqual({
        id: due[0],
        subscriptionId: 's-1',
        eventType: 'points.awarded',
        payload: '{"n":0}',
        status: 'pending',
        attempts: 0,
        nextAttemptAt: 1_000,
        lastStatus: null,
        lastError: null,
        createdAt: 1_000,
        deliveredAt: null,
        leaseUntil: 2_000 + MINUTE,
        leasedBy: 'node-a',
      });
      expect(await f.deliveries.claimDue(2_000, 10, MINUTE, 'node-a')).toEqual([]);
      expect(await f.otherNode.claimDue(2_000, 10, MINUTE, 'node-b')).toEqual([]);
      // once the later one is due only it is claimed: the others are still leased
      expect(ids(await f.otherNode.claimDue(5_000, 10, MINUTE, 'node-b'))).toEqual(later);
    });

    it('takes at most `limit` at a time, oldest first', async () => {
      const due = await f.enqueue('s-1', 5, 1_000);
      expect(ids(await f.deliveries.claimDue(1_000, 2, MINUTE, 'node-a'))).toEqual(due.slice(0, 2));
      expect(ids(await f.otherNode.claimDue(1_000, 2, MINUTE, 'node-b'))).toEqual(due.slice(2, 4));
      expect(ids(await f.deliveries.claimDue(1_000, 10, MINUTE, 'node-a'))).toEqual(due.slice(4));
      expect(await f.deliveries.claimDue(1_000, 0, MINUTE, 'node-a')).toEqual([]);
    });

    it('does not claim a leased delivery again before its lease ends, and does once it has (a crashed node)', async () => {
      const [id] = await f.enqueue('s-1', 1, 1_000);
      expect(ids(await f.deliveries.claimDue(1_000, 10, 500, 'node-a'))).toEqual([id]);
      expect(await f.otherNode.claimDue(1_499, 10, MINUTE, 'node-b')).toEqual([]);
      expect(await f.deliveries.claimDue(1_499, 10, MINUTE, 'node-a')).toEqual([]);
      const taken = await f.otherNode.claimDue(1_500, 10, 500, 'node-b');
      expect(taken).toMatchObject([{ id, status: 'pending', attempts: 0, leaseUntil: 2_000, leasedBy: 'node-b' }]);
      expect(await f.deliveries.claimDue(1_999, 10, MINUTE, 'node-a')).toEqual([]);
      expect(ids(await f.deliveries.claimDue(2_000, 10, MINUTE, 'node-a'))).toEqual([id]);
    });

    it('records a delivery as delivered, clears its lease and never claims it again', async () => {
      const [id, other] = await f.enqueue('s-1', 2, 1_000);
      await f.deliveries.claimDue(1_000, 10, MINUTE, 'node-a');
      await f.deliveries.delivered(id ?? -1, 204, 3_000);
      const [, first] = await f.deliveries.list('s-1', 10);
      expect(first).toMatchObject({ id, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null, deliveredAt: 3_000, nextAttemptAt: 1_000, leaseUntil: null, leasedBy: null });
      // the other one is still leased to node-a
      expect((await f.deliveries.list('s-1', 10))[0]).toMatchObject({ id: other, status: 'pending', leaseUntil: 1_000 + MINUTE, leasedBy: 'node-a' });
      expect(ids(await f.otherNode.claimDue(10 * MINUTE, 10, MINUTE, 'node-b'))).toEqual([other]);
    });

    it('records a failed attempt, clears its lease, is due again at its next attempt, and is never claimed once given up', async () => {
      const [id] = await f.enqueue('s-1', 1, 1_000);
      const delivery = id ?? -1;
      await f.deliveries.claimDue(1_000, 10, MINUTE, 'node-a');
      await f.deliveries.retryLater(delivery, 500, 'HTTP 500', 2_000, false);
      expect((await f.deliveries.list('s-1', 1))[0]).toMatchObject({ id, status: 'pending', attempts: 1, lastStatus: 500, lastError: 'HTTP 500', nextAttemptAt: 2_000, leaseUntil: null, leasedBy: null });
      expect(await f.otherNode.claimDue(1_999, 10, MINUTE, 'node-b')).toEqual([]);
      // well before node-a's lease (61 s) would have ended: the lease went with the attempt
      expect(await f.otherNode.claimDue(2_000, 10, MINUTE, 'node-b')).toMatchObject([{ id, attempts: 1, leasedBy: 'node-b' }]);
      await f.otherNode.retryLater(delivery, null, `TimeoutError: ${'x'.repeat(600)}`, 3_000, true);
      const failed = (await f.deliveries.list('s-1', 1))[0];
      expect(failed).toMatchObject({ id, status: 'failed', attempts: 2, lastStatus: null, nextAttemptAt: 3_000, leaseUntil: null, leasedBy: null });
      expect(failed?.lastError).toHaveLength(500);
      expect(failed?.lastError?.startsWith('TimeoutError: xxx')).toBe(true);
      expect(await f.deliveries.claimDue(10 * MINUTE, 10, MINUTE, 'node-a')).toEqual([]);
    });

    it('counts the pending deliveries of every subscription and node: due, waiting to retry or leased, never delivered or given up', async () => {
      expect(await f.deliveries.countPending()).toBe(0);
      const [first, second, third] = await f.enqueue('s-1', 3, 1_000);
      await f.enqueue('s-2', 2, 50_000);
      expect(await f.otherNode.countPending()).toBe(5);
      await f.deliveries.claimDue(1_000, 10, MINUTE, 'node-a');
      expect(await f.deliveries.countPending()).toBe(5);
      await f.deliveries.delivered(first ?? -1, 200, 2_000);
      await f.deliveries.retryLater(second ?? -1, 503, 'HTTP 503', 9_000, false);
      await f.deliveries.retryLater(third ?? -1, null, 'timeout', 9_000, true);
      expect(await f.deliveries.countPending()).toBe(3);
      expect(await f.otherNode.countPending()).toBe(3);
    });

    it("lists a subscription's deliveries newest first, at most `limit`, and no other subscription's", async () => {
      const one = await f.enqueue('s-1', 3, 1_000);
      await f.enqueue('s-2', 2, 1_000);
      expect(ids(await f.deliveries.list('s-1', 10))).toEqual([...one].reverse());
      expect(ids(await f.otherNode.list('s-1', 2))).toEqual([one[2], one[1]]);
      expect(await f.deliveries.list('nope', 10)).toEqual([]);
    });

    it('never gives one delivery to two nodes claiming at once, and between them they get all of them', async () => {
      const queued = await f.enqueue('s-1', 500, 1_000);
      const got = new Map<string, number[]>([
        ['node-a', []],
        ['node-b', []],
      ]);
      let total = 0;
      /** one of a node's workers: claims a few at a time until nothing is left for it (or more came out than went in) */
      const worker = async (store: DeliveryStore, claimant: string): Promise<void> => {
        while (total <= queued.length) {
          const claimed = await store.claimDue(1_000, 7, MINUTE, claimant);
          if (claimed.length === 0) return;
          total += claimed.length;
          got.get(claimant)?.push(...ids(claimed));
        }
      };
      await Promise.all(Array.from({ length: 8 }, () => [worker(f.deliveries, 'node-a'), worker(f.otherNode, 'node-b')]).flat());
      const a = got.get('node-a') ?? [];
      const b = got.get('node-b') ?? [];
      const all = [...a, ...b].sort((x, y) => x - y);
      expect(all.length - new Set(all).size).toBe(0);
      expect(all).toEqual(queued);
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
      // and each row's lease names the node that got it
      const leasedTo = new Map((await f.deliveries.list('s-1', 500)).map((d) => [d.id, d.leasedBy]));
      expect(a.every((id) => leasedTo.get(id) === 'node-a')).toBe(true);
      expect(b.every((id) => leasedTo.get(id) === 'node-b')).toBe(true);
    });
  });
}
