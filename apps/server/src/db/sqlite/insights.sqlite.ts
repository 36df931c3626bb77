import { SEVERITIES, type Severity } from '@opsquest/core';
import type { Db } from '../database';
import { type LedgerSlice, type InsightsStore } from '../../services/ports/insights-store';

/** Read-only queries for profiles, dashboards and the wall (aggregations over ledger and work items). */
export class SqliteInsightsStore implements InsightsStore {
  private readonly personDays;
  private readonly ledgerSince;
  private readonly ledgerSinceTeam;
  private readonly outcomesBy;
  private readonly openedSince;
  private readonly alarmsBySeverity;
  private readonly actorEventsIn;
  private readonly earnedAll;
  private readonly bestDayOf;
  private readonly bestWeekOf;
  private readonly resolvedBy;

  constructor(db: Db) {
    this.personDays = db.prepare<[string, string], { day: string; points: number }>(
      'SELECT day, sum(points) AS points FROM ledger WHERE person_id = ? AND day >= ? GROUP BY day ORDER BY day',
    );
    const slice = 'SELECT person_id, team_id, points, at, day, rule_id, reversal_of FROM ledger WHERE day >= ?';
    this.ledgerSince = db.prepare<[string], RawSlice>(slice);
    this.ledgerSinceTeam = db.prepare<[string, string], RawSlice>(`${slice} AND team_id = ?`);
    this.outcomesBy = db.prepare<[string], { outcome: string | null; n: number }>(
      `SELECT json_extract(state, '$.sla.resolution.outcome') AS outcome, count(*) AS n FROM work_items
       WHERE open = 0 AND json_extract(state, '$.resolvedBy') = ? COLLATE NOCASE GROUP BY outcome`,
    );
    this.openedSince = db.prepare<[number], { opened_at: number }>('SELECT opened_at FROM work_items WHERE opened_at >= ?');
    this.alarmsBySeverity = db.prepare<[], { severity_rank: number; n: number }>(
      "SELECT severity_rank, count(*) AS n FROM work_items WHERE open = 1 AND stream = 'alarm' GROUP BY severity_rank",
    );
    this.actorEventsIn = db.prepare<[number, number], { actor: string; occurred_at: number }>(
      'SELECT actor, occurred_at FROM events WHERE actor IS NOT NULL AND applied = 1 AND occurred_at >= ? AND occurred_at < ?',
    );
    this.earnedAll = db.prepare<[], { person_id: string; badge_id: string; earned_at: number }>('SELECT person_id, badge_id, earned_at FROM badges_earned');
    this.bestDayOf = db.prepare<[string], { day: string; points: number }>(
      'SELECT day, sum(points) AS points FROM ledger WHERE person_id = ? GROUP BY day HAVING sum(points) > 0 ORDER BY points DESC, day DESC LIMIT 1',
    );
    this.bestWeekOf = db.prepare<[string], { week: string; points: number }>(
      'SELECT week, sum(points) AS points FROM ledger WHERE person_id = ? GROUP BY week HAVING sum(points) > 0 ORDER BY points DESC, week DESC LIMIT 1',
    );
    this.resolvedBy = db.prepare<[string], { closed_at: number | null }>(
      `SELECT json_extract(state, '$.closedAt') AS closed_at FROM work_items
       WHERE open = 0 AND json_extract(state, '$.resolvedBy') = ? COLLATE NOCASE`,
    );
  }

  async pointsByDay(personId: string, sinceDay: string): Promise<{ day: string; points: number }[]> {
    return this.personDays.all(personId, sinceDay);
  }

  async ledgerSinceDay(sinceDay: string, teamId?: string): Promise<LedgerSlice[]> {
    const rows = teamId ? this.ledgerSinceTeam.all(sinceDay, teamId) : this.ledgerSince.all(sinceDay);
    return rows.map((r) => ({ personId: r.person_id, teamId: r.team_id, points: r.points, at: r.at, day: r.day, ruleId: r.rule_id, reversal: r.reversal_of !== null }));
  }

  /** Resolution SLA outcomes of the work a person resolved. */
  async slaOutcomes(username: string): Promise<{ met: number; breached: number }> {
    let met = 0;
    let breached = 0;
    for (const r of this.outcomesBy.all(username)) {
      if (r.outcome === 'met') met += r.n;
      if (r.outcome === 'breached') breached += r.n;
    }
    return { met, breached };
  }

  /** Applied events with an actor (a username), occurred in [from, to). */
  async actorEvents(from: number, to: number): Promise<{ actor: string; at: number }[]> {
    return this.actorEventsIn.all(from, to).map((r) => ({ actor: r.actor, at: r.occurred_at }));
  }

  /** Every badge earned, by anyone. */
  async badgesEarned(): Promise<{ personId: string; badgeId: string; earnedAt: number }[]> {
    return this.earnedAll.all().map((r) => ({ personId: r.person_id, badgeId: r.badge_id, earnedAt: r.earned_at }));
  }

  /** A person's best local day and best week by net points. */
  async bestDay(personId: string): Promise<{ day: string; points: number } | undefined> {
    return this.bestDayOf.get(personId);
  }

  async bestWeek(personId: string): Promise<{ week: string; points: number } | undefined> {
    return this.bestWeekOf.get(personId);
  }

  /** When each work item a person resolved was closed. */
  async resolvedTimes(username: string): Promise<number[]> {
    return this.resolvedBy.all(username).flatMap((r) => (r.closed_at === null ? [] : [r.closed_at]));
  }

  async openedTimesSince(since: number): Promise<number[]> {
    return this.openedSince.all(since).map((r) => r.opened_at);
  }

  async openAlarmsBySeverity(): Promise<Record<Severity, number>> {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const r of this.alarmsBySeverity.all()) {
      const severity = SEVERITIES[r.severity_rank];
      if (severity) counts[severity] = r.n;
    }
    return counts;
  }
}

interface RawSlice {
  person_id: string;
  team_id: string | null;
  points: number;
  at: number;
  day: string;
  rule_id: string;
  reversal_of: string | null;
}
