import { type Severity } from '@opsquest/core';

export interface LedgerSlice {
  personId: string;
  teamId: string | null;
  points: number;
  at: number;
  day: string;
  ruleId: string;
  reversal: boolean;
}

/** Read-only queries for profiles, dashboards and the wall (aggregations over ledger and work items). */
export interface InsightsStore {
  pointsByDay(personId: string, sinceDay: string): Promise<{
  day: string;
  points: number;
  }[]>;
  ledgerSinceDay(sinceDay: string, teamId?: string): Promise<LedgerSlice[]>;
  /** Resolution SLA outcomes of the work a person resolved. */
  slaOutcomes(username: string): Promise<{
  met: number;
  breached: number;
  }>;
  /** Applied events with an actor (a username), occurred in [from, to). */
  actorEvents(from: number, to: number): Promise<{
  actor: string;
  at: number;
  }[]>;
  /** Every badge earned, by anyone. */
  badgesEarned(): Promise<{
  personId: string;
  badgeId: string;
  earnedAt: number;
  }[]>;
  /** A person's best local day and best week by net points. */
  bestDay(personId: string): Promise<{
  day: string;
  points: number;
  } | undefined>;
  bestWeek(personId: string): Promise<{
  week: string;
  points: number;
  } | undefined>;
  /** When each work item a person resolved was closed. */
  resolvedTimes(username: string): Promise<number[]>;
  openedTimesSince(since: number): Promise<number[]>;
  openAlarmsBySeverity(): Promise<Record<Severity, number>>;
}

