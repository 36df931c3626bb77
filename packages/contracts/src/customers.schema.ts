import { z } from 'zod';
import type { Stream } from '@opsquest/core';

/** GET /api/customers: how many customers and how many sites to list. */
export const customersQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type CustomersQuery = z.infer<typeof customersQuerySchema>;

/** The repeat windows (days back from now), how many faults and visits together make a repeat, the items of history per place. */
export const REPEAT_WINDOWS = { recentDays: 30, days: 90, minItems: 2, historyItems: 20 } as const;

/**
 * How "customers protected" is counted, in words (the Customers page shows it, docs/GAME-RULES.md
 * says the same; the NetworkStore's `customersProtected` computes it).
 */
export const CUSTOMERS_PROTECTED_RULE =
  'For each alarm a person cleared (and that has stayed cleared), the customers it affected; for each truck-roll they completed, its customers (one when it names a customer and gives no count). Alarms in a maintenance window count nothing. An incident counts once, through its root cause, with every customer the incident affected (its other alarms count nothing). A team’s figure is the sum of its members’.';

/** Work items at one customer or site in a window, by kind. */
export interface PlaceCounts {
  /** alarms */
  faults: number;
  /** truck-rolls */
  visits: number;
  orders: number;
}

/** One work item in a customer's or site's history. */
export interface PlaceHistoryEntry {
  itemId: number;
  stream: Stream;
  title: string;
  /** the item's status: raised, cleared, completed, unableToComplete, ... */
  status: string;
  open: boolean;
  openedAt: string;
  closedAt: string | null;
  /** who resolved it (a username), when a person did */
  resolvedBy: string | null;
  /** truck-rolls: fixed on the first visit (null: not said, or not a truck-roll) */
  firstTimeFix: boolean | null;
  customersAffected: number;
  site: string | null;
  customer: string | null;
}

/** A customer or a site with repeat faults or visits, and its history. */
export interface RepeatPlace {
  kind: 'customer' | 'site';
  key: string;
  last30Days: PlaceCounts;
  last90Days: PlaceCounts;
  /** when the latest of its items was opened */
  lastSeen: string;
  /** of its items in the 90 days, how many are open now */
  open: number;
  /** its items in the 90 days, newest first (at most REPEAT_WINDOWS.historyItems) */
  history: PlaceHistoryEntry[];
}

/** GET /api/customers: customers and sites with repeat faults or visits, most in the last 30 days first. */
export interface CustomersView {
  customers: RepeatPlace[];
  sites: RepeatPlace[];
  at: string;
}

/** Customers whose service a person's (or a team's) work restored, over a period (CUSTOMERS_PROTECTED_RULE). */
export interface CustomersProtected {
  customers: number;
  /** cleared alarms that affected customers */
  alarms: number;
  /** completed truck-rolls that served customers */
  truckRolls: number;
}
