import type { LedgerEntry } from '@opsquest/core';

/** A stored ledger entry: the core's entry, with `reversalOf` as SQL gives it. */
export type LedgerRow = Omit<LedgerEntry, 'reversalOf'> & {
  reversalOf: string | null;
};

/** The append-only points ledger. There is no update or delete here, by design. */
export interface LedgerStore {
  /** Several entries with multi-row INSERTs (a batch's or a side award's). */
  appendMany(entries: readonly LedgerEntry[]): Promise<void>;
  append(e: LedgerEntry): Promise<void>;
  recentForPerson(personId: string, limit: number): Promise<LedgerRow[]>;
  forEventKey(eventKey: string): Promise<LedgerRow[]>;
  /** The whole ledger in append order, a page at a time. */
  pages(pageSize?: number): AsyncIterable<LedgerRow[]>;
  totalsByPerson(): Promise<Map<string, number>>;
}

