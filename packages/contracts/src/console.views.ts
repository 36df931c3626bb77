import type { LevelInfo, Stream, StreakView, Window } from '@opsquest/core';
import type { Role } from './api.schema';
import type { CustomersProtected } from './customers.schema';
import type { Shift } from './insights.schema';
import type { BadgeView, FeedItem, LeaderboardEntry, LedgerEntryView, OutcomeStatsView, TeamRef, WorkItemView } from './views';

/** One event in a work item's history, with who did it and the points it earned. */
export interface TimelineEntry {
  seq: number;
  at: string;
  receivedAt: string;
  transition: string;
  actor?: string;
  actorName?: string;
  /** how it reached us: console, api, simulator, sla-timer, ... */
  via: string;
  applied: boolean;
  reason?: string;
  attributes?: Record<string, unknown>;
  points: LedgerEntryView[];
}

/** GET /api/work-items/:id/timeline */
export interface WorkItemTimeline {
  item: WorkItemView;
  events: TimelineEntry[];
}

export interface BulkActionResult {
  results: { id: number; status: number; item?: WorkItemView; awarded?: LedgerEntryView[]; error?: string }[];
}

export interface SlaRecord {
  met: number;
  breached: number;
  attainmentPct: number | null;
}

/** GET /api/people/:id (myself; a lead for their own team; an admin for anyone) */
export interface PersonView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: TeamRef | null;
  points: number;
  level: LevelInfo;
  streak: StreakView;
  badges: BadgeView[];
  history: LedgerEntryView[];
  slaRecord: SlaRecord;
  /** points per local day, oldest first, for the last 30 days */
  pointsByDay: { day: string; points: number }[];
  /** customers whose service this person's work restored in the last 30 days (CUSTOMERS_PROTECTED_RULE) */
  customersProtected: CustomersProtected;
}

/** GET /api/teams */
export interface TeamSummary extends TeamRef {
  members: { id: string; displayName: string; role: Role }[];
}

export interface DashboardDay {
  day: string;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
  slaAttainmentPct: number | null;
  closed: number;
  opened: number;
  points: number;
  /** people who scored that day */
  activePeople: number;
}

/** GET /api/dashboard */
export interface DashboardView {
  teamId: string | null;
  days: DashboardDay[];
  /** open work now, by stream */
  backlog: Record<Stream, number>;
  /** points per person per day (oldest first) for the people in scope */
  pointsByPerson: { personId: string; name: string; byDay: number[] }[];
  /** scored actions by shift over the period (SHIFTS, in order, with their local hours) */
  activityByShift: { shift: Shift; hours: string; actions: number }[];
  totals: OutcomeStatsView;
  /** customers whose service the people in scope restored over the period (CUSTOMERS_PROTECTED_RULE) */
  customersProtected: CustomersProtected;
}

/** GET /api/wall: everything the NOC's TV wall shows, in one read */
export interface WallView {
  window: Window;
  teams: LeaderboardEntry[];
  people: LeaderboardEntry[];
  openAlarmsBySeverity: Record<string, number>;
  slaAtRisk: number;
  slaBreached: number;
  /** customers whose service was restored in the window (CUSTOMERS_PROTECTED_RULE): everyone's, and per team */
  customersProtected: { total: number; teams: { teamId: string; customers: number }[] };
  recent: FeedItem[];
  at: string;
}
