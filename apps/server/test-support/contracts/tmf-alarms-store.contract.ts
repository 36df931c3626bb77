import type { WorkItem } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmPageFilter, TmfAlarmsStore } from '../../src/services/ports/tmf-alarms-store';
import type { WorkItemRecord } from '../../src/services/ports/work-items-store';
import type { OpenStore, StoreFixture } from './store-fixture';
import { AWKWARD_TEXT, eventInsertSql, workItem, workItemInsertSql } from './work-items-store.contract';

const keys = (records: readonly WorkItemRecord[]): string[] => records.map((r) => r.item.key);

/** The TmfAlarmsStore port (it only reads: work items and events are seeded with SQL), checked the same way on every adapter. */
export function describeTmfAlarmsStoreContract(engine: string, open: OpenStore<TmfAlarmsStore>): void {
  describe(`TmfAlarmsStore contract (${engine})`, () => {
    let f: StoreFixture<TmfAlarmsStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    // inserted in this order, so ids ascend a1 … a7 (the order items are created in)
    const a1 = workItem('alarm:nms:a1', { severity: 'critical' });
    const a2 = workItem('alarm:nms:a2', { severity: 'major', status: 'updated', ackState: 'acknowledged' });
    const a3: WorkItem = { ...workItem('alarm:nms:a3', { severity: 'minor' }) };
    delete a3.ackState; // an alarm without an ackState reads as unacknowledged
    const a4 = workItem('alarm:nms:a4', { severity: 'warning', status: 'cleared', open: false, ackState: 'acknowledged' });
    const a5 = workItem('alarm:nms:a5', { severity: 'indeterminate', title: AWKWARD_TEXT, ackState: 'acknowledged' });
    const order = workItem('order:bss:o1');
    const a6 = workItem('alarm:nms:a6', { severity: 'major' });
    const a7 = workItem('alarm:nms:a7', { severity: 'critical', status: 'cleared', open: false });
    const seedAlarms = async (): Promise<void> => {
      await f.seed([a1, a2, a3, a4, a5, order, a6, a7].map((item, n) => workItemInsertSql(item, 10_000 + n)).join(''));
    };
    const page = async (filter: Partial<AlarmPageFilter>): Promise<{ total: number; keys: string[] }> => {
      const result = await f.store.page({ offset: 0, limit: 100, ...filter });
      return { total: result.total, keys: keys(result.records) };
    };

    it('pages alarms in creation order with the number of all that match', async () => {
      expect(await f.store.page({ offset: 0, limit: 10 })).toEqual({ total: 0, records: [] });
      await seedAlarms();
      const all = ['alarm:nms:a1', 'alarm:nms:a2', 'alarm:nms:a3', 'alarm:nms:a4', 'alarm:nms:a5', 'alarm:nms:a6', 'alarm:nms:a7'];
      expect(await page({})).toEqual({ total: 7, keys: all });
      expect(await page({ offset: 2, limit: 2 })).toEqual({ total: 7, keys: all.slice(2, 4) });
      expect(await page({ offset: 6, limit: 5 })).toEqual({ total: 7, keys: all.slice(6) });
      expect(await page({ offset: 7, limit: 5 })).toEqual({ total: 7, keys: [] });
      expect(await page({ offset: 50, limit: 1 })).toEqual({ total: 7, keys: [] });
      const first = await f.store.page({ offset: 1, limit: 1 });
      expect(first.records).toEqual([{ id: expect.any(Number) as number, item: a2, updatedAt: 10_001 }]);
      // empty lists filter nothing
      expect(await page({ states: [], severities: [], ackStates: [] })).toEqual({ total: 7, keys: all });
    });

    it('filters pages by state, severity and ack state (a missing ack state is unacknowledged), all together', async () => {
      await seedAlarms();
      expect(await page({ states: ['raised'] })).toEqual({ total: 4, keys: ['alarm:nms:a1', 'alarm:nms:a3', 'alarm:nms:a5', 'alarm:nms:a6'] });
      expect(await page({ states: ['updated', 'cleared'] })).toEqual({ total: 3, keys: ['alarm:nms:a2', 'alarm:nms:a4', 'alarm:nms:a7'] });
      expect(await page({ states: ['Raised'] })).toEqual({ total: 0, keys: [] });
      expect(await page({ severities: ['major'] })).toEqual({ total: 2, keys: ['alarm:nms:a2', 'alarm:nms:a6'] });
      expect(await page({ severities: ['critical', 'minor'] })).toEqual({ total: 3, keys: ['alarm:nms:a1', 'alarm:nms:a3', 'alarm:nms:a7'] });
      expect(await page({ severities: ['indeterminate'] })).toEqual({ total: 1, keys: ['alarm:nms:a5'] });
      expect(await page({ ackStates: ['unacknowledged'] })).toEqual({ total: 4, keys: ['alarm:nms:a1', 'alarm:nms:a3', 'alarm:nms:a6', 'alarm:nms:a7'] });
      expect(await page({ ackStates: ['acknowledged'] })).toEqual({ total: 3, keys: ['alarm:nms:a2', 'alarm:nms:a4', 'alarm:nms:a5'] });
      expect(await page({ ackStates: ['acknowledged'], offset: 1, limit: 1 })).toEqual({ total: 3, keys: ['alarm:nms:a4'] });
      expect(await page({ states: ['raised', 'cleared'], severities: ['critical', 'major'], ackStates: ['unacknowledged'] })).toEqual({
        total: 3,
        keys: ['alarm:nms:a1', 'alarm:nms:a6', 'alarm:nms:a7'],
      });
      expect(await page({ states: ['raised', 'cleared'], severities: ['critical', 'major'], ackStates: ['unacknowledged'], offset: 2, limit: 10 })).toEqual({
        total: 3,
        keys: ['alarm:nms:a7'],
      });
      expect(await page({ states: ['updated'], ackStates: ['unacknowledged'] })).toEqual({ total: 0, keys: [] });
      const awkward = await f.store.page({ offset: 0, limit: 10, severities: ['indeterminate'], ackStates: ['acknowledged'] });
      expect(awkward.records[0]?.item.title).toBe(AWKWARD_TEXT);
    });

    it('lists every open alarm in creation order, and none of other streams', async () => {
      expect(await f.store.openAlarms()).toEqual([]);
      await seedAlarms();
      const openOnes = await f.store.openAlarms();
      expect(keys(openOnes)).toEqual(['alarm:nms:a1', 'alarm:nms:a2', 'alarm:nms:a3', 'alarm:nms:a5', 'alarm:nms:a6']);
      expect(openOnes[2]).toEqual({ id: expect.any(Number) as number, item: a3, updatedAt: 10_002 });
      expect(openOnes.map((r) => r.id)).toEqual([...openOnes.map((r) => r.id)].sort((x, y) => x - y));
    });

    it('gives the applied events of each item in log order, listed by their first event', async () => {
      expect((await f.store.historyOf([])).size).toBe(0);
      await f.seed(
        [
          eventInsertSql({ itemKey: 'alarm:nms:k2', transition: 'raised', occurredAt: 100, via: 'tmf642', raw: '{"id":"k2"}' }),
          eventInsertSql({ itemKey: 'alarm:nms:k1', transition: 'raised', occurredAt: 50, via: 'api' }),
          eventInsertSql({ itemKey: 'alarm:nms:k1', transition: 'acknowledged', occurredAt: 60, applied: 0 }),
          eventInsertSql({ itemKey: 'alarm:nms:k2', transition: 'acknowledged', occurredAt: 90, via: 'console' }),
          eventInsertSql({ itemKey: 'alarm:nms:k3', transition: 'raised', occurredAt: 10, applied: 0 }),
          eventInsertSql({ itemKey: 'alarm:nms:k1', transition: 'cleared', occurredAt: 70, via: 'tmf642', raw: `{"note":${JSON.stringify(AWKWARD_TEXT)}}` }),
        ].join(''),
      );
      const history = await f.store.historyOf(['alarm:nms:k1', 'alarm:nms:k2', 'alarm:nms:k1', 'alarm:nms:k3', 'alarm:nms:none']);
      expect([...history.entries()]).toEqual([
        [
          'alarm:nms:k2',
          [
            { transition: 'raised', occurredAt: 100, via: 'tmf642', raw: '{"id":"k2"}' },
            { transition: 'acknowledged', occurredAt: 90, via: 'console', raw: null },
          ],
        ],
        [
          'alarm:nms:k1',
          [
            { transition: 'raised', occurredAt: 50, via: 'api', raw: null },
            { transition: 'cleared', occurredAt: 70, via: 'tmf642', raw: `{"note":${JSON.stringify(AWKWARD_TEXT)}}` },
          ],
        ],
      ]);
      expect([...(await f.store.historyOf(['ALARM:NMS:K1'])).keys()]).toEqual([]);
    });

    it('reads the history of many items in chunks of 500 keys, each chunk listed by first event', async () => {
      const many = Array.from({ length: 1_100 }, (_, n) => `alarm:bulk:k${String(n).padStart(4, '0')}`);
      // events in reverse key order: within a chunk, the last key has the first event
      await f.seed([...many].reverse().map((itemKey, n) => eventInsertSql({ itemKey, occurredAt: n })).join(''));
      const history = await f.store.historyOf(many);
      const chunkOrder = [many.slice(0, 500).reverse(), many.slice(500, 1_000).reverse(), many.slice(1_000).reverse()].flat();
      expect([...history.keys()]).toEqual(chunkOrder);
      expect(history.get('alarm:bulk:k0000')).toEqual([{ transition: 'raised', occurredAt: 1_099, via: 'api', raw: null }]);
    });

    it("finds each incident's root alarm, open or cleared, and leaves out incidents without one", async () => {
      const root = workItem('alarm:nms:r1', { incidentId: 'inc-1', incidentRoot: true, open: false, status: 'cleared' });
      const child = workItem('alarm:nms:c1', { incidentId: 'inc-1', incidentRoot: false });
      const rootless = workItem('alarm:nms:c2', { incidentId: 'inc-2', incidentRoot: false });
      const root3 = workItem('alarm:nms:r3', { incidentId: 'inc-3', incidentRoot: true });
      await f.seed(
        [root, child, rootless, root3].map((item, n) => workItemInsertSql(item, 20_000 + n)).join('') +
          [root, child, rootless, root3].map((item) => `UPDATE work_items SET incident_id = '${item.incidentId ?? ''}' WHERE item_key = '${item.key}';\n`).join(''),
      );
      const ids = new Map((await f.store.page({ offset: 0, limit: 10 })).records.map((r) => [r.item.key, r.id]));
      expect(await f.store.incidentRoots(['inc-1', 'inc-2', 'inc-3', 'inc-1', 'nope'])).toEqual(new Map([['inc-1', ids.get(root.key)], ['inc-3', ids.get(root3.key)]]));
      expect(await f.store.incidentRoots([])).toEqual(new Map());
    });

    it('reads inside a unit of work like outside it', async () => {
      await seedAlarms();
      const inside = await f.uow.run(async () => ({ page: await f.store.page({ offset: 0, limit: 2 }), open: await f.store.openAlarms(), history: await f.store.historyOf(['alarm:nms:a1']) }));
      expect(inside.page.total).toBe(7);
      expect(keys(inside.page.records)).toEqual(['alarm:nms:a1', 'alarm:nms:a2']);
      expect(inside.open).toHaveLength(5);
      expect(inside.history.size).toBe(0);
    });
  });
}
