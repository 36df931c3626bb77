import type { OpsEvent } from '@opsquest/core';
import type { LoggedEvent, PersonCard } from '../../services/ports/ingest-store';

/** A row answering the asked key at position `i` (SQLite counts from 0, PostgreSQL from 1). */
export type Indexed<R = object> = R & { i: number };

/** A person as both ingest adapters load them, and as the ingest path sees them. */
export interface RawPerson {
  id: string;
  username: string;
  display_name: string;
  team_id: string | null;
  work_days: string | null;
}

export function toCard(r: RawPerson): PersonCard {
  return { id: r.id, username: r.username, displayName: r.display_name, teamId: r.team_id, workDays: r.work_days ? (JSON.parse(r.work_days) as number[]) : null };
}

/** One logged event of an item as both ingest adapters load it. */
export interface RawLogged {
  event_key: string;
  payload: string;
  via: string;
  received_at: number;
  applied: number;
  reason: string | null;
}

export function toLogged(r: RawLogged): LoggedEvent {
  return { eventKey: r.event_key, event: JSON.parse(r.payload) as OpsEvent, via: r.via, receivedAt: r.received_at, applied: r.applied === 1, reason: r.reason };
}
