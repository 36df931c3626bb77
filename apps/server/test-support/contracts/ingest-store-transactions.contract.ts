import { expect, it } from 'vitest';
import { emptyNeeds, type BatchState, type IngestStore } from '../../src/services/ports/ingest-store';
import { alarm, count, ingest, loadStep, T0 } from './ingest-store.fixtures';
import type { StoreFixture } from './store-fixture';

/** The IngestStore contract's promises about transactions: finish inside, rollback whole, joining an outer unit of work. */
export function describeIngestStoreTransactions(fixture: () => StoreFixture<IngestStore>): void {
    it('runs finish inside the transaction, after the writes: it sees them, and a nested batch joins it', async () => {
      let inside: BatchState | undefined;
      let ids: [string, number][] = [];
      await ingest(fixture().store, [alarm('f1', 'raised', -10)], T0, async (d) => {
        ids = [...d.written.itemIds];
        inside = await fixture().store.runBatch(loadStep({ items: ['alarm:nms:f1'], itemEvents: ['alarm:nms:f1'] }));
      });
      const [row] = await fixture().query<{ id: number }>('SELECT id FROM work_items');
      expect(ids).toEqual([['alarm:nms:f1', Number(row?.id)]]);
      expect(inside?.items.get('alarm:nms:f1')).toMatchObject({ key: 'alarm:nms:f1', status: 'raised' });
      expect(inside?.itemEvents.get('alarm:nms:f1')?.map((e) => e.eventKey)).toEqual(['alarm:nms:f1|raised|2026-11-24T09:50:00.000Z']);
    });

    it('keeps none of the writes of a batch whose finish throws, and rethrows its error', async () => {
      const boom = new Error('finish failed');
      await expect(
        ingest(fixture().store, [alarm('g1', 'raised', -10), alarm('g1', 'acknowledged', -9, { actor: 'eng' }), alarm('g1', 'cleared', -5, { actor: 'eng' })], T0, async () => {
          throw boom;
        }),
      ).rejects.toBe(boom);
      for (const table of ['events', 'work_items', 'ledger', 'feed', 'progress', 'streaks']) expect(await count(fixture(), table)).toBe(0);
      // and the same batch goes in whole afterwards
      const d = await ingest(fixture().store, [alarm('g1', 'raised', -10), alarm('g1', 'acknowledged', -9, { actor: 'eng' }), alarm('g1', 'cleared', -5, { actor: 'eng' })]);
      expect(d.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'stored']);
    });

    it('does not run a step again after it throws; nothing is written', async () => {
      const boom = new Error('step failed');
      let calls = 0;
      await expect(
        fixture().store.runBatch((state) => {
          calls += 1;
          if (!state.items.has('alarm:nms:x')) return { need: { ...emptyNeeds(), items: ['alarm:nms:x'] } };
          throw boom;
        }),
      ).rejects.toBe(boom);
      expect(calls).toBe(2);
    });

    it('joins a unit of work open around it: rolled back with that unit when it throws, committed with it otherwise', async () => {
      await expect(
        fixture().uow.run(async () => {
          await ingest(fixture().store, [alarm('h1', 'raised', -10)]);
          throw new Error('outer fails');
        }),
      ).rejects.toThrow('outer fails');
      for (const table of ['events', 'work_items']) expect(await count(fixture(), table)).toBe(0);
      await fixture().uow.run(async () => {
        await ingest(fixture().store, [alarm('h1', 'raised', -10)]);
        await ingest(fixture().store, [alarm('h2', 'raised', -10)]);
      });
      expect(await fixture().query('SELECT item_key FROM work_items ORDER BY id')).toEqual([{ item_key: 'alarm:nms:h1' }, { item_key: 'alarm:nms:h2' }]);
    });
}
