import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETENTION_START, type RetentionCursor, type RetentionStore } from '../../src/services/ports/retention-store';
import type { OpenStore, StoreFixture } from './store-fixture';

const CUTOFF = 5_000;

/** A work item row: open (1) or not (0). */
function workItem(itemKey: string, open: 0 | 1): string {
  return `INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, opened_at, updated_at, state)
          VALUES ('${itemKey}', 'alarm', '${open === 1 ? 'raised' : 'cleared'}', ${open}, 2, NULL, NULL, 0, 0, '{}');`;
}

/** An event row (the sequence number is the store's): a raw payload or none, received at `receivedAt`. */
function event(key: string, itemKey: string, receivedAt: number, raw: string | null): string {
  return `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('${key}', '${itemKey}', 'alarm', 'tmf642', '${key}', 'raised', ${receivedAt}, ${receivedAt}, NULL, 'api', '{}', ${raw === null ? 'NULL' : `'${raw}'`}, 1, NULL);`;
}

/** The RetentionStore port's promises, the same on every engine. */
export function describeRetentionStoreContract(engine: string, open: OpenStore<RetentionStore>): void {
  describe(`RetentionStore contract (${engine})`, () => {
    let f: StoreFixture<RetentionStore>;
    let store: RetentionStore;
    /** event key → its sequence number */
    let seq: Map<string, number>;
    const at = (key: string, receivedAt: number): RetentionCursor => ({ receivedAt, seq: seq.get(key) ?? -1 });

    beforeEach(async () => {
      f = await open();
      store = f.store;
      await f.seed(
        [
          workItem('item-open', 1),
          workItem('item-closed', 0),
          event('closed-1000', 'item-closed', 1_000, 'raw-a'),
          event('open-1000', 'item-open', 1_000, 'raw-b'),
          event('unknown-item-2000', 'item-never-stored', 2_000, 'raw-c'),
          event('closed-no-raw', 'item-closed', 500, null),
          event('closed-at-cutoff', 'item-closed', CUTOFF, 'raw-d'),
          event('closed-1000-later', 'item-closed', 1_000, 'raw-e'),
          event('closed-300', 'item-closed', 300, 'raw-f'),
          event('open-4000', 'item-open', 4_000, 'raw-g'),
          event('closed-after', 'item-closed', 9_000, 'raw-h'),
        ].join('\n'),
      );
      const rows = await f.query<{ seq: number; event_key: string }>('SELECT seq, event_key FROM events ORDER BY seq');
      seq = new Map(rows.map((r) => [r.event_key, Number(r.seq)]));
    });
    afterEach(async () => {
      await f.close();
    });

    const rawOf = async (key: string): Promise<string | null | undefined> =>
      (await f.query<{ event_key: string; raw: string | null }>('SELECT event_key, raw FROM events')).find((r) => r.event_key === key)?.raw;

    it('walks the prunable events (raw payload, received before the cutoff, item not open) in (received_at, seq) order with a keyset cursor', async () => {
      const expected = [at('closed-300', 300), at('closed-1000', 1_000), at('closed-1000-later', 1_000), at('unknown-item-2000', 2_000)];
      expect(await store.prunableAfter(CUTOFF, RETENTION_START, 100)).toEqual(expected);
      expect(await store.prunableAfter(CUTOFF, RETENTION_START, 2)).toEqual(expected.slice(0, 2));
      // after the first of two received at the same instant: the second, by seq
      expect(await store.prunableAfter(CUTOFF, expected[1] ?? RETENTION_START, 2)).toEqual(expected.slice(2, 4));
      expect(await store.prunableAfter(CUTOFF, expected[3] ?? RETENTION_START, 2)).toEqual([]);
      // a cursor between rows of the same instant
      expect(await store.prunableAfter(CUTOFF, { receivedAt: 1_000, seq: 0 }, 10)).toEqual(expected.slice(1));
      expect(await store.prunableAfter(CUTOFF, { receivedAt: 999, seq: Number.MAX_SAFE_INTEGER }, 10)).toEqual(expected.slice(1));
      expect(await store.prunableAfter(CUTOFF, RETENTION_START, 0)).toEqual([]);
      // the cutoff is exclusive
      expect(await store.prunableAfter(1_000, RETENTION_START, 10)).toEqual(expected.slice(0, 1));
      expect(await store.prunableAfter(300, RETENTION_START, 10)).toEqual([]);
      expect(await store.prunableAfter(CUTOFF + 1, RETENTION_START, 10)).toEqual([...expected, at('closed-at-cutoff', CUTOFF)]);
    });

    it('counts what a prune would clear and what is kept because its item is open', async () => {
      expect(await store.countPrunable(CUTOFF)).toBe(4);
      expect(await store.countKeptOpen(CUTOFF)).toBe(2);
      expect(await store.countPrunable(CUTOFF + 1)).toBe(5);
      expect(await store.countPrunable(1_000)).toBe(1);
      expect(await store.countKeptOpen(1_000)).toBe(0);
      expect(await store.countKeptOpen(1_001)).toBe(1);
      expect(await store.countPrunable(0)).toBe(0);
      expect(await store.countPrunable(100_000)).toBe(6);
      expect(await store.countKeptOpen(100_000)).toBe(2);
    });

    it('clears a raw payload once (1, then 0), never one it does not have, and the cleared event leaves the walk', async () => {
      const closed = seq.get('closed-1000') ?? -1;
      expect(await store.clearRaw(closed)).toBe(1);
      expect(await rawOf('closed-1000')).toBeNull();
      expect(await store.clearRaw(closed)).toBe(0);
      expect(await store.clearRaw(seq.get('closed-no-raw') ?? -1)).toBe(0);
      expect(await store.clearRaw(999_999)).toBe(0);
      // the other events keep theirs
      expect(await rawOf('closed-1000-later')).toBe('raw-e');
      expect(await rawOf('open-1000')).toBe('raw-b');
      expect(await store.countPrunable(CUTOFF)).toBe(3);
      expect(await store.prunableAfter(CUTOFF, RETENTION_START, 10)).toEqual([at('closed-300', 300), at('closed-1000-later', 1_000), at('unknown-item-2000', 2_000)]);
    });

    it("keeps an open item's raw payloads until the item closes", async () => {
      expect((await store.prunableAfter(CUTOFF, RETENTION_START, 100)).map((c) => c.seq)).not.toContain(seq.get('open-1000'));
      await f.seed("UPDATE work_items SET open = 0 WHERE item_key = 'item-open'");
      expect(await store.countKeptOpen(CUTOFF)).toBe(0);
      expect(await store.countPrunable(CUTOFF)).toBe(6);
      expect(await store.prunableAfter(CUTOFF, at('closed-1000', 1_000), 3)).toEqual([at('open-1000', 1_000), at('closed-1000-later', 1_000), at('unknown-item-2000', 2_000)]);
    });

    it('a failed unit of work leaves the raw payloads it cleared', async () => {
      const closed = seq.get('closed-300') ?? -1;
      await expect(
        f.uow.run(async () => {
          expect(await store.clearRaw(closed)).toBe(1);
          expect(await store.countPrunable(CUTOFF)).toBe(3);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await rawOf('closed-300')).toBe('raw-f');
      expect(await store.countPrunable(CUTOFF)).toBe(4);
      expect(await f.uow.run(() => store.clearRaw(closed))).toBe(1);
      expect(await rawOf('closed-300')).toBeNull();
    });
  });
}
