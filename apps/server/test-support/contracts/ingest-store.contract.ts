import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARKED_REASON, windowKeys, type LedgerEntry, type OpsEvent, type PersonProgress, type SiteHistory, type WorkItem } from '@opsquest/core';
import { emptyNeeds, type BatchChanges, type IngestStore } from '../../src/services/ports/ingest-store';
import { alarm, count, ingest, loadStep, MIN, noChanges, PEOPLE_SQL, T0, writeStep } from './ingest-store.fixtures';
import { describeIngestStoreTransactions } from './ingest-store-transactions.contract';
import { openSeeded } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

/** The IngestStore port's promises, checked the same way on every engine. */
export function describeIngestStoreContract(engine: string, open: OpenStore<IngestStore>): void {
  describe(`IngestStore contract (${engine})`, () => {
    let f: StoreFixture<IngestStore>;
    beforeEach(async () => {
      f = await openSeeded(open, PEOPLE_SQL);
    });
    afterEach(async () => {
      await f.close();
    });

    it('loads every kind of key in one round, maps rows back to the keys as asked, and records absent keys', async () => {
      await f.seed(`
        INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state)
          VALUES ('alarm:nms:seeded', 'alarm', 'raised', 1, 2, NULL, NULL, NULL, NULL, NULL, NULL, 5, 6, '{"key":"alarm:nms:seeded","status":"raised"}');
        INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('e-2', 'alarm:nms:seeded', 'alarm', 'nms', 'seeded', 'raised', 1, 11, NULL, 'api', '{"transition":"raised"}', NULL, 1, NULL);
        INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('e-1', 'alarm:nms:seeded', 'alarm', 'nms', 'seeded', 'cleared', 3, 12, 'eng', 'console', '{"transition":"cleared"}', NULL, 0, 'parked');
        INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('e-3', 'alarm:nms:other', 'alarm', 'nms', 'other', 'raised', 2, 13, NULL, 'api', '{"transition":"raised"}', NULL, 1, NULL);
        INSERT INTO progress (person_id, xp, counters) VALUES ('p-eng', 40, '{"c":2}');
        INSERT INTO streaks (person_id, current, best, last_active_day) VALUES ('p-eng', 3, 5, '2026-11-23');
        INSERT INTO progress (person_id, xp, counters) VALUES ('p-tech', 7, '{}');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-eng', 'b_1', 100, 'e-2');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-eng', 'b-a', 200, 'e-2');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-eng', 'b-Z', 300, 'e-2');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-tech', 'solo', 400, 'e-3');
        INSERT INTO site_history (key, state) VALUES ('site:S1', '{"opens":[{"at":1,"itemKey":"x"}],"fixes":[]}');
        INSERT INTO actor_aliases (actor, person_id, mapped_by, mapped_at, events, points) VALUES ('Bot-X', 'p-tech', 'p-eng', 0, 0, 0);
      `);
      const state = await f.store.runBatch(
        loadStep({
          eventKeys: ['e-1', 'missing'],
          items: ['alarm:nms:seeded', 'alarm:nms:none'],
          usernames: ['ENG', 'eng', 'eng2', 'gone', 'nobody'],
          personIds: ['p-gone', 'p-x'],
          progress: ['p-eng', 'p-tech', 'p-none'],
          sites: ['site:S1', 'site:none'],
          itemEvents: ['alarm:nms:seeded', 'alarm:nms:none'],
          aliases: ['bot-x', 'other'],
        }),
      );
      expect([...state.storedEvents]).toEqual([
        ['e-1', true],
        ['missing', false],
      ]);
      expect([...state.items]).toEqual([
        ['alarm:nms:seeded', { key: 'alarm:nms:seeded', status: 'raised' }],
        ['alarm:nms:none', null],
      ]);
      const eve = { id: 'p-eng', username: 'eng', displayName: 'Eve Engineer', teamId: 't-noc', workDays: null };
      // usernames are case-insensitive; an inactive person is nobody by username, but found by id
      expect([...state.peopleByUsername]).toEqual([
        ['ENG', eve],
        ['eng', eve],
        ['eng2', { id: 'p-eng2', username: 'Eng2', displayName: 'Ed Engineer', teamId: 't-noc', workDays: [1, 2, 3, 4, 5, 6] }],
        ['gone', null],
        ['nobody', null],
      ]);
      expect([...state.peopleById]).toEqual([
        ['p-gone', { id: 'p-gone', username: 'gone', displayName: 'Gus Gone', teamId: null, workDays: null }],
        ['p-x', null],
      ]);
      expect([...state.progress]).toEqual([
        ['p-eng', { personId: 'p-eng', xp: 40, counters: { c: 2 }, streak: { current: 3, best: 5, lastActiveDay: '2026-11-23' }, badges: { 'b-Z': 300, 'b-a': 200, b_1: 100 } }],
        ['p-tech', { personId: 'p-tech', xp: 7, counters: {}, streak: { current: 0, best: 0 }, badges: { solo: 400 } }],
        ['p-none', null],
      ]);
      // badges in byte order of their ids (as SQLite's BINARY collation sorts them)
      expect(Object.keys(state.progress.get('p-eng')?.badges ?? {})).toEqual(['b-Z', 'b-a', 'b_1']);
      expect([...state.sites]).toEqual([
        ['site:S1', { opens: [{ at: 1, itemKey: 'x' }], fixes: [] }],
        ['site:none', null],
      ]);
      // an item's log in log order (seq), not key or time order
      expect([...state.itemEvents]).toEqual([
        [
          'alarm:nms:seeded',
          [
            { eventKey: 'e-2', event: { transition: 'raised' }, via: 'api', receivedAt: 11, applied: true, reason: null },
            { eventKey: 'e-1', event: { transition: 'cleared' }, via: 'console', receivedAt: 12, applied: false, reason: 'parked' },
          ],
        ],
        ['alarm:nms:none', []],
      ]);
      // aliases are case-insensitive too
      expect([...state.aliases]).toEqual([
        ['bot-x', 'p-tech'],
        ['other', null],
      ]);
    });

    it('keeps what each round loaded and asks the step again until it answers changes', async () => {
      await f.seed("INSERT INTO progress (person_id, xp, counters) VALUES ('p-eng', 1, '{}')");
      const seen: string[][] = [];
      const state = await f.store.runBatch((s) => {
        seen.push([...s.peopleByUsername.keys(), ...s.progress.keys(), ...s.items.keys()]);
        if (seen.length === 1) return { need: { ...emptyNeeds(), usernames: ['eng'] } };
        if (seen.length === 2) return { need: { ...emptyNeeds(), progress: [s.peopleByUsername.get('eng')?.id ?? '?'] } };
        if (seen.length === 3) return { need: emptyNeeds() };
        if (seen.length === 4) return { need: { ...emptyNeeds(), items: ['alarm:nms:x'] } };
        return { changes: noChanges(T0), finish: async () => s };
      });
      expect(seen).toEqual([[], ['eng'], ['eng', 'p-eng'], ['eng', 'p-eng'], ['eng', 'p-eng', 'alarm:nms:x']]);
      expect(state.progress.get('p-eng')?.xp).toBe(1);
    });

    it('gives up on a step that keeps asking for more after 8 load rounds, writing nothing', async () => {
      let calls = 0;
      await expect(
        f.store.runBatch(() => {
          calls += 1;
          return { need: { ...emptyNeeds(), items: [`alarm:nms:round-${calls}`] } };
        }),
      ).rejects.toThrow('an ingest batch still needed more state after 8 loads');
      expect(calls).toBe(8);
    });

    it('writes a batch the engine decided: log lines in order, the item, ledger, progress, streak and feed; hands back ids', async () => {
      const receivedAt = T0 + 1_234;
      const d = await ingest(f.store, [alarm('a1', 'raised', -10), alarm('a1', 'acknowledged', -9, { actor: 'eng' }), alarm('a1', 'cleared', -5, { actor: 'eng' })], receivedAt);
      expect(d.outcomes.map((o) => [o.status, o.applied, o.points])).toEqual([
        ['stored', true, 0],
        ['stored', true, 0],
        ['stored', true, 75],
      ]);
      expect(await f.query('SELECT event_key, item_key, transition, actor, via, applied, reason, received_at FROM events ORDER BY seq')).toEqual(
        ['raised', 'acknowledged', 'cleared'].map((t, i) => ({
          event_key: `alarm:nms:a1|${t}|2026-11-24T09:${['50', '51', '55'][i]}:00.000Z`,
          item_key: 'alarm:nms:a1',
          transition: t,
          actor: t === 'raised' ? null : 'eng',
          via: 'api',
          applied: 1,
          reason: null,
          received_at: receivedAt,
        })),
      );
      const [row] = await f.query<{ id: number; status: string; open: number; severity_rank: number; assignee: string; opened_at: number; updated_at: number; next_sla_check_at: number | null; state: string }>(
        'SELECT id, status, open, severity_rank, assignee, opened_at, updated_at, next_sla_check_at, state FROM work_items',
      );
      expect(row).toMatchObject({ status: 'cleared', open: 0, severity_rank: 1, assignee: 'eng', opened_at: T0 - 10 * MIN, updated_at: receivedAt, next_sla_check_at: null });
      expect(JSON.parse(row?.state ?? '{}')).toMatchObject({ key: 'alarm:nms:a1', status: 'cleared', eventCount: 3, resolvedBy: 'eng' });
      expect([...d.written.itemIds]).toEqual([['alarm:nms:a1', Number(row?.id)]]);
      expect(await f.query('SELECT entry_id, person_id, team_id, points, rule_id, event_key, day, week, month, reversal_of FROM ledger ORDER BY seq')).toEqual([
        {
          entry_id: 'alarm:nms:a1|acknowledged|2026-11-24T09:51:00.000Z#alarm.acknowledge#p-eng',
          person_id: 'p-eng',
          team_id: 't-noc',
          points: 15,
          rule_id: 'alarm.acknowledge',
          event_key: 'alarm:nms:a1|cleared|2026-11-24T09:55:00.000Z',
          day: '2026-11-24',
          week: '2026-11-23',
          month: '2026-11',
          reversal_of: null,
        },
        {
          entry_id: 'alarm:nms:a1|cleared|2026-11-24T09:55:00.000Z#alarm.clear#p-eng',
          person_id: 'p-eng',
          team_id: 't-noc',
          points: 60,
          rule_id: 'alarm.clear',
          event_key: 'alarm:nms:a1|cleared|2026-11-24T09:55:00.000Z',
          day: '2026-11-24',
          week: '2026-11-23',
          month: '2026-11',
          reversal_of: null,
        },
      ]);
      expect(await f.query('SELECT person_id, xp FROM progress')).toEqual([{ person_id: 'p-eng', xp: 75 }]);
      expect(await f.query('SELECT person_id, current, best, last_active_day FROM streaks')).toEqual([{ person_id: 'p-eng', current: 1, best: 1, last_active_day: '2026-11-24' }]);
      const feed = await f.query<{ seq: number }>('SELECT seq, at, kind, text, person_id, team_id, points, other_person_id FROM feed ORDER BY seq');
      expect(feed).toEqual([{ seq: feed[0]?.seq, at: T0 - 5 * MIN, kind: 'points', text: 'Eve Engineer cleared major alarm LinkDown', person_id: 'p-eng', team_id: 't-noc', points: 75, other_person_id: null }]);
      expect(d.written.feed).toEqual([
        { id: String(feed[0]?.seq), at: '2026-11-24T09:55:00.000Z', kind: 'points', text: 'Eve Engineer cleared major alarm LinkDown', personId: 'p-eng', personName: 'Eve Engineer', teamId: 't-noc', points: 75 },
      ]);
    });

    it('needs several load rounds for work on a stored item, and loads each key once', async () => {
      await ingest(f.store, [alarm('a1', 'raised', -10)]);
      const d = await ingest(f.store, [alarm('a1', 'acknowledged', -9, { actor: 'eng' }), alarm('a1', 'cleared', -5, { actor: 'ENG' })], T0 + 1);
      expect(d.rounds.length).toBeGreaterThanOrEqual(2);
      expect(d.rounds[0]).toMatchObject({ items: ['alarm:nms:a1'], usernames: ['eng', 'ENG'], progress: [] });
      expect(d.rounds[1]).toMatchObject({ eventKeys: [], items: [], usernames: [], progress: ['p-eng'] });
      const asked = d.rounds.flatMap((r) => Object.values(r).flat());
      expect(new Set(asked).size).toBe(asked.length);
      expect(d.outcomes.map((o) => [o.status, o.points])).toEqual([
        ['stored', 0],
        ['stored', 75],
      ]);
      expect(await f.query('SELECT person_id, xp FROM progress')).toEqual([{ person_id: 'p-eng', xp: 75 }]);
    });

    it('writes each item once per batch, reports its store id, and updates it in place in a later batch', async () => {
      const d = await ingest(f.store, [alarm('b1', 'raised', -10), alarm('b1', 'acknowledged', -9, { actor: 'eng' }), alarm('b1', 'cleared', -8, { actor: 'eng' })]);
      const rows = await f.query<{ id: number; state: string }>("SELECT id, state FROM work_items WHERE item_key = 'alarm:nms:b1'");
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0]?.state ?? '{}')).toMatchObject({ status: 'cleared', eventCount: 3 });
      const id = Number(rows[0]?.id);
      expect(d.written.itemIds.get('alarm:nms:b1')).toBe(id);
      const again = await ingest(f.store, [alarm('b1', 'raised', -2)], T0 + 1);
      expect(again.written.itemIds.get('alarm:nms:b1')).toBe(id);
      const after = await f.query<{ id: number; open: number; state: string }>('SELECT id, open, state FROM work_items');
      expect(after.map((r) => [Number(r.id), r.open])).toEqual([[id, 1]]);
      expect(JSON.parse(after[0]?.state ?? '{}')).toMatchObject({ eventCount: 4, open: true });
    });

    it('gives new items their ids in the order the batch first touched them, not in key order', async () => {
      const d = await ingest(f.store, [alarm('zulu', 'raised', -3), alarm('alpha', 'raised', -2), alarm('mike', 'raised', -1), alarm('zulu', 'acknowledged', 0, { actor: 'eng' })]);
      const ids = ['alarm:nms:zulu', 'alarm:nms:alpha', 'alarm:nms:mike'].map((k) => d.written.itemIds.get(k) ?? -1);
      expect(ids[0]).toBeLessThan(ids[1] ?? -1);
      expect(ids[1]).toBeLessThan(ids[2] ?? -1);
      const rows = await f.query<{ id: number; item_key: string }>('SELECT id, item_key FROM work_items ORDER BY id');
      expect(rows.map((r) => r.item_key)).toEqual(['alarm:nms:zulu', 'alarm:nms:alpha', 'alarm:nms:mike']);
      expect(rows.map((r) => Number(r.id))).toEqual(ids);
    });

    it('reports a resent batch as duplicates and writes nothing more; a key twice in one batch is stored once', async () => {
      const batch = [alarm('c1', 'raised', -10, { eventId: 'ev-1' }), alarm('c1', 'acknowledged', -9, { actor: 'eng', eventId: 'ev-2' }), alarm('c1', 'cleared', -5, { actor: 'eng', eventId: 'ev-3' })];
      const first = await ingest(f.store, [...batch, batch[2] as OpsEvent]);
      expect(first.outcomes.map((o) => o.status)).toEqual(['stored', 'stored', 'stored', 'duplicate']);
      const before = { events: await count(f, 'events'), ledger: await count(f, 'ledger'), feed: await count(f, 'feed'), items: await count(f, 'work_items') };
      expect(before).toEqual({ events: 3, ledger: 2, feed: 1, items: 1 });
      const again = await ingest(f.store, batch, T0 + 1);
      expect(again.outcomes.map((o) => [o.eventKey, o.status, o.points])).toEqual([
        ['nms#ev-1', 'duplicate', 0],
        ['nms#ev-2', 'duplicate', 0],
        ['nms#ev-3', 'duplicate', 0],
      ]);
      expect(again.written).toEqual({ itemIds: new Map(), feed: [] });
      expect({ events: await count(f, 'events'), ledger: await count(f, 'ledger'), feed: await count(f, 'feed'), items: await count(f, 'work_items') }).toEqual(before);
      expect(await f.query('SELECT person_id, xp FROM progress')).toEqual([{ person_id: 'p-eng', xp: 75 }]);
    });

    it('refuses a batch that writes an event the log already holds, and keeps none of its writes', async () => {
      await ingest(f.store, [alarm('d1', 'raised', -10, { eventId: 'ev-1' })]);
      const fresh = { eventKey: 'nms#ev-new', itemKey: 'alarm:nms:d2', event: alarm('d2', 'raised', -1), occurredAt: T0 - MIN, receivedAt: T0, via: 'api', raw: null, applied: true, reason: null };
      const again = { ...fresh, eventKey: 'nms#ev-1', itemKey: 'alarm:nms:d1', event: alarm('d1', 'raised', -10) };
      await expect(
        f.store.runBatch((state) => {
          if (!state.storedEvents.has('nms#ev-1')) return { need: { ...emptyNeeds(), eventKeys: ['nms#ev-1', 'nms#ev-new'] } };
          // a step that ignores what it loaded (the key is stored) and writes it again
          return { changes: { ...noChanges(T0), events: [fresh, again] }, finish: async () => 'written' };
        }),
      ).rejects.toThrow();
      expect(await f.query('SELECT event_key FROM events ORDER BY seq')).toEqual([{ event_key: 'nms#ev-1' }]);
    });

    it('applies a parked finish when its item starts in a later batch (marked applied, reason cleared)', async () => {
      const parked = await ingest(f.store, [alarm('p1', 'cleared', -5, { actor: 'eng' })]);
      expect(parked.outcomes.map((o) => [o.status, o.applied, o.reason])).toEqual([['stored', false, PARKED_REASON]]);
      expect(await f.query('SELECT applied, reason FROM events')).toEqual([{ applied: 0, reason: PARKED_REASON }]);
      expect(await count(f, 'work_items')).toBe(0);
      const started = await ingest(f.store, [alarm('p1', 'raised', -10)], T0 + 1);
      expect(started.changes.markApplied).toEqual(['alarm:nms:p1|cleared|2026-11-24T09:55:00.000Z']);
      expect(await f.query('SELECT transition, applied, reason FROM events ORDER BY seq')).toEqual([
        { transition: 'cleared', applied: 1, reason: null },
        { transition: 'raised', applied: 1, reason: null },
      ]);
      const [row] = await f.query<{ state: string }>('SELECT state FROM work_items');
      expect(JSON.parse(row?.state ?? '{}')).toMatchObject({ status: 'cleared', resolvedBy: 'eng' });
    });

    it('marks only the named stored events applied; an empty list changes nothing', async () => {
      await f.seed(`
        INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('k-1', 'alarm:nms:m', 'alarm', 'nms', 'm', 'cleared', 1, 1, NULL, 'api', '{}', NULL, 0, 'parked');
        INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
          VALUES ('k-2', 'alarm:nms:m', 'alarm', 'nms', 'm', 'acknowledged', 2, 2, NULL, 'api', '{}', NULL, 0, 'parked');
      `);
      await f.store.runBatch(writeStep(noChanges(T0)));
      await f.store.runBatch(writeStep({ ...noChanges(T0), markApplied: ['k-2', 'k-none'] }));
      expect(await f.query('SELECT event_key, applied, reason FROM events ORDER BY seq')).toEqual([
        { event_key: 'k-1', applied: 0, reason: 'parked' },
        { event_key: 'k-2', applied: 1, reason: null },
      ]);
    });

    it('answers a batch with nothing to write with no ids and no feed, and writes nothing', async () => {
      expect(await f.store.runBatch(writeStep(noChanges(T0)))).toEqual({ itemIds: new Map(), feed: [] });
      expect(await ingest(f.store, [])).toMatchObject({ outcomes: [], written: { itemIds: new Map(), feed: [] } });
      for (const table of ['events', 'work_items', 'ledger', 'feed', 'progress', 'streaks', 'badges_earned', 'site_history', 'withheld_awards']) expect(await count(f, table)).toBe(0);
    });

    it('upserts site histories, progress and streaks: one row each, in their last state', async () => {
      const history = (n: number): SiteHistory => ({ opens: [{ at: n, itemKey: `truckroll:ff:${n}` }], fixes: [] });
      const progress = (personId: string, xp: number, day?: string): PersonProgress => ({ personId, xp, counters: { n: xp }, streak: { current: xp, best: xp + 1, ...(day ? { lastActiveDay: day } : {}) }, badges: {} });
      await f.store.runBatch(
        writeStep({
          ...noChanges(T0),
          sites: new Map([
            ['site:B', history(1)],
            ['customer:A', history(2)],
          ]),
          progress: new Map([
            ['p-tech', progress('p-tech', 3, '2026-11-20')],
            ['p-eng', progress('p-eng', 5)],
          ]),
        }),
      );
      await f.store.runBatch(writeStep({ ...noChanges(T0), sites: new Map([['site:B', history(9)]]), progress: new Map([['p-tech', progress('p-tech', 8)]]) }));
      const sites = await f.query<{ key: string; state: string }>('SELECT key, state FROM site_history ORDER BY key');
      expect(sites.map((r) => [r.key, JSON.parse(r.state) as unknown])).toEqual([
        ['customer:A', history(2)],
        ['site:B', history(9)],
      ]);
      expect(await f.query('SELECT person_id, xp, counters FROM progress ORDER BY person_id')).toEqual([
        { person_id: 'p-eng', xp: 5, counters: '{"n":5}' },
        { person_id: 'p-tech', xp: 8, counters: '{"n":8}' },
      ]);
      expect(await f.query('SELECT person_id, current, best, last_active_day FROM streaks ORDER BY person_id')).toEqual([
        { person_id: 'p-eng', current: 5, best: 6, last_active_day: null },
        { person_id: 'p-tech', current: 8, best: 9, last_active_day: null },
      ]);
      const state = await f.store.runBatch(loadStep({ progress: ['p-tech'], sites: ['customer:A'] }));
      expect(state.progress.get('p-tech')).toEqual({ personId: 'p-tech', xp: 8, counters: { n: 8 }, streak: { current: 8, best: 9 }, badges: {} });
      expect(state.sites.get('customer:A')).toEqual(history(2));
    });

    it('earns a badge once (the first earning is kept) and applies take-backs in decision order', async () => {
      const earn = (badgeId: string, at: number) => ({ kind: 'earn' as const, personId: 'p-eng', badgeId, at, eventKey: `ev-${at}` });
      const revoke = (badgeId: string) => ({ kind: 'revoke' as const, personId: 'p-eng', badgeId });
      const badges = (): Promise<unknown[]> => f.query('SELECT badge_id, earned_at, event_key FROM badges_earned ORDER BY earned_at');
      await f.store.runBatch(writeStep({ ...noChanges(T0), badges: [earn('first', 1), earn('first', 2), earn('second', 3)] }));
      expect(await badges()).toEqual([
        { badge_id: 'first', earned_at: 1, event_key: 'ev-1' },
        { badge_id: 'second', earned_at: 3, event_key: 'ev-3' },
      ]);
      await f.store.runBatch(writeStep({ ...noChanges(T0), badges: [earn('first', 4)] }));
      expect(await badges()).toHaveLength(2);
      await f.store.runBatch(writeStep({ ...noChanges(T0), badges: [revoke('first'), earn('first', 5), earn('third', 6), revoke('third'), revoke('never')] }));
      expect(await badges()).toEqual([
        { badge_id: 'second', earned_at: 3, event_key: 'ev-3' },
        { badge_id: 'first', earned_at: 5, event_key: 'ev-5' },
      ]);
    });

    it('stores withheld awards once by entry id, with the held change naming the id the item got in the same batch', async () => {
      await ingest(f.store, [alarm('w0', 'raised', -10)]);
      const item = (await f.store.runBatch(loadStep({ items: ['alarm:nms:w0'] }))).items.get('alarm:nms:w0');
      if (!item) throw new Error('no item');
      const moved: WorkItem = { ...item, key: 'alarm:nms:w1', externalKey: 'w1' };
      const entry = (entryId: string, points: number): LedgerEntry => ({
        entryId, personId: 'p-eng', teamId: 't-noc', points, ruleId: 'alarm.clear', ruleVersion: 2, eventKey: 'ev-w', itemKey: 'alarm:nms:w1', reason: 'Clear', at: T0, windows: windowKeys(T0, 'UTC'),
      });
      const event = alarm('w1', 'cleared', 0, { actor: 'eng' });
      const written = await f.store.runBatch(
        writeStep({
          ...noChanges(T0),
          items: new Map([['alarm:nms:w1', moved]]),
          withheld: [
            { award: { entry: entry('held-1', 30), why: 'burst', reviewable: true, detail: 'too many', downstream: { day: '2026-11-24', badgeSteps: [] } }, change: { event, effects: ['updated'], itemKey: 'alarm:nms:w1', item: moved } },
            { award: { entry: entry('cap-1', 5), why: 'cap', reviewable: false, detail: 'over the cap' } },
          ],
        }),
      );
      const id = written.itemIds.get('alarm:nms:w1');
      expect(id).toBeGreaterThan(0);
      await f.store.runBatch(writeStep({ ...noChanges(T0), withheld: [{ award: { entry: entry('cap-1', 99), why: 'cap', reviewable: false, detail: 'again' } }] }));
      const rows = await f.query<{ entry_id: string; points: number; why: string; status: string; detail: string; downstream: string | null }>(
        'SELECT entry_id, points, why, status, detail, downstream FROM withheld_awards ORDER BY entry_id',
      );
      expect(rows.map((r) => [r.entry_id, r.points, r.why, r.status, r.detail])).toEqual([
        ['cap-1', 5, 'cap', 'final', 'over the cap'],
        ['held-1', 30, 'burst', 'held', 'too many'],
      ]);
      expect(rows[0]?.downstream).toBeNull();
      expect(JSON.parse(rows[1]?.downstream ?? '{}')).toEqual({ day: '2026-11-24', badgeSteps: [], change: { event, effects: ['updated'], itemId: id, item: moved } });
      expect(await count(f, 'ledger')).toBe(0);
    });

    it('hands back feed lines in order with the ids the store gave them, and the fields a reader shows', async () => {
      const line = (text: string, personId: string | null, points: number | null): BatchChanges['feed'][number] => ({
        at: T0 + text.length, kind: points === null ? 'work' : 'points', text, personId, personName: personId ? 'Eve Engineer' : null, teamId: personId ? 't-noc' : null, points,
      });
      const first = await f.store.runBatch(writeStep({ ...noChanges(T0), feed: [line('b', 'p-eng', 10), line('a-line', null, null), line('ccc', 'p-eng', 0)] }));
      const second = await f.store.runBatch(writeStep({ ...noChanges(T0), feed: [line('dd', null, null)] }));
      const seqs = (await f.query<{ seq: number; text: string }>('SELECT seq, text FROM feed ORDER BY seq')).map((r) => [String(r.seq), r.text]);
      expect(seqs.map(([, text]) => text)).toEqual(['b', 'a-line', 'ccc', 'dd']);
      expect(first.feed).toEqual([
        { id: seqs[0]?.[0], at: new Date(T0 + 1).toISOString(), kind: 'points', text: 'b', personId: 'p-eng', personName: 'Eve Engineer', teamId: 't-noc', points: 10 },
        { id: seqs[1]?.[0], at: new Date(T0 + 6).toISOString(), kind: 'work', text: 'a-line' },
        { id: seqs[2]?.[0], at: new Date(T0 + 3).toISOString(), kind: 'points', text: 'ccc', personId: 'p-eng', personName: 'Eve Engineer', teamId: 't-noc', points: 0 },
      ]);
      expect(second.feed.map((l) => l.id)).toEqual([seqs[3]?.[0]]);
    });

    describeIngestStoreTransactions(() => f);
  });
}
