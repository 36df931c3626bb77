import type { HeldDownstream, LedgerEntry, LifecycleEffect, OpsEvent, SiteHistory, WithheldAward, WorkItem } from '@opsquest/core';

export type WithheldStatus = 'held' | 'released' | 'rejected' | 'final';

/** What a held event would have moved besides its points, and the change missions read, for its release. */
export interface StoredDownstream extends HeldDownstream {
  change?: {
    event: OpsEvent;
    effects: LifecycleEffect[];
    itemId: number;
    item: WorkItem;
  };
}

/** What an award is wherever it is stored: the ledger, and awards withheld from it. */
export type AwardFields = Pick<LedgerEntry, 'entryId' | 'personId' | 'teamId' | 'points' | 'ruleId' | 'ruleVersion' | 'eventKey' | 'itemKey' | 'reason' | 'at'>;

export interface WithheldRow extends AwardFields {
  personName: string | null;
  why: 'burst' | 'cap';
  detail: string;
  status: WithheldStatus;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionReason: string | null;
  downstream: StoredDownstream | null;
}

/** Withheld awards (caps, bursts held for review) and site histories for the first-time-fix gate. */
export interface GatesStore {
  siteHistory(key: string): Promise<SiteHistory | undefined>;
  saveSiteHistory(key: string, history: SiteHistory): Promise<void>;
  /** `change` is kept with the award that carries the downstream (the event's first held award). */
  withhold(w: WithheldAward, change?: StoredDownstream['change']): Promise<void>;
  /** Every released award in the order it was released (the consistency checker replays them). */
  released(): Promise<WithheldRow[]>;
  find(entryId: string): Promise<WithheldRow | undefined>;
  recentForPerson(personId: string, limit: number): Promise<WithheldRow[]>;
  /** Awards waiting for review, oldest first; a team's only when `teamId` is given. */
  held(limit: number, teamId?: string): Promise<WithheldRow[]>;
  /** Records the decision; false when it was already decided. */
  decideHeld(entryId: string, status: 'released' | 'rejected', by: string, at: number, reason: string): Promise<boolean>;
}

