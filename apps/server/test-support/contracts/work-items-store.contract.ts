import { SEVERITY_RANK, type SlaClockState, type Stream, type WorkItem } from '@opsquest/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkItemRecord, WorkItemsStore } from '../../src/services/ports/work-items-store';
import type { OpenStore, StoreFixture } from './store-fixture';

/** The at-risk share (percent) the adapters under this contract are built with. */
export const WORK_ITEMS_AT_RISK_PCT = 80;

/** A SQL string literal (both engines: quotes doubled, backslashes as they are). */
export const sqlText = (s: string | null): string => (s === null ? 'NULL' : `'${s.replaceAll("'", "''")}'`);
const sqlNumber = (n: number | null | undefined): string => (n === undefined || n === null ? 'NULL' : String(n));

export function clock(startedAt: number, dueAt: number, over: Partial<SlaClockState> = {}): SlaClockState {
  return { startedAt, dueAt, pausedMs: 0, atRiskFlagged: false, breachFlagged: false, ...over };
}

/** A work item keyed `<stream>:<source>:<externalKey>`, open since 1 000 with a 10 s response and a 100 s resolution clock. */
export function workItem(key: string, over: Partial<WorkItem> = {}): WorkItem {
  const [stream, source, externalKey] = key.split(':') as [Stream, string, string];
  return {
    key,
    stream,
    source,
    externalKey,
    status: stream === 'alarm' ? 'raised' : 'acknowledged',
    ...(stream === 'alarm' ? { ackState: 'unacknowledged' as const, severity: 'warning' as const } : { priority: 2 }),
    title: `item ${externalKey}`,
    serviceAffecting: false,
    customersAffected: 0,
    vip: false,
    count: 1,
    reraiseCount: 0,
    open: true,
    openedAt: 1_000,
    sla: { response: clock(1_000, 11_000), resolution: clock(1_000, 101_000) },
    lastEventAt: 1_000,
    eventCount: 1,
    ...over,
  };
}

/** An INSERT of a work item row as the stores write it (for the stores that only read work_items). */
export function workItemInsertSql(item: WorkItem, updatedAt: number, over: { resolutionDueAt?: number | null; state?: string } = {}): string {
  const resolutionDueAt = over.resolutionDueAt === undefined ? item.sla.resolution.dueAt : over.resolutionDueAt;
  return `INSERT INTO work_items (item_key, stream, status, open, severity_rank, priority, assignee, appointment_start, response_due_at, resolution_due_at, next_sla_check_at, opened_at, updated_at, state)
    VALUES (${sqlText(item.key)}, ${sqlText(item.stream)}, ${sqlText(item.status)}, ${item.open ? 1 : 0}, ${item.severity ? SEVERITY_RANK[item.severity] : 9}, ${sqlNumber(item.priority)},
      ${sqlText(item.assignee ?? null)}, ${sqlNumber(item.appointmentStart)}, ${item.sla.response.dueAt}, ${sqlNumber(resolutionDueAt)}, NULL, ${item.openedAt}, ${updatedAt},
      ${sqlText(over.state ?? JSON.stringify(item))});\n`;
}

let eventCounter = 0;
/** An INSERT of an event row (its seq is the next one: events come in the order they are inserted). */
export function eventInsertSql(e: { itemKey: string; transition?: string; occurredAt?: number; via?: string; raw?: string | null; applied?: 0 | 1 }): string {
  eventCounter += 1;
  const [stream = 'alarm', source = 'test', externalKey = e.itemKey] = e.itemKey.split(':');
  return `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
    VALUES (${sqlText(`ev-${eventCounter}`)}, ${sqlText(e.itemKey)}, ${sqlText(stream)}, ${sqlText(source)}, ${sqlText(externalKey)}, ${sqlText(e.transition ?? 'raised')},
      ${e.occurredAt ?? 1_000}, ${e.occurredAt ?? 1_000}, NULL, ${sqlText(e.via ?? 'api')}, '{}', ${sqlText(e.raw ?? null)}, ${e.applied ?? 1}, NULL);\n`;
}

/** Text that PostgreSQL's JSON functions refuse when escaped in a document (a NUL, a lone surrogate), and an escaped backslash before a `u`. */
export const AWKWARD_TEXT = 'nul \u0000 half \ud83d end C:\\users\\u0000';

const keys = (records: readonly WorkItemRecord[]): string[] => records.map((r) => r.item.key);

/** The WorkItemsStore port, checked the same way on every adapter (built with WORK_ITEMS_AT_RISK_PCT). */
export function describeWorkItemsStoreContract(engine: string, open: OpenStore<WorkItemsStore>): void {
  describe(`WorkItemsStore contract (${engine})`, () => {
    let f: StoreFixture<WorkItemsStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    const nextCheckOf = async (key: string): Promise<number | null> =>
      (await f.query<{ at: number | null }>(`SELECT next_sla_check_at AS at FROM work_items WHERE item_key = ${sqlText(key)}`))[0]?.at ?? null;

    it('saves one row per key: a second save updates it in place, keeps its id and its updated time moves', async () => {
      const a = workItem('alarm:nms:a', { severity: 'major', title: AWKWARD_TEXT });
      const idA = await f.store.save(a, 5_000);
      const idB = await f.store.save(workItem('order:bss:b'), 5_000);
      expect(idB).not.toBe(idA);
      const changed: WorkItem = { ...a, status: 'updated', assignee: 'ann', severity: 'critical', count: 2 };
      expect(await f.store.save(changed, 6_000)).toBe(idA);
      expect(await f.store.findByKey('alarm:nms:a')).toEqual({ id: idA, item: changed, updatedAt: 6_000 });
      expect(await f.store.findById(idA)).toEqual({ id: idA, item: changed, updatedAt: 6_000 });
      expect(await f.store.get('alarm:nms:a')).toEqual(changed);
      expect((await f.store.get('alarm:nms:a'))?.title).toBe(AWKWARD_TEXT);
      expect(await f.query<{ n: number; rank: number; assignee: string }>("SELECT count(*) AS n, max(severity_rank) AS rank, max(assignee) AS assignee FROM work_items WHERE item_key = 'alarm:nms:a'")).toEqual([
        { n: 1, rank: SEVERITY_RANK.critical, assignee: 'ann' },
      ]);
      expect(await f.query<{ n: number }>('SELECT count(*) AS n FROM work_items')).toEqual([{ n: 2 }]);
    });

    it('finds nothing for an unknown key or id, and keys are case-sensitive', async () => {
      const id = await f.store.save(workItem('alarm:nms:a'), 5_000);
      expect(await f.store.get('alarm:nms:missing')).toBeUndefined();
      expect(await f.store.get('ALARM:NMS:A')).toBeUndefined();
      expect(await f.store.findByKey('Alarm:nms:a')).toBeUndefined();
      expect(await f.store.findById(id + 1_000)).toBeUndefined();
      expect((await f.store.findById(id))?.item.key).toBe('alarm:nms:a');
    });

    it('writes the next SLA check: the earliest at-risk point of the running clocks, then their due time; none when closed or paused', async () => {
      // response 1 000..11 000 → at risk at 9 000; resolution 1 000..101 000 → at risk at 81 000
      const base = workItem('alarm:nms:a');
      await f.store.save(base, 1_000);
      expect(await nextCheckOf('alarm:nms:a')).toBe(9_000);
      await f.store.save({ ...base, sla: { ...base.sla, response: clock(1_000, 11_000, { atRiskFlagged: true }) } }, 2_000);
      expect(await nextCheckOf('alarm:nms:a')).toBe(11_000);
      await f.store.save({ ...base, sla: { response: clock(1_000, 11_000, { stoppedAt: 5_000 }), resolution: clock(1_000, 101_000) } }, 3_000);
      expect(await nextCheckOf('alarm:nms:a')).toBe(81_000);
      await f.store.save({ ...base, sla: { response: clock(1_000, 11_000, { stoppedAt: 5_000 }), resolution: clock(1_000, 101_000, { atRiskFlagged: true, breachFlagged: true }) } }, 4_000);
      expect(await nextCheckOf('alarm:nms:a')).toBeNull();
      await f.store.save({ ...base, sla: { response: clock(1_000, 11_000, { pausedSince: 2_000 }), resolution: clock(1_000, 101_000, { pausedMs: 10_000 }) } }, 5_000);
      expect(await nextCheckOf('alarm:nms:a')).toBe(1_000 + 10_000 + Math.floor((90_000 * WORK_ITEMS_AT_RISK_PCT) / 100));
      await f.store.save({ ...base, open: false, status: 'cleared', closedAt: 6_000 }, 6_000);
      expect(await nextCheckOf('alarm:nms:a')).toBeNull();
      expect(await f.store.dueForSlaCheck(Number.MAX_SAFE_INTEGER, 10)).toEqual([]);
    });

    it('hands out items due for an SLA check in check order, ties in id order, up to the limit; setNextSlaCheck moves and clears checks', async () => {
      const ids: Record<string, number> = {};
      for (const k of ['a', 'b', 'c', 'd', 'e']) ids[k] = await f.store.save(workItem(`alarm:nms:${k}`, { open: false, status: 'cleared' }), 7_000);
      // c is moved before a, so a table walk would meet c first: the tie must still come in id order
      await f.store.setNextSlaCheck(ids.c, 300);
      await f.store.setNextSlaCheck(ids.a, 300);
      await f.store.setNextSlaCheck(ids.b, 100);
      await f.store.setNextSlaCheck(ids.e, 500);
      await f.store.setNextSlaCheck(ids.d, null);
      const due = await f.store.dueForSlaCheck(300, 10);
      expect(keys(due)).toEqual(['alarm:nms:b', 'alarm:nms:a', 'alarm:nms:c']);
      expect(due[0]).toEqual({ id: ids.b, item: workItem('alarm:nms:b', { open: false, status: 'cleared' }), updatedAt: 7_000 });
      expect(keys(await f.store.dueForSlaCheck(300, 2))).toEqual(['alarm:nms:b', 'alarm:nms:a']);
      expect(await f.store.dueForSlaCheck(99, 10)).toEqual([]);
      expect(keys(await f.store.dueForSlaCheck(500, 10))).toEqual(['alarm:nms:b', 'alarm:nms:a', 'alarm:nms:c', 'alarm:nms:e']);
      await f.store.setNextSlaCheck(ids.b, null);
      await f.store.setNextSlaCheck(ids.e, 50);
      expect(keys(await f.store.dueForSlaCheck(1_000, 10))).toEqual(['alarm:nms:e', 'alarm:nms:a', 'alarm:nms:c']);
      await f.store.setNextSlaCheck(ids.a + 10_000, 1); // no such item: nothing happens
      expect(keys(await f.store.dueForSlaCheck(1_000, 10))).toHaveLength(3);
    });

    it('counts open items per stream, zero for a stream without any', async () => {
      expect(await f.store.openCounts()).toEqual({ alarm: 0, order: 0, truckroll: 0 });
      await f.store.save(workItem('alarm:nms:a'), 1_000);
      await f.store.save(workItem('alarm:nms:b'), 1_000);
      await f.store.save(workItem('alarm:nms:c', { open: false, status: 'cleared' }), 1_000);
      await f.store.save(workItem('order:bss:o'), 1_000);
      await f.store.save(workItem('truckroll:wfm:t', { open: false, status: 'completed' }), 1_000);
      expect(await f.store.openCounts()).toEqual({ alarm: 2, order: 1, truckroll: 0 });
    });

    it('lists closed items whose close time is at or after a moment', async () => {
      const closed = (key: string, closedAt: number | undefined, over: Partial<WorkItem> = {}): WorkItem =>
        workItem(key, { open: false, status: 'cleared', ...(closedAt === undefined ? {} : { closedAt }), ...over });
      await f.store.save(closed('alarm:nms:a', 100), 1_000);
      await f.store.save(closed('order:bss:b', 200), 1_000);
      await f.store.save(closed('alarm:nms:c', 300, { severity: 'critical' }), 1_000);
      await f.store.save(closed('alarm:nms:d', 250, { title: AWKWARD_TEXT }), 1_000);
      await f.store.save(closed('alarm:nms:e', undefined), 1_000);
      await f.store.save(workItem('alarm:nms:f', { closedAt: 900 }), 1_000); // open: not listed
      const since200 = await f.store.closedSince(200);
      expect(since200.map((i) => i.key).sort()).toEqual(['alarm:nms:c', 'alarm:nms:d', 'order:bss:b']);
      expect(since200.find((i) => i.key === 'alarm:nms:d')?.title).toBe(AWKWARD_TEXT);
      expect((await f.store.closedSince(300)).map((i) => i.key)).toEqual(['alarm:nms:c']);
      expect(await f.store.closedSince(301)).toEqual([]);
      expect((await f.store.closedSince(0)).map((i) => i.key).sort()).toEqual(['alarm:nms:a', 'alarm:nms:c', 'alarm:nms:d', 'order:bss:b']);
    });

    it('lists open items by severity, priority (none last), resolution due time (none first), then id', async () => {
      const s = (key: string, over: Partial<WorkItem>, due: number): WorkItem => workItem(key, { ...over, sla: { response: clock(1_000, 11_000), resolution: clock(1_000, due) } });
      await f.store.save(s('alarm:nms:major-p1-late', { severity: 'major', priority: 1 }, 3_000), 1_000);
      await f.store.save(s('alarm:nms:major-none', { severity: 'major' }, 1_000), 1_000);
      await f.store.save(s('alarm:nms:major-p1-tie-first', { severity: 'major', priority: 1 }, 2_000), 1_000);
      await f.store.save(s('alarm:nms:critical', { severity: 'critical' }, 9_000), 1_000);
      await f.store.save(s('alarm:nms:major-p1-tie-second', { severity: 'major', priority: 1 }, 2_000), 1_000);
      await f.store.save(s('order:bss:no-severity', { priority: 0 }, 500), 1_000);
      await f.store.save(s('alarm:nms:warning', { severity: 'warning' }, 100), 1_000);
      await f.store.save(s('alarm:nms:closed-critical', { severity: 'critical', open: false, status: 'cleared' }, 1), 1_000);
      // an item without a resolution due time comes first among its equals (SQLite sorts NULLs first)
      await f.seed(workItemInsertSql(s('alarm:nms:major-p1-no-due', { severity: 'major', priority: 1 }, 0), 1_000, { resolutionDueAt: null }));
      // moved after the others: still in its place (ties by id, not by the last write)
      await f.store.save(s('alarm:nms:major-p1-tie-first', { severity: 'major', priority: 1, count: 3 }, 2_000), 2_000);
      const expected = [
        'alarm:nms:critical',
        'alarm:nms:major-p1-no-due',
        'alarm:nms:major-p1-tie-first',
        'alarm:nms:major-p1-tie-second',
        'alarm:nms:major-p1-late',
        'alarm:nms:major-none',
        'alarm:nms:warning',
        'order:bss:no-severity',
      ];
      expect(keys(await f.store.list({ state: 'open', limit: 100 }))).toEqual(expected);
      expect(keys(await f.store.list({ state: 'open', limit: 3 }))).toEqual(expected.slice(0, 3));
      expect(keys(await f.store.list({ stream: 'alarm', state: 'open', limit: 100 }))).toEqual(expected.slice(0, 7));
      expect(await f.store.list({ stream: 'truckroll', state: 'open', limit: 100 })).toEqual([]);
      expect(await f.store.list({ state: 'open', limit: 0 })).toEqual([]);
    });

    it('lists closed and all items newest update first', async () => {
      await f.store.save(workItem('alarm:nms:c1', { open: false, status: 'cleared' }), 7_000);
      await f.store.save(workItem('alarm:nms:c2', { open: false, status: 'cleared' }), 9_000);
      await f.store.save(workItem('order:bss:c3', { open: false, status: 'completed' }), 8_000);
      await f.store.save(workItem('alarm:nms:o1'), 8_500);
      await f.store.save(workItem('order:bss:o2'), 6_000);
      expect(keys(await f.store.list({ state: 'closed', limit: 100 }))).toEqual(['alarm:nms:c2', 'order:bss:c3', 'alarm:nms:c1']);
      expect(keys(await f.store.list({ state: 'all', limit: 100 }))).toEqual(['alarm:nms:c2', 'alarm:nms:o1', 'order:bss:c3', 'alarm:nms:c1', 'order:bss:o2']);
      expect(keys(await f.store.list({ state: 'all', limit: 2 }))).toEqual(['alarm:nms:c2', 'alarm:nms:o1']);
      expect(keys(await f.store.list({ stream: 'order', state: 'all', limit: 100 }))).toEqual(['order:bss:c3', 'order:bss:o2']);
      expect(keys(await f.store.list({ stream: 'alarm', state: 'closed', limit: 100 }))).toEqual(['alarm:nms:c2', 'alarm:nms:c1']);
    });

    it('lists truck-rolls by appointment start (else opening time), then id, whatever the state filter', async () => {
      await f.store.save(workItem('truckroll:wfm:t1', { appointmentStart: 5_000, openedAt: 1_000 }), 1_000);
      await f.store.save(workItem('truckroll:wfm:t2', { openedAt: 3_000 }), 1_000);
      await f.store.save(workItem('truckroll:wfm:t3', { appointmentStart: 3_000, openedAt: 500 }), 1_000);
      await f.store.save(workItem('truckroll:wfm:t4', { appointmentStart: 100, open: false, status: 'completed' }), 9_000);
      await f.store.save(workItem('truckroll:wfm:t2', { openedAt: 3_000, count: 2 }), 9_500);
      expect(keys(await f.store.list({ stream: 'truckroll', state: 'all', limit: 100 }))).toEqual(['truckroll:wfm:t4', 'truckroll:wfm:t2', 'truckroll:wfm:t3', 'truckroll:wfm:t1']);
      expect(keys(await f.store.list({ stream: 'truckroll', state: 'open', limit: 100 }))).toEqual(['truckroll:wfm:t2', 'truckroll:wfm:t3', 'truckroll:wfm:t1']);
      expect(keys(await f.store.list({ stream: 'truckroll', state: 'closed', limit: 100 }))).toEqual(['truckroll:wfm:t4']);
      expect(keys(await f.store.list({ stream: 'truckroll', state: 'open', limit: 1 }))).toEqual(['truckroll:wfm:t2']);
    });

    it('lists the items of one assignee, matched exactly (case-sensitive)', async () => {
      await f.store.save(workItem('alarm:nms:a', { assignee: 'ann' }), 1_000);
      await f.store.save(workItem('order:bss:b', { assignee: 'ann', open: false, status: 'completed' }), 2_000);
      await f.store.save(workItem('alarm:nms:c', { assignee: 'Ann' }), 3_000);
      await f.store.save(workItem('alarm:nms:d'), 4_000);
      expect(keys(await f.store.list({ state: 'all', assignee: 'ann', limit: 100 }))).toEqual(['order:bss:b', 'alarm:nms:a']);
      expect(keys(await f.store.list({ state: 'open', assignee: 'ann', limit: 100 }))).toEqual(['alarm:nms:a']);
      expect(keys(await f.store.list({ stream: 'order', state: 'all', assignee: 'ann', limit: 100 }))).toEqual(['order:bss:b']);
      expect(keys(await f.store.list({ state: 'all', assignee: 'Ann', limit: 100 }))).toEqual(['alarm:nms:c']);
      expect(await f.store.list({ state: 'all', assignee: 'ANN', limit: 100 })).toEqual([]);
      expect(keys(await f.store.list({ state: 'all', assignee: '', limit: 100 }))).toHaveLength(4);
    });

    it('rolls back the writes of a failed unit of work and keeps those of a committed one', async () => {
      const id = await f.store.save(workItem('alarm:nms:kept'), 1_000);
      await expect(
        f.uow.run(async () => {
          await f.store.save(workItem('alarm:nms:lost'), 2_000);
          await f.store.save(workItem('alarm:nms:kept', { status: 'updated' }), 2_000);
          await f.store.setNextSlaCheck(id, 5);
          expect(await f.store.get('alarm:nms:lost')).toBeDefined();
          expect((await f.store.dueForSlaCheck(5, 10)).map((r) => r.id)).toEqual([id]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await f.store.get('alarm:nms:lost')).toBeUndefined();
      expect(await f.store.findByKey('alarm:nms:kept')).toMatchObject({ id, item: { status: 'raised' }, updatedAt: 1_000 });
      expect(await f.store.dueForSlaCheck(5, 10)).toEqual([]);
      expect(await f.store.openCounts()).toEqual({ alarm: 1, order: 0, truckroll: 0 });
      const committed = await f.uow.run(async () => f.store.save(workItem('alarm:nms:committed'), 3_000));
      expect((await f.store.findById(committed))?.item.key).toBe('alarm:nms:committed');
    });
  });
}
