import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InsightsStore, LedgerSlice } from '../../src/services/ports/insights-store';
import type { OpenStore, StoreFixture } from './store-fixture';

/** A SQL literal that reads the same on SQLite and PostgreSQL (NULL, a number, or a quoted string). */
export function sqlLiteral(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

function values(list: readonly (string | number | null)[]): string {
  return `(${list.map(sqlLiteral).join(', ')})`;
}

export interface LedgerSeed {
  id: string;
  person: string;
  team?: string | null;
  points: number;
  rule?: string;
  at?: number;
  day: string;
  week?: string;
  month?: string;
  reversalOf?: string | null;
}

/** INSERTs of ledger entries (seq follows the order given, on both engines). */
export function ledgerSql(entries: readonly LedgerSeed[]): string {
  return entries
    .map(
      (e) =>
        `INSERT INTO ledger (entry_id, person_id, team_id, points, rule_id, rule_version, event_key, item_key, reason, at, day, week, month, reversal_of) VALUES ${values([
          e.id,
          e.person,
          e.team ?? null,
          e.points,
          e.rule ?? 'resolve',
          1,
          `ev-${e.id}`,
          `item-${e.id}`,
          'test',
          e.at ?? 0,
          e.day,
          e.week ?? '2026-11-23',
          e.month ?? e.day.slice(0, 7),
          e.reversalOf ?? null,
        ])};`,
    )
    .join('\n');
}

interface WorkItemSeed {
  key: string;
  open: 0 | 1;
  stream?: string;
  severityRank?: number;
  openedAt?: number;
  state: Record<string, unknown>;
}

function workItemSql(items: readonly WorkItemSeed[]): string {
  return items
    .map(
      (w) =>
        `INSERT INTO work_items (item_key, stream, status, open, severity_rank, opened_at, updated_at, state) VALUES ${values([
          w.key,
          w.stream ?? 'incident',
          w.open === 1 ? 'open' : 'closed',
          w.open,
          w.severityRank ?? 2,
          w.openedAt ?? 0,
          0,
          JSON.stringify(w.state),
        ])};`,
    )
    .join('\n');
}

interface EventSeed {
  key: string;
  actor: string | null;
  at: number;
  applied: 0 | 1;
}

function eventSql(events: readonly EventSeed[]): string {
  return events
    .map(
      (e) =>
        `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason) VALUES ${values([
          e.key,
          `item-${e.key}`,
          'incident',
          'test',
          e.key,
          'opened',
          e.at,
          e.at,
          e.actor,
          'console',
          '{}',
          null,
          e.applied,
          e.applied === 1 ? null : 'ignored',
        ])};`,
    )
    .join('\n');
}

const byAt = (a: { at: number }, b: { at: number }): number => a.at - b.at;

/** The InsightsStore port (read-only aggregations over ledger, events, work items and badges), the same on every engine. */
export function describeInsightsStoreContract(engine: string, open: OpenStore<InsightsStore>): void {
  describe(`InsightsStore contract (${engine})`, () => {
    let f: StoreFixture<InsightsStore>;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('sums a person’s points per day from a day on, in day order, as numbers', async () => {
      await f.seed(
        ledgerSql([
          { id: 'e1', person: 'p-1', points: 10, day: '2026-11-24' },
          { id: 'e2', person: 'p-1', points: 3_000_000_000, day: '2026-11-22' },
          { id: 'e3', person: 'p-1', points: 5, day: '2026-11-24' },
          { id: 'e4', person: 'p-1', points: -15, day: '2026-11-25' },
          { id: 'e5', person: 'p-1', points: 7, day: '2026-11-21' },
          { id: 'e6', person: 'p-2', points: 100, day: '2026-11-24' },
          { id: 'e7', person: 'p-1', points: 3_000_000_000, day: '2026-11-22' },
        ]),
      );
      expect(await f.store.pointsByDay('p-1', '2026-11-22')).toEqual([
        { day: '2026-11-22', points: 6_000_000_000 },
        { day: '2026-11-24', points: 15 },
        { day: '2026-11-25', points: -15 },
      ]);
      expect(await f.store.pointsByDay('p-1', '2026-12-01')).toEqual([]);
      expect(await f.store.pointsByDay('nobody', '2026-01-01')).toEqual([]);
    });

    it('reads the ledger from a day on, of everyone or of one team, marking reversals', async () => {
      await f.seed(
        ledgerSql([
          { id: 'e1', person: 'p-1', team: 't-1', points: 10, rule: 'resolve', at: 1_000, day: '2026-11-20' },
          { id: 'e2', person: 'p-1', team: 't-1', points: 20, rule: 'badge:first', at: 2_000, day: '2026-11-21' },
          { id: 'e3', person: 'p-2', team: 't-2', points: 30, rule: 'resolve', at: 3_000, day: '2026-11-22' },
          { id: 'e4', person: 'p-1', team: 't-1', points: -20, rule: 'badge:first', at: 4_000, day: '2026-11-22', reversalOf: 'e2' },
          { id: 'e5', person: 'p-3', team: null, points: 5, rule: 'ack', at: 5_000, day: '2026-11-23' },
        ]),
      );
      const all = [...(await f.store.ledgerSinceDay('2026-11-21'))].sort(byAt);
      expect(all).toEqual<LedgerSlice[]>([
        { personId: 'p-1', teamId: 't-1', points: 20, at: 2_000, day: '2026-11-21', ruleId: 'badge:first', reversal: false },
        { personId: 'p-2', teamId: 't-2', points: 30, at: 3_000, day: '2026-11-22', ruleId: 'resolve', reversal: false },
        { personId: 'p-1', teamId: 't-1', points: -20, at: 4_000, day: '2026-11-22', ruleId: 'badge:first', reversal: true },
        { personId: 'p-3', teamId: null, points: 5, at: 5_000, day: '2026-11-23', ruleId: 'ack', reversal: false },
      ]);
      expect([...(await f.store.ledgerSinceDay('2026-11-20', 't-1'))].sort(byAt).map((e) => e.at)).toEqual([1_000, 2_000, 4_000]);
      expect(await f.store.ledgerSinceDay('2026-11-20', 't-none')).toEqual([]);
      expect(await f.store.ledgerSinceDay('2026-11-24')).toEqual([]);
    });

    it('counts the resolution SLA outcomes of closed work a person resolved, whatever the case of the username', async () => {
      await f.seed(
        workItemSql([
          { key: 'w1', open: 0, state: { resolvedBy: 'Ann', sla: { resolution: { outcome: 'met' } } } },
          { key: 'w2', open: 0, state: { resolvedBy: 'ann', sla: { resolution: { outcome: 'met' } } } },
          { key: 'w3', open: 0, state: { resolvedBy: 'ANN', sla: { resolution: { outcome: 'breached' } } } },
          { key: 'w4', open: 0, state: { resolvedBy: 'ann', sla: { resolution: { outcome: 'pending' } } } },
          { key: 'w5', open: 0, state: { resolvedBy: 'ann' } },
          { key: 'w6', open: 1, state: { resolvedBy: 'ann', sla: { resolution: { outcome: 'met' } } } },
          { key: 'w7', open: 0, state: { resolvedBy: 'bob', sla: { resolution: { outcome: 'breached' } } } },
          { key: 'w8', open: 0, state: { resolvedBy: 'anne', sla: { resolution: { outcome: 'met' } } } },
        ]),
      );
      expect(await f.store.slaOutcomes('aNn')).toEqual({ met: 2, breached: 1 });
      expect(await f.store.slaOutcomes('bob')).toEqual({ met: 0, breached: 1 });
      expect(await f.store.slaOutcomes('nobody')).toEqual({ met: 0, breached: 0 });
    });

    it('lists applied events with an actor that occurred in [from, to)', async () => {
      await f.seed(
        eventSql([
          { key: 'a', actor: 'ann', at: 999, applied: 1 },
          { key: 'b', actor: 'ann', at: 1_000, applied: 1 },
          { key: 'c', actor: 'Bob', at: 1_500, applied: 1 },
          { key: 'd', actor: null, at: 1_600, applied: 1 },
          { key: 'e', actor: 'ann', at: 1_700, applied: 0 },
          { key: 'f', actor: 'ann', at: 1_999, applied: 1 },
          { key: 'g', actor: 'ann', at: 2_000, applied: 1 },
        ]),
      );
      expect([...(await f.store.actorEvents(1_000, 2_000))].sort(byAt)).toEqual([
        { actor: 'ann', at: 1_000 },
        { actor: 'Bob', at: 1_500 },
        { actor: 'ann', at: 1_999 },
      ]);
      expect(await f.store.actorEvents(3_000, 4_000)).toEqual([]);
      expect(await f.store.actorEvents(1_500, 1_500)).toEqual([]);
    });

    it('lists every badge earned', async () => {
      expect(await f.store.badgesEarned()).toEqual([]);
      await f.seed(`INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-2', 'first-fix', 2000, 'ev-1');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-1', 'first-fix', 1000, 'ev-2');
        INSERT INTO badges_earned (person_id, badge_id, earned_at, event_key) VALUES ('p-1', 'night-owl', 3000, 'ev-3');`);
      const earned = [...(await f.store.badgesEarned())].sort((a, b) => a.earnedAt - b.earnedAt);
      expect(earned).toEqual([
        { personId: 'p-1', badgeId: 'first-fix', earnedAt: 1_000 },
        { personId: 'p-2', badgeId: 'first-fix', earnedAt: 2_000 },
        { personId: 'p-1', badgeId: 'night-owl', earnedAt: 3_000 },
      ]);
    });

    it('finds the best day and week by net points, the latest of equals, none without a positive one', async () => {
      expect(await f.store.bestDay('p-1')).toBeUndefined();
      expect(await f.store.bestWeek('p-1')).toBeUndefined();
      await f.seed(
        ledgerSql([
          { id: 'e1', person: 'p-1', points: 40, day: '2026-11-02', week: '2026-11-02' },
          { id: 'e2', person: 'p-1', points: 30, day: '2026-11-10', week: '2026-11-09' },
          { id: 'e3', person: 'p-1', points: 10, day: '2026-11-10', week: '2026-11-09' },
          { id: 'e4', person: 'p-1', points: 25, day: '2026-11-03', week: '2026-11-02' },
          { id: 'e5', person: 'p-1', points: 50, day: '2026-11-04', week: '2026-11-02' },
          { id: 'e6', person: 'p-1', points: -50, day: '2026-11-04', week: '2026-11-02', reversalOf: 'e5' },
          { id: 'e7', person: 'p-1', points: 25, day: '2026-11-11', week: '2026-11-09' },
          { id: 'e8', person: 'p-2', points: 500, day: '2026-11-10', week: '2026-11-09' },
          { id: 'e9', person: 'p-3', points: -5, day: '2026-11-10', week: '2026-11-09' },
          { id: 'e10', person: 'p-3', points: 0, day: '2026-11-11', week: '2026-11-09' },
        ]),
      );
      // days: 11-02 = 40, 11-10 = 40 (tie, later wins), 11-03 = 25, 11-04 = 0, 11-11 = 25
      expect(await f.store.bestDay('p-1')).toEqual({ day: '2026-11-10', points: 40 });
      // weeks: 11-02 = 65, 11-09 = 65 (tie, later wins)
      expect(await f.store.bestWeek('p-1')).toEqual({ week: '2026-11-09', points: 65 });
      expect(await f.store.bestDay('p-2')).toEqual({ day: '2026-11-10', points: 500 });
      expect(await f.store.bestDay('p-3')).toBeUndefined();
      expect(await f.store.bestWeek('p-3')).toBeUndefined();
    });

    it('lists when the closed work a person resolved was closed, whatever the case, skipping items without a close time', async () => {
      await f.seed(
        workItemSql([
          { key: 'w1', open: 0, state: { resolvedBy: 'Ann', closedAt: 1_764_000_000_000 } },
          { key: 'w2', open: 0, state: { resolvedBy: 'ann', closedAt: 2_000 } },
          { key: 'w3', open: 0, state: { resolvedBy: 'ann', closedAt: null } },
          { key: 'w4', open: 0, state: { resolvedBy: 'ann' } },
          { key: 'w5', open: 1, state: { resolvedBy: 'ann', closedAt: 3_000 } },
          { key: 'w6', open: 0, state: { resolvedBy: 'bob', closedAt: 4_000 } },
        ]),
      );
      expect([...(await f.store.resolvedTimes('ANN'))].sort((a, b) => a - b)).toEqual([2_000, 1_764_000_000_000]);
      expect(await f.store.resolvedTimes('bob')).toEqual([4_000]);
      expect(await f.store.resolvedTimes('nobody')).toEqual([]);
    });

    it('lists when work items were opened, from a time on (inclusive)', async () => {
      expect(await f.store.openedTimesSince(0)).toEqual([]);
      await f.seed(
        workItemSql([
          { key: 'w1', open: 1, openedAt: 999, state: {} },
          { key: 'w2', open: 0, openedAt: 1_000, state: {} },
          { key: 'w3', open: 1, openedAt: 1_764_000_000_000, state: {} },
        ]),
      );
      expect([...(await f.store.openedTimesSince(1_000))].sort((a, b) => a - b)).toEqual([1_000, 1_764_000_000_000]);
      expect(await f.store.openedTimesSince(2_000_000_000_000)).toEqual([]);
    });

    it('counts open alarms by severity, every severity present, ignoring closed items and other streams', async () => {
      expect(await f.store.openAlarmsBySeverity()).toEqual({ critical: 0, major: 0, minor: 0, warning: 0, indeterminate: 0 });
      await f.seed(
        workItemSql([
          { key: 'a1', open: 1, stream: 'alarm', severityRank: 0, state: {} },
          { key: 'a2', open: 1, stream: 'alarm', severityRank: 0, state: {} },
          { key: 'a3', open: 1, stream: 'alarm', severityRank: 3, state: {} },
          { key: 'a4', open: 0, stream: 'alarm', severityRank: 1, state: {} },
          { key: 'a5', open: 1, stream: 'incident', severityRank: 1, state: {} },
          { key: 'a6', open: 1, stream: 'alarm', severityRank: 9, state: {} },
          { key: 'a7', open: 1, stream: 'alarm', severityRank: 4, state: {} },
        ]),
      );
      expect(await f.store.openAlarmsBySeverity()).toEqual({ critical: 2, major: 0, minor: 0, warning: 1, indeterminate: 1 });
    });
  });
}
