import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SubscriptionRow, SubscriptionsStore } from '../../src/services/ports/subscriptions-store';
import type { OpenStore, StoreFixture } from './store-fixture';

type NewSubscription = Omit<SubscriptionRow, 'revokedAt'>;

const webhook = (id: string, createdAt: number, over: Partial<NewSubscription> = {}): NewSubscription => ({
  id,
  kind: 'webhook',
  name: `hook ${id}`,
  callbackUrl: `https://example.test/${id}`,
  eventTypes: ['points.awarded', 'badge.earned'],
  query: null,
  secret: `secret-${id}`,
  createdAt,
  createdBy: 'admin',
  ...over,
});
const hub = (id: string, createdAt: number): NewSubscription => ({
  id,
  kind: 'hub',
  name: `hub ${id}`,
  callbackUrl: `https://tmf.example.test/${id}/listener`,
  eventTypes: ['AlarmCreateEvent'],
  query: 'eventType=AlarmCreateEvent&perceivedSeverity=critical',
  secret: null,
  createdAt,
  createdBy: null,
});

interface RawDelivery {
  subscription_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  created_at: number;
  last_status: number | null;
  delivered_at: number | null;
}

/** The SubscriptionsStore port's promises, the same on every engine. */
export function describeSubscriptionsStoreContract(engine: string, open: OpenStore<SubscriptionsStore>): void {
  describe(`SubscriptionsStore contract (${engine})`, () => {
    let f: StoreFixture<SubscriptionsStore>;
    let subs: SubscriptionsStore;
    const deliveries = async (): Promise<RawDelivery[]> =>
      f.query<RawDelivery>('SELECT subscription_id, event_type, payload, status, attempts, next_attempt_at, created_at, last_status, delivered_at FROM deliveries ORDER BY id');
    beforeEach(async () => {
      f = await open();
      subs = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    it('stores a subscription as given and finds it by id', async () => {
      await subs.create(webhook('w-1', 1_000));
      await subs.create(hub('h-1', 2_000));
      expect(await subs.find('w-1')).toEqual({ ...webhook('w-1', 1_000), revokedAt: null });
      expect(await subs.find('h-1')).toEqual({ ...hub('h-1', 2_000), revokedAt: null });
      await subs.create(webhook('w-empty', 3_000, { eventTypes: [] }));
      expect((await subs.find('w-empty'))?.eventTypes).toEqual([]);
      expect(await subs.find('W-1')).toBeUndefined();
      expect(await subs.find('missing')).toBeUndefined();
    });

    it('refuses a second subscription with the same id and keeps the first', async () => {
      await subs.create(webhook('w-1', 1_000));
      await expect(subs.create(webhook('w-1', 2_000, { name: 'again' }))).rejects.toThrow();
      expect(await subs.find('w-1')).toMatchObject({ name: 'hook w-1', createdAt: 1_000 });
      expect(await subs.listActive()).toHaveLength(1);
    });

    it('lists one kind, newest first, revoked ones included', async () => {
      expect(await subs.list('webhook')).toEqual([]);
      await subs.create(webhook('w-old', 1_000));
      await subs.create(webhook('w-new', 3_000));
      await subs.create(webhook('w-mid', 2_000));
      await subs.create(hub('h-1', 5_000));
      await subs.revokeOne('w-mid', 4_000);
      expect((await subs.list('webhook')).map((s) => s.id)).toEqual(['w-new', 'w-mid', 'w-old']);
      expect((await subs.list('webhook'))[1]?.revokedAt).toBe(4_000);
      expect(await subs.list('hub')).toEqual([{ ...hub('h-1', 5_000), revokedAt: null }]);
    });

    it('lists the active subscriptions of both kinds, oldest first, and sees a create or a revoke at once', async () => {
      expect(await subs.listActive()).toEqual([]);
      await subs.create(webhook('w-1', 1_000));
      await subs.create(hub('h-1', 2_000));
      expect((await subs.listActive()).map((s) => s.id)).toEqual(['w-1', 'h-1']);
      await subs.create(webhook('w-2', 3_000));
      expect(await subs.listActive()).toEqual([
        { ...webhook('w-1', 1_000), revokedAt: null },
        { ...hub('h-1', 2_000), revokedAt: null },
        { ...webhook('w-2', 3_000), revokedAt: null },
      ]);
      expect(await subs.revokeOne('h-1', 4_000)).toBe(true);
      expect((await subs.listActive()).map((s) => s.id)).toEqual(['w-1', 'w-2']);
    });

    it('revokes a subscription once; an unknown one is not revoked', async () => {
      await subs.create(webhook('w-1', 1_000));
      expect(await subs.revokeOne('w-1', 2_000)).toBe(true);
      expect(await subs.revokeOne('w-1', 3_000)).toBe(false);
      expect((await subs.find('w-1'))?.revokedAt).toBe(2_000);
      expect(await subs.revokeOne('missing', 3_000)).toBe(false);
      expect(await subs.listActive()).toEqual([]);
    });

    it('queues pending deliveries, due now, in order; refuses one for an unknown subscription', async () => {
      await subs.create(webhook('w-1', 1_000));
      await subs.create(hub('h-1', 1_000));
      await subs.enqueue('w-1', 'points.awarded', '{"n":1}', 10_000);
      await subs.enqueue('h-1', 'AlarmCreateEvent', '{"alarm":{"id":"a-1"}}', 10_500);
      await subs.enqueue('w-1', 'points.awarded', '{"n":1}', 11_000);
      expect(await deliveries()).toEqual([
        { subscription_id: 'w-1', event_type: 'points.awarded', payload: '{"n":1}', status: 'pending', attempts: 0, next_attempt_at: 10_000, created_at: 10_000, last_status: null, delivered_at: null },
        { subscription_id: 'h-1', event_type: 'AlarmCreateEvent', payload: '{"alarm":{"id":"a-1"}}', status: 'pending', attempts: 0, next_attempt_at: 10_500, created_at: 10_500, last_status: null, delivered_at: null },
        { subscription_id: 'w-1', event_type: 'points.awarded', payload: '{"n":1}', status: 'pending', attempts: 0, next_attempt_at: 11_000, created_at: 11_000, last_status: null, delivered_at: null },
      ]);
      await expect(subs.enqueue('missing', 'points.awarded', '{}', 12_000)).rejects.toThrow();
      expect(await deliveries()).toHaveLength(3);
    });

    it('rolls back what a failed unit of work created, revoked or queued (the transactional outbox)', async () => {
      await subs.create(webhook('w-kept', 1_000));
      await expect(
        f.uow.run(async () => {
          await subs.create(webhook('w-new', 2_000));
          await subs.enqueue('w-new', 'points.awarded', '{"n":1}', 2_000);
          await subs.enqueue('w-kept', 'points.awarded', '{"n":2}', 2_000);
          expect(await subs.revokeOne('w-kept', 2_000)).toBe(true);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await subs.find('w-new')).toBeUndefined();
      expect(await subs.find('w-kept')).toMatchObject({ revokedAt: null });
      expect((await subs.listActive()).map((s) => s.id)).toEqual(['w-kept']);
      expect(await deliveries()).toEqual([]);
      await f.uow.run(async () => {
        await subs.enqueue('w-kept', 'points.awarded', '{"n":3}', 3_000);
      });
      expect((await deliveries()).map((d) => d.payload)).toEqual(['{"n":3}']);
    });
  });
}
