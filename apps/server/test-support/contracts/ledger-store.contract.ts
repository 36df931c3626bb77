import type { LedgerEntry } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerRow, LedgerStore } from '../../src/services/ports/ledger-store';
import { collect } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const T0 = Date.parse('2026-03-02T09:30:00.000Z');

function entry(id: string, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    entryId: id,
    personId: 'p-1',
    teamId: 'team-a',
    points: 10,
    ruleId: 'alarm.cleared',
    ruleVersion: 3,
    eventKey: `ev-${id}`,
    itemKey: 'alarm:tmf642:A-1',
    reason: `cleared ${id}`,
    at: T0,
    windows: { day: '2026-03-02', week: '2026-W10', month: '2026-03', all: 'all' },
    ...over,
  };
}

/** What the ledger gives back for an entry: `reversalOf` null when it has none. */
function asRow(e: LedgerEntry): LedgerRow {
  return { ...e, reversalOf: e.reversalOf ?? null };
}

const idsOf = (rows: readonly LedgerRow[]): string[] => rows.map((r) => r.entryId);

/** The LedgerStore port's promises, the same on every engine. */
export function describeLedgerStoreContract(engine: string, open: OpenStore<LedgerStore>): void {
  describe(`LedgerStore contract (${engine})`, () => {
    let f: StoreFixture<LedgerStore>;
    let store: LedgerStore;
    beforeEach(async () => {
      f = await open();
      store = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    it('appends an entry and gives it back whole, by its event, in append order', async () => {
      const award = entry('e-1', { teamId: null });
      const reversal = entry('e-1-rev', { points: -10, reversalOf: 'e-1', eventKey: 'ev-e-1', reason: 'reversed', at: T0 + 1 });
      const other = entry('e-2', { ruleVersion: 4 });
      await store.append(award);
      await store.append(other);
      await store.append(reversal);
      expect(await store.forEventKey('ev-e-1')).toEqual([asRow(award), asRow(reversal)]);
      expect(await store.forEventKey('ev-e-2')).toEqual([asRow(other)]);
      expect((await store.forEventKey('ev-e-1'))[0]?.reversalOf).toBeNull();
      expect(await store.forEventKey('EV-E-1')).toEqual([]);
      expect(await store.forEventKey('none')).toEqual([]);
    });

    it('appends many entries at once (across statement chunks), in order; none at all is nothing', async () => {
      await store.appendMany([]);
      expect(await collect(store.pages())).toEqual([]);
      const many = Array.from({ length: 1_205 }, (_, i) =>
        entry(`m-${String(i).padStart(4, '0')}`, { personId: `p-${i % 3}`, points: i, eventKey: `ev-${Math.floor(i / 2)}`, reversalOf: i % 7 === 0 ? `x-${i}` : undefined }),
      );
      await store.appendMany(many);
      const all = (await collect(store.pages())).flat();
      expect(all).toEqual(many.map(asRow));
      expect(await store.forEventKey('ev-301')).toEqual([asRow(many[602] ?? entry('?')), asRow(many[603] ?? entry('?'))]);
      const [count] = await f.query<{ n: number }>('SELECT count(*) AS n FROM ledger');
      expect(Number(count?.n)).toBe(1_205);
    });

    it('stores an entry id once: a second append of it fails and a batch holding it stores none of that batch', async () => {
      await store.append(entry('e-1'));
      await expect(store.append(entry('e-1', { points: 99 }))).rejects.toThrow();
      await expect(store.appendMany([entry('e-2'), entry('e-1', { points: 99 })])).rejects.toThrow();
      await expect(store.appendMany([entry('e-3'), entry('e-3')])).rejects.toThrow();
      expect(idsOf((await collect(store.pages())).flat())).toEqual(['e-1']);
      expect(await store.totalsByPerson()).toEqual(new Map([['p-1', 10]]));
    });

    it("gives a person's most recent entries first, at most `limit`, and nobody else's", async () => {
      await store.appendMany([entry('a-1', { at: T0 + 5 }), entry('b-1', { personId: 'p-2' }), entry('a-2', { at: T0 }), entry('a-3', { at: T0 - 5 })]);
      await store.append(entry('a-4'));
      // append order, not time order
      expect(idsOf(await store.recentForPerson('p-1', 10))).toEqual(['a-4', 'a-3', 'a-2', 'a-1']);
      expect(idsOf(await store.recentForPerson('p-1', 2))).toEqual(['a-4', 'a-3']);
      expect(await store.recentForPerson('p-1', 0)).toEqual([]);
      expect(await store.recentForPerson('p-2', 10)).toEqual([asRow(entry('b-1', { personId: 'p-2' }))]);
      expect(await store.recentForPerson('P-1', 10)).toEqual([]);
      expect(await store.recentForPerson('nobody', 10)).toEqual([]);
    });

    it('hands the ledger out a page at a time in append order, each page read when asked for', async () => {
      await store.appendMany(['1', '2', '3', '4', '5'].map((id) => entry(id)));
      expect((await collect(store.pages(2))).map(idsOf)).toEqual([['1', '2'], ['3', '4'], ['5']]);
      expect((await collect(store.pages(5))).map(idsOf)).toEqual([['1', '2', '3', '4', '5']]);
      expect((await collect(store.pages())).map(idsOf)).toEqual([['1', '2', '3', '4', '5']]);
      const reader = store.pages(4)[Symbol.asyncIterator]();
      expect(idsOf(((await reader.next()).value ?? []) as LedgerRow[])).toEqual(['1', '2', '3', '4']);
      await store.append(entry('6'));
      const rest: LedgerRow[][] = [];
      for (let next = await reader.next(); next.done !== true; next = await reader.next()) rest.push(next.value);
      expect(rest.map(idsOf)).toEqual([['5', '6']]);
    });

    it("totals each person's points, reversals included, beyond 32 bits", async () => {
      expect(await store.totalsByPerson()).toEqual(new Map());
      await store.appendMany([
        entry('1', { personId: 'p-b', points: 3_000_000_000 }),
        entry('2', { personId: 'P-a', points: 5 }),
        entry('3', { personId: 'p-b', points: 3_000_000_000 }),
        entry('4', { personId: 'p-a', points: 7 }),
        entry('5', { personId: 'p-a', points: -7, reversalOf: '4' }),
        entry('6', { personId: 'p-c', points: -3 }),
      ]);
      const totals = await store.totalsByPerson();
      expect(totals).toEqual(
        new Map([
          ['P-a', 5],
          ['p-a', 0],
          ['p-b', 6_000_000_000],
          ['p-c', -3],
        ]),
      );
      expect(typeof totals.get('p-b')).toBe('number');
    });

    it('reads its own writes inside a unit of work, and a failed unit leaves nothing behind', async () => {
      await store.append(entry('kept'));
      const inside = await f.uow.run(async () => {
        await store.appendMany([entry('in-1'), entry('in-2', { personId: 'p-2' })]);
        return { totals: await store.totalsByPerson(), pages: (await collect(store.pages(2))).map(idsOf) };
      });
      expect(inside).toEqual({ totals: new Map([['p-1', 20], ['p-2', 10]]), pages: [['kept', 'in-1'], ['in-2']] });

      await expect(
        f.uow.run(async () => {
          await store.append(entry('lost-1', { personId: 'p-3' }));
          await store.appendMany([entry('lost-2'), entry('lost-3', { eventKey: 'ev-lost' })]);
          expect(idsOf(await store.recentForPerson('p-3', 5))).toEqual(['lost-1']);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(idsOf((await collect(store.pages())).flat())).toEqual(['kept', 'in-1', 'in-2']);
      expect(await store.recentForPerson('p-3', 5)).toEqual([]);
      expect(await store.forEventKey('ev-lost')).toEqual([]);
      expect(await store.totalsByPerson()).toEqual(new Map([['p-1', 20], ['p-2', 10]]));
    });
  });
}
