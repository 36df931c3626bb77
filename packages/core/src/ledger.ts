import type { WindowKeys } from './time-windows';

/**
 * One line of the append-only points ledger. Corrections are new reversing entries, never edits.
 * `entryId` is derived from the event and the rule, so a replay produces the same ids.
 */
export interface LedgerEntry {
  entryId: string;
  personId: string;
  teamId: string | null;
  points: number;
  ruleId: string;
  ruleVersion: number;
  eventKey: string;
  itemKey: string;
  reason: string;
  /** epoch ms of the event that produced it (source clock) */
  at: number;
  windows: WindowKeys;
  /** set on reversing entries */
  reversalOf?: string;
}

/** A person as the engine sees them. */
export interface PersonRef {
  id: string;
  username: string;
  teamId: string | null;
  /** ISO weekdays worked; the organisation's default when absent */
  workDays?: number[];
}

/**
 * Entries written outside the event-driven engine (kudos, mission rewards, a lead's adjustment,
 * a held award released after review) have ids in this namespace. A replay of the event log does
 * not produce them, and the consistency check knows not to expect it to.
 */
export const SIDE_ENTRY_PREFIX = 'side:';

export function isSideEntry(entry: Pick<LedgerEntry, 'entryId'>): boolean {
  return entry.entryId.startsWith(SIDE_ENTRY_PREFIX);
}
