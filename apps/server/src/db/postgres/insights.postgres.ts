import { SEVERITIES, type Severity } from '@opsquest/core';
import { type LedgerSlice, type InsightsStore } from '../../services/ports/insights-store';
import type { PgExecutor } from './executor.postgres';
import { SAFE_STATE_JSON } from './work-items.postgres';

/**
 * PostgreSQL's InsightsStore: read-only aggregations over ledger and work items, the twin of
 * SqliteInsightsStore. Days and weeks are the ledger's stored TEXT keys (YYYY-MM-DD), compared and
 * sorted byte-wise (COLLATE "C") as SQLite does. Work item state is JSON in TEXT: SAFE_STATE_JSON
 * (work-items.postgres.ts) stands for SQLite's json_extract, and `lower(...) = lower($1)` for its COLLATE NOCASE.
 */
export class PgInsightsStore implements InsightsStore {
  constructor(private readonly pg: PgExecutor) {}

  async pointsByDay(personId: string, sinceDay: string): Promise<{ day: string; points: number }[]> {
    return this.pg.rows<{ day: string; points: number }>(
      `SELECT day, sum(points)::bigint AS points FROM ledger WHERE person_id = $1 AND day COLLATE "C" >= $2
       GROUP BY day ORDER BY day COLLATE "C"`,
      [personId, sinceDay],
    );
  }

  async ledgerSinceDay(sinceDay: string, teamId?: string): Promise<LedgerSlice[]> {
    // in ledger order (SQLite's scan order: it has no index on day either)
    const slice = 'SELECT person_id, team_id, points, at, day, rule_id, reversal_of FROM ledger WHERE day COLLATE "C" >= $1';
    const rows = teamId
      ? await this.pg.rows<RawSlice>(`${slice} AND team_id = $2 ORDER BY seq`, [sinceDay, teamId])
      : await this.pg.rows<RawSlice>(`${slice} ORDER BY seq`, [sinceDay]);
    return rows.map((r) => ({ personId: r.person_id, teamId: r.team_id, points: r.points, at: r.at, day: r.day, ruleId: r.rule_id, reversal: r.reversal_of !== null }));
  }

  /** Resolution SLA outcomes of the work a person resolved. */
  async slaOutcomes(username: string): Promise<{ met: number; breached: number }> {
    const rows = await this.pg.rows<{ outcome: string | null; n: number }>(
      `SELECT ${SAFE_STATE_JSON} #>> '{sla,resolution,outcome}' AS outcome, count(*)::int AS n FROM work_items
       WHERE open = 0 AND lower(${SAFE_STATE_JSON} ->> 'resolvedBy') = lower($1) GROUP BY 1`,
      [username],
    );
    let met = 0;
    let breached = 0;
    for (const r of rows) {
      if (r.outcome === 'met') met += r.n;
      if (r.outcome === 'breached') breached += r.n;
    }
    return { met, breached };
  }

  /** Applied events with an actor (a username), occurred in [from, to). */
  async actorEvents(from: number, to: number): Promise<{ actor: string; at: number }[]> {
    const rows = await this.pg.rows<{ actor: string; occurred_at: number }>(
      'SELECT actor, occurred_at FROM events WHERE actor IS NOT NULL AND applied = 1 AND occurred_at >= $1 AND occurred_at < $2 ORDER BY seq',
      [from, to],
    );
    return rows.map((r) => ({ actor: r.actor, at: r.occurred_at }));
  }

  /** Every badge earned, by anyone. */
  async badgesEarned(): Promise<{ personId: string; badgeId: string; earnedAt: number }[]> {
    const rows = await this.pg.rows<{ person_id: string; badge_id: string; earned_at: number }>('SELECT person_id, badge_id, earned_at FROM badges_earned');
    return rows.map((r) => ({ personId: r.person_id, badgeId: r.badge_id, earnedAt: r.earned_at }));
  }

  /** A person's best local day and best week by net points (ties: the latest). */
  async bestDay(personId: string): Promise<{ day: string; points: number } | undefined> {
    return this.pg.one<{ day: string; points: number }>(
      `SELECT day, sum(points)::bigint AS points FROM ledger WHERE person_id = $1
       GROUP BY day HAVING sum(points) > 0 ORDER BY 2 DESC, day COLLATE "C" DESC LIMIT 1`,
      [personId],
    );
  }

  async bestWeek(personId: string): Promise<{ week: string; points: number } | undefined> {
    return this.pg.one<{ week: string; points: number }>(
      `SELECT week, sum(points)::bigint AS points FROM ledger WHERE person_id = $1
       GROUP BY week HAVING sum(points) > 0 ORDER BY 2 DESC, week COLLATE "C" DESC LIMIT 1`,
      [personId],
    );
  }

  /** When each work item a person resolved was closed. */
  async resolvedTimes(username: string): Promise<number[]> {
    // `->` keeps the JSON value (pg parses json to JS), as json_extract keeps a number a number
    const rows = await this.pg.rows<{ closed_at: number | null }>(
      `SELECT ${SAFE_STATE_JSON} -> 'closedAt' AS closed_at FROM work_items
       WHERE open = 0 AND lower(${SAFE_STATE_JSON} ->> 'resolvedBy') = lower($1) ORDER BY id`,
      [username],
    );
    return rows.flatMap((r) => (r.closed_at === null ? [] : [r.closed_at]));
  }

  async openedTimesSince(since: number): Promise<number[]> {
    return (await this.pg.rows<{ opened_at: number }>('SELECT opened_at FROM work_items WHERE opened_at >= $1 ORDER BY id', [since])).map((r) => r.opened_at);
  }

  async openAlarmsBySeverity(): Promise<Record<Severity, number>> {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const rows = await this.pg.rows<{ severity_rank: number; n: number }>(
      "SELECT severity_rank, count(*)::int AS n FROM work_items WHERE open = 1 AND stream = 'alarm' GROUP BY severity_rank",
    );
    for (const r of rows) {
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
