import type { Window } from '@opsquest/core';
import type { AlarmGapView, IntegrationNoticeView } from './admin.schema';
import type { MaintenanceWindowView } from './maintenance.schema';
import type { MissionProgressEvent } from './missions.schema';
import type { BadgeView, FeedItem, LedgerEntryView, WorkItemView } from './views';

/**
 * The typed socket.io event map. Rooms: `person:<id>`, `team:<id>` and `global`.
 * Events are emitted after the transaction commits, never from routes.
 */
export interface ServerToClientEvents {
  /** a work item changed (global room: the NOC board) */
  'workItem:changed': (payload: { items: WorkItemView[] }) => void;
  /** points for me (person room) */
  'points:awarded': (payload: { personId: string; entries: LedgerEntryView[]; xp: number }) => void;
  /** a badge for me (person room) */
  'badge:earned': (payload: { personId: string; badge: BadgeView }) => void;
  /** my level went up (person room) */
  'level:up': (payload: { personId: string; from: number; to: number }) => void;
  /** leaderboards changed; coalesced, at most one per tick (global room) */
  'leaderboard:changed': (payload: { windows: Window[]; at: string }) => void;
  /** points were held for review (the team's reviewers room, and admins): which teams' queues grew; no one's details */
  'review:held': (payload: { teamIds: (string | null)[]; count: number }) => void;
  /** activity feed (person and team rooms, and feed:all for leads and admins; opted-out people anonymised per viewer) */
  'feed:item': (payload: { items: FeedItem[] }) => void;
  /** mission progress moved (person room for person missions, team room for team missions) */
  'mission:progress': (payload: MissionProgressEvent) => void;
  /** the open truncation gaps changed: every open gap, as GET /api/alarms/gaps answers (global room) */
  'alarms:gaps': (payload: { gaps: AlarmGapView[] }) => void;
  /** planned work was declared or cancelled: every current maintenance window, as GET /api/maintenance-windows answers (global room) */
  'maintenance:changed': (payload: { windows: MaintenanceWindowView[] }) => void;
  /** an integration notice was recorded or resolved (admins only) */
  'integration:notice': (payload: { notice: IntegrationNoticeView }) => void;
}

export type ClientToServerEvents = Record<string, never>;

export interface SocketData {
  personId: string;
  teamId: string | null;
  role: string;
  /** sha256 of the session token: the room that logging out closes */
  sessionHash: string;
}

export const SESSION_COOKIE = 'opsquest_session';
/** The cookie the SPA reads (not httpOnly) and echoes in CSRF_HEADER on every change it makes. */
export const CSRF_COOKIE = 'opsquest_csrf';
/** The header a cookie-authenticated POST/PUT/PATCH/DELETE must carry. */
export const CSRF_HEADER = 'x-csrf-token';
