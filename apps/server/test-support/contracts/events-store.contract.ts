import type { OpsEvent } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventsStore, NewEventRow, StoredEvent } from '../../src/services/ports/events-store';
import { collect } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const T0 = Date.parse('2026-03-01T08:00:00.000Z');
const MINUTE = 60_000;

interface RowSpec {
  /** the event's own time (payload occurredAt), epoch ms */
  at?: number;
  /** the stored occurred_at; `at` when absent */
  occurredAt?: number;
  receivedAt?: number;
  item?: string;
  actor?: string;
  via?: string;
  raw?: string;
  applied?: boolean;
  reason?: string;
}

function newRow(key: string, spec: RowSpec = {}): NewEventRow {
  const at = spec.at ?? T0;
  const item = spec.item ?? 'A-1';
  const event: OpsEvent = {
    eventId: key,
    source: 'tmf642',
    stream: 'alarm',
    externalKey: item,
    transition: 'raised',
    occurredAt: new Date(at).toISOString(),
    attributes: { perceivedSeverity: 'major', title: `alarm ${key}` },
  };
  if (spec.actor !== undefined) event.actor = spec.actor;
  const row: NewEventRow = {
    eventKey: key,
    itemKey: `alarm:tmf642:${item}`,
    event,
    occurredAt: spec.occurredAt ?? at,
    receivedAt: spec.receivedAt ?? at,
    via: spec.via ?? 'api',
    applied: spec.applied ?? true,
  };
  if (spec.raw !== undefined) row.raw = spec.raw;
  if (spec.reason !== undefined) row.reason = spec.reason;
  return row;
}

const keysOf = (events: readonly StoredEvent[]): string[] => events.map((e) => e.eventKey);
const idsOf = (events: readonly OpsEvent[]): (string | undefined)[] => events.map((e) => e.eventId);

/** The EventsStore port's promises, the same on every engine. */
export function describeEventsStoreContract(engine: string, open: OpenStore<EventsStore>): void {
  describe(`EventsStore contract (${engine})`, () => {
    let f: StoreFixture<EventsStore>;
    let store: EventsStore;
    beforeEach(async () => {
      f = await open();
      store = f.store;
    });
    afterEach(async () => {
      await f.close();
    });

    const appendAll = async (rows: readonly NewEventRow[]): Promise<number[]> => {
      const seqs: number[] = [];
      for (const r of rows) seqs.push(await store.append(r));
      return seqs;
    };

    it('appends events with rising sequence numbers and reads them back as stored', async () => {
      expect(await store.count()).toBe(0);
      expect(await store.lastSeq()).toBe(0);
      expect(await store.has('e-1')).toBe(false);
      const first = newRow('e-1', { at: T0, receivedAt: T0 + 5_000, actor: 'alice', via: 'console', raw: '{"sent":"as is"}' });
      const parked = newRow('e-2', { at: T0 + MINUTE, applied: false, reason: 'before the item started' });
      const [s1, s2] = await appendAll([first, parked]);
      expect(s1).toBeGreaterThan(0);
      expect(s2).toBeGreaterThan(s1 ?? Infinity);
      expect(await store.count()).toBe(2);
      expect(await store.lastSeq()).toBe(s2);
      expect(await store.has('e-1')).toBe(true);
      expect(await store.has('E-1')).toBe(false);
      expect(await store.listForItem('alarm:tmf642:A-1')).toEqual([
        { seq: s1, eventKey: 'e-1', itemKey: 'alarm:tmf642:A-1', event: first.event, via: 'console', receivedAt: T0 + 5_000, applied: true, reason: null },
        { seq: s2, eventKey: 'e-2', itemKey: 'alarm:tmf642:A-1', event: parked.event, via: 'api', receivedAt: T0 + MINUTE, applied: false, reason: 'before the item started' },
      ]);
      // the stored columns the port does not read back
      const stored = await f.query<{ event_key: string; stream: string; source: string; external_key: string; transition: string; occurred_at: number; actor: string | null; raw: string | null }>(
        'SELECT event_key, stream, source, external_key, transition, occurred_at, actor, raw FROM events ORDER BY seq',
      );
      expect(stored.map((r) => ({ ...r, occurred_at: Number(r.occurred_at) }))).toEqual([
        { event_key: 'e-1', stream: 'alarm', source: 'tmf642', external_key: 'A-1', transition: 'raised', occurred_at: T0, actor: 'alice', raw: '{"sent":"as is"}' },
        { event_key: 'e-2', stream: 'alarm', source: 'tmf642', external_key: 'A-1', transition: 'raised', occurred_at: T0 + MINUTE, actor: null, raw: null },
      ]);
    });

    it('stores an event key once: a second append of the same key fails and changes nothing', async () => {
      const seq = await store.append(newRow('dup', { at: T0 }));
      await expect(store.append(newRow('dup', { at: T0 + MINUTE, item: 'A-2' }))).rejects.toThrow();
      expect(await store.count()).toBe(1);
      expect(await store.lastSeq()).toBe(seq);
      expect(await store.listForItem('alarm:tmf642:A-2')).toEqual([]);
    });

    it("lists an item's events in log order, and no other item's", async () => {
      await appendAll([
        newRow('a-late', { item: 'A-1', at: T0 + 2 * MINUTE }),
        newRow('b-1', { item: 'B-1', at: T0 }),
        newRow('a-early', { item: 'A-1', at: T0 }),
      ]);
      // log order, not time order
      expect(keysOf(await store.listForItem('alarm:tmf642:A-1'))).toEqual(['a-late', 'a-early']);
      expect(keysOf(await store.listForItem('alarm:tmf642:B-1'))).toEqual(['b-1']);
      expect(await store.listForItem('alarm:tmf642:a-1')).toEqual([]);
      expect(await store.listForItem('nope')).toEqual([]);
    });

    it('marks a parked event applied and clears its reason, changing nothing else', async () => {
      const parked = newRow('parked', { applied: false, reason: 'waiting for the start', actor: 'alice' });
      const [seq] = await appendAll([parked, newRow('other', { applied: false, reason: 'also parked' })]);
      await store.markApplied('parked');
      await store.markApplied('no-such-event');
      expect(await store.listForItem('alarm:tmf642:A-1')).toEqual([
        { seq, eventKey: 'parked', itemKey: 'alarm:tmf642:A-1', event: parked.event, via: 'api', receivedAt: T0, applied: true, reason: null },
        expect.objectContaining({ eventKey: 'other', applied: false, reason: 'also parked' }),
      ]);
      const [row] = await f.query<{ applied: number }>("SELECT applied FROM events WHERE event_key = 'parked'");
      expect(Number(row?.applied)).toBe(1);
    });

    it('lists the events naming an actor in any case, in log order', async () => {
      await appendAll([
        newRow('1', { actor: 'Carol', item: 'A-1' }),
        newRow('2', { actor: 'dave', item: 'A-2' }),
        newRow('3', { item: 'A-3' }),
        newRow('4', { actor: 'carol', item: 'A-4' }),
        newRow('5', { actor: 'CAROL', item: 'A-1' }),
        newRow('6', { actor: 'caroline', item: 'A-1' }),
      ]);
      const listed = await store.listForActor('cArOl');
      expect(keysOf(listed)).toEqual(['1', '4', '5']);
      expect(listed.map((e) => e.event.actor)).toEqual(['Carol', 'carol', 'CAROL']);
      expect(keysOf(await store.listForActor('DAVE'))).toEqual(['2']);
      expect(await store.listForActor('nobody')).toEqual([]);
      expect(await store.listForActor('')).toEqual([]);
    });

    describe('unknown actors', () => {
      beforeEach(async () => {
        await f.seed(
          `INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at) VALUES ('p-alice', 'alice', 'Alice', 'engineer', NULL, 'x', NULL, 1, 0);
           INSERT INTO actor_aliases (actor, person_id, mapped_by, mapped_at, events, points) VALUES ('Bob', 'p-alice', 'admin', 0, 0, 0);`,
        );
      });

      it('reports the actors that name nobody, most recently seen first, with their counts, times and vias', async () => {
        expect(await store.unknownActors()).toEqual([]);
        await appendAll([
          newRow('1', { actor: 'alice', item: 'I-1', receivedAt: 1_000 }),
          newRow('2', { actor: 'BOB', item: 'I-2', receivedAt: 2_000 }),
          newRow('3', { actor: 'carol', item: 'I-3', receivedAt: 3_000 }),
          newRow('4', { actor: 'carol', item: 'I-3', receivedAt: 4_000, via: 'console' }),
          newRow('5', { actor: 'carol', item: 'I-4', receivedAt: 3_500 }),
          newRow('6', { actor: 'dave', item: 'I-5', receivedAt: 5_000, via: 'sla-timer' }),
          newRow('7', { item: 'I-6', receivedAt: 6_000 }),
          newRow('8', { actor: 'Carol', item: 'I-3', receivedAt: 2_500 }),
          newRow('9', { actor: 'bob', item: 'I-7', receivedAt: 7_000 }),
        ]);
        const unknown = await store.unknownActors();
        // vias: each once, in no promised order (the admin page sorts them)
        const sorted = unknown.map((u) => ({ ...u, vias: u.vias.split(',').sort() }));
        expect(sorted).toEqual([
          { actor: 'dave', events: 1, items: 1, firstSeen: 5_000, lastSeen: 5_000, vias: ['sla-timer'] },
          { actor: 'carol', events: 3, items: 2, firstSeen: 3_000, lastSeen: 4_000, vias: ['api', 'console'] },
          { actor: 'Carol', events: 1, items: 1, firstSeen: 2_500, lastSeen: 2_500, vias: ['api'] },
        ]);
        expect((await store.unknownActors(2)).map((u) => u.actor)).toEqual(['dave', 'carol']);
        expect(await store.unknownActors(0)).toEqual([]);
      });

      it('does not report an actor that names a person in another case', async () => {
        await appendAll([newRow('1', { actor: 'ALICE', receivedAt: 1_000 }), newRow('2', { actor: 'Alice', receivedAt: 2_000 }), newRow('3', { actor: 'eve', receivedAt: 500 })]);
        expect((await store.unknownActors()).map((u) => u.actor)).toEqual(['eve']);
      });
    });

    it('hands the log out a page at a time, in log order, each page read when asked for', async () => {
      expect(await collect(store.pages())).toEqual([]);
      expect(await collect(store.pages(2))).toEqual([]);
      const seqs = await appendAll(['1', '2', '3', '4', '5'].map((k, i) => newRow(k, { item: `A-${5 - i}`, at: T0 - i * MINUTE })));
      const pages = await collect(store.pages(2));
      expect(pages.map(keysOf)).toEqual([['1', '2'], ['3', '4'], ['5']]);
      expect(pages.flat().map((e) => e.seq)).toEqual(seqs);
      expect(pages[0]?.[1]).toEqual(await store.listForItem('alarm:tmf642:A-4').then((l) => l[0]));
      expect((await collect(store.pages())).map(keysOf)).toEqual([['1', '2', '3', '4', '5']]);
      expect((await collect(store.pages(5))).map(keysOf)).toEqual([['1', '2', '3', '4', '5']]);

      // lazily: the next page is read when the consumer asks for it, so it sees what came in meanwhile
      const reader = store.pages(3)[Symbol.asyncIterator]();
      const first = await reader.next();
      expect(first.done).toBe(false);
      expect(keysOf(first.value as StoredEvent[])).toEqual(['1', '2', '3']);
      await store.append(newRow('6'));
      const rest: StoredEvent[][] = [];
      for (let next = await reader.next(); next.done !== true; next = await reader.next()) rest.push(next.value);
      expect(rest.map(keysOf)).toEqual([['4', '5', '6']]);
    });

    it("pages through the window of events whose own time is at or after `from`, up to `throughSeq`, handing on only the window's events", async () => {
      const from = T0;
      const seqs = await appendAll([
        // before the window, by both stored times: never read
        newRow('old', { at: from - 10 * MINUTE, receivedAt: from - 9 * MINUTE }),
        // taken at their receive time (occurred_at = received_at) before the window: read, checked on the payload, left out
        newRow('old-at-receipt', { at: from - 5 * MINUTE, receivedAt: from - 5 * MINUTE }),
        newRow('old-at-receipt-2', { at: from - 4 * MINUTE, receivedAt: from - 4 * MINUTE }),
        // exactly at `from`
        newRow('at-from', { at: from, receivedAt: from + MINUTE }),
        // dated after its receipt: stored at its receive time (before the window) but its own time is in it
        newRow('dated-later', { at: from + 30 * MINUTE, occurredAt: from - 2 * MINUTE, receivedAt: from - 2 * MINUTE }),
        newRow('inside', { at: from + MINUTE, receivedAt: from + 2 * MINUTE }),
        // one millisecond short
        newRow('just-before', { at: from - 1, receivedAt: from + 3 * MINUTE }),
      ]);
      expect(await collect(store.pagesSince(from))).toEqual([
        [
          expect.objectContaining({ eventId: 'at-from', occurredAt: new Date(from).toISOString() }),
          expect.objectContaining({ eventId: 'dated-later', occurredAt: new Date(from + 30 * MINUTE).toISOString() }),
          expect.objectContaining({ eventId: 'inside' }),
        ],
      ]);
      // pages of the rows read: [old-at-receipt, old-at-receipt-2] holds none of the window and is not handed on
      expect((await collect(store.pagesSince(from, undefined, 2))).map(idsOf)).toEqual([['at-from', 'dated-later'], ['inside']]);
      expect((await collect(store.pagesSince(from, seqs[4], 2))).map(idsOf)).toEqual([['at-from', 'dated-later']]);
      expect((await collect(store.pagesSince(from, seqs[3]))).map(idsOf)).toEqual([['at-from']]);
      expect(await collect(store.pagesSince(from, seqs[2]))).toEqual([]);
      expect(await collect(store.pagesSince(from + 31 * MINUTE))).toEqual([]);
      expect((await collect(store.pagesSince(from - 1))).map(idsOf)).toEqual([['at-from', 'dated-later', 'inside', 'just-before']]);
      expect((await collect(store.pagesSince(Number.MIN_SAFE_INTEGER, undefined, 4))).map(idsOf)).toEqual([
        ['old', 'old-at-receipt', 'old-at-receipt-2', 'at-from'],
        ['dated-later', 'inside', 'just-before'],
      ]);
      // the payload is handed on as stored
      const [[firstEvent]] = (await collect(store.pagesSince(from, seqs[3]))) as [[OpsEvent]];
      expect(firstEvent).toEqual(newRow('at-from', { at: from }).event);
    });

    it('reads the next window page only when asked for', async () => {
      await appendAll([newRow('1'), newRow('2'), newRow('3')]);
      const reader = store.pagesSince(T0, undefined, 2)[Symbol.asyncIterator]();
      expect(idsOf(((await reader.next()).value ?? []) as OpsEvent[])).toEqual(['1', '2']);
      await store.append(newRow('4'));
      const rest: OpsEvent[][] = [];
      for (let next = await reader.next(); next.done !== true; next = await reader.next()) rest.push(next.value);
      expect(rest.map(idsOf)).toEqual([['3', '4']]);
      expect(await collect(store.pagesSince(T0, undefined, 2))).toHaveLength(2);
    });

    it('names no shared file inside a unit of work (and none at all on PostgreSQL)', async () => {
      const outside = await store.sharedPath();
      if (engine === 'PostgreSQL') expect(outside).toBeUndefined();
      else expect(typeof outside).toBe('string');
      expect(await f.uow.run(() => store.sharedPath())).toBeUndefined();
    });

    it('reads its own writes inside a unit of work, and a failed unit leaves nothing behind', async () => {
      const seq = await store.append(newRow('kept', { applied: false, reason: 'parked' }));
      const seen = await f.uow.run(async () => {
        await store.append(newRow('inside', { actor: 'zed' }));
        return { count: await store.count(), pages: (await collect(store.pages(1))).map(keysOf), actor: keysOf(await store.listForActor('ZED')) };
      });
      expect(seen).toEqual({ count: 2, pages: [['kept'], ['inside']], actor: ['inside'] });

      await expect(
        f.uow.run(async () => {
          await store.append(newRow('lost', { item: 'L-1', actor: 'yan' }));
          await store.markApplied('kept');
          expect(await store.has('lost')).toBe(true);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.has('lost')).toBe(false);
      expect(await store.count()).toBe(2);
      expect(await store.listForItem('alarm:tmf642:L-1')).toEqual([]);
      expect(await store.listForActor('yan')).toEqual([]);
      expect((await store.listForItem('alarm:tmf642:A-1')).find((e) => e.seq === seq)).toMatchObject({ applied: false, reason: 'parked' });
      expect(keysOf((await collect(store.pages())).flat())).toEqual(['kept', 'inside']);
    });
  });
}
