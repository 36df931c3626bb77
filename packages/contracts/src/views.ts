import type { LevelInfo, Severity, SlaTarget, StreakView, Stream, Window } from '@opsquest/core';
import type { Role } from './api.schema';

/** Response shapes of the HTTP API (JSON; times as ISO strings). */

export interface SlaClockDto {
  target: SlaTarget;
  startedAt: string;
  dueAt: string;
  stoppedAt?: string;
  elapsedPct: number;
  atRiskPct: number;
  atRisk: boolean;
  breached: boolean;
  paused: boolean;
  outcome?: 'met' | 'breached' | 'cancelled';
}

/** A checklist item of a truck-roll, with the technician's tick. */
export interface ChecklistItemView {
  id: string;
  label: string;
  done: boolean;
  doneBy?: string;
  doneAt?: string;
}

export interface WorkItemView {
  id: number;
  key: string;
  stream: Stream;
  source: string;
  externalKey: string;
  status: string;
  ackState?: 'acknowledged' | 'unacknowledged';
  title: string;
  severity?: Severity;
  priority?: number;
  alarmedObject?: string;
  probableCause?: string;
  serviceAffecting: boolean;
  customersAffected: number;
  vip: boolean;
  region?: string;
  site?: string;
  customer?: string;
  assignee?: string;
  appointmentStart?: string;
  appointmentEnd?: string;
  requestedCompletionDate?: string;
  firstTimeFix?: boolean;
  notes?: string;
  /** truck-roll job details, when the work order brings them */
  address?: { line: string; city?: string; postcode?: string; country?: string };
  location?: { lat: number; lon: number };
  contact?: { name?: string; phone?: string };
  accessNotes?: string;
  checklist?: ChecklistItemView[];
  count: number;
  reraiseCount: number;
  open: boolean;
  openedAt: string;
  respondedAt?: string;
  resolvedAt?: string;
  updatedAt: string;
  sla: { response: SlaClockDto; resolution: SlaClockDto };
  /** an alarm raised inside a maintenance window: planned work (no SLA clock, no points) */
  maintenanceWindowId?: string;
  /** alarms grouped into one incident (one fault, many alarms): its id, and whether this is its root-cause candidate */
  incidentId?: string;
  incidentRoot?: boolean;
}

export interface LedgerEntryView {
  entryId: string;
  personId: string;
  points: number;
  ruleId: string;
  ruleVersion: number;
  reason: string;
  at: string;
  itemKey: string;
  reversalOf?: string;
}

export interface BadgeView {
  id: string;
  name: string;
  description: string;
  /** a badge icon name (BADGE_ICON_NAMES); draw it through badgeIconNameOf, which also maps an emoji stored by an earlier version */
  icon: string;
  threshold: number;
  progress: number;
  earned: boolean;
  earnedAt?: string;
  /** tiered badges: the tier and the family (tiers of one family share its counter) */
  tier?: 'bronze' | 'silver' | 'gold';
  family?: string;
  /** a hidden badge not yet earned: name, description and progress are withheld */
  hidden?: boolean;
  /** co-created badges: who proposed it */
  proposedByName?: string;
}

export interface TeamRef {
  id: string;
  name: string;
}

export interface MeView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: TeamRef | null;
  points: number;
  pointsToday: number;
  level: LevelInfo;
  streak: StreakView & {
    /** at risk: the end of today (ISO), by which a scored action keeps the streak */
    actBefore?: string;
  };
  badges: BadgeView[];
  /** whether I take part in the game (leads and admins only when they chose to): the header shows my level, points and streak */
  playsGame: boolean;
  /** my points held for my lead's review (not scored yet) */
  heldPoints: number;
}

export interface LeaderboardEntry {
  rank: number;
  /** absent for a person who hides from public boards ("Anonymous") */
  id?: string;
  name: string;
  points: number;
  /** team name for individuals */
  team?: string;
  /** a person shown as "Anonymous" to this viewer */
  anonymous?: true;
  /** my own row while I hide from public boards: only I see my name */
  onlyYouSeeName?: true;
  /** metric=perHour: points per scheduled working hour (what the board is ordered by) */
  perHour?: number;
  /** metric=perHour: scheduled working hours elapsed in the window */
  hours?: number;
}

export interface LeaderboardView {
  scope: 'individual' | 'team';
  window: Window;
  period: string;
  entries: LeaderboardEntry[];
  /** the caller (or the caller's team) when ranked */
  me?: LeaderboardEntry;
  /** my neighbours, me included, when asked with `around` */
  around?: LeaderboardEntry[];
  total: number;
  /** individual boards: the league shown ('all' = everyone) */
  league?: 'engineer' | 'technician' | 'all';
  /** individual boards: what the board is ordered by */
  metric?: 'points' | 'perHour';
  /** when weekly league tiers are on: the cohort shown */
  tier?: 'bronze' | 'silver' | 'gold';
}

export interface FeedItem {
  id: string;
  at: string;
  kind: 'points' | 'badge' | 'levelUp' | 'reversal' | 'work' | 'mission' | 'kudos';
  text: string;
  personId?: string;
  personName?: string;
  /** kudos: who gave them (personId is who received them) */
  fromPersonId?: string;
  fromPersonName?: string;
  teamId?: string;
  points?: number;
}

export interface WorkActionResult {
  item: WorkItemView;
  duplicate: boolean;
  awarded: LedgerEntryView[];
  /** points waiting for my follow-up (an acknowledgement pays once a clear, update or comment follows) */
  pending: { points: number; reason: string; until: string }[];
  /** points not scored: over a rule's cap, or held for my lead to review */
  withheld: { points: number; why: 'burst' | 'cap'; detail: string }[];
}

export interface ApiError {
  error: string;
  message: string;
  /** for validation errors: each offending field with its message */
  fields?: { path: string; message: string }[];
}

export interface OutcomeStatsView {
  closed: number;
  mttaMinutes: number | null;
  mttrMinutes: number | null;
  slaMet: number;
  slaBreached: number;
  slaAttainmentPct: number | null;
}

/** GET /api/stats: how the work went in a window (MTTA, MTTR, SLA attainment). */
export interface StatsView {
  window: Window;
  period: string;
  since: string | null;
  overall: OutcomeStatsView;
  byStream: Record<Stream, OutcomeStatsView>;
  open: Record<Stream, number>;
}
