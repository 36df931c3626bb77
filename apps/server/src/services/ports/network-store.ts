/** Which place a repeat is about: a work item's `customer` or its `site`. */
export type PlaceKind = 'customer' | 'site';

export interface RecurringFaultsQuery {
  /** alarms raised (opened) at or after this instant count */
  since: number;
  /** ...and those at or after this one count as recent too */
  recentSince: number;
  /** only alarms of this region */
  region?: string;
  /** group by site and probable cause (else by site) */
  byCause: boolean;
  /** at least this many alarms since `since` */
  minCount: number;
  limit: number;
}

export interface RecurringFaultRow {
  site: string;
  /** the site's region (the greatest, byte-wise, its alarms name); null when none names one */
  region: string | null;
  /** null when grouped by site alone, or for alarms that name no cause */
  probableCause: string | null;
  recent: number;
  total: number;
  /** the latest raise (a re-raise included) of those alarms */
  lastSeenAt: number;
  open: number;
  customersAffected: number;
}

export interface RepeatPlacesQuery {
  kind: PlaceKind;
  since: number;
  recentSince: number;
  /** at least this many faults (alarms) and visits (truck-rolls) together since `since` */
  minCount: number;
  limit: number;
}

export interface RepeatPlaceRow {
  key: string;
  recent: { faults: number; visits: number; orders: number };
  total: { faults: number; visits: number; orders: number };
  /** when the latest of its items was opened */
  lastSeenAt: number;
  open: number;
}

export interface PlaceHistoryQuery {
  kind: PlaceKind;
  keys: readonly string[];
  since: number;
  /** the newest this many items per place */
  perPlace: number;
}

export interface PlaceItemRow {
  /** the customer or site the item is listed under */
  place: string;
  id: number;
  stream: string;
  title: string;
  status: string;
  open: boolean;
  openedAt: number;
  closedAt: number | null;
  resolvedBy: string | null;
  firstTimeFix: boolean | null;
  customersAffected: number;
  site: string | null;
  customer: string | null;
}

/** One person's work that restored service, by the username that closed it (lower-cased). */
export interface CustomersProtectedRow {
  username: string;
  customers: number;
  alarms: number;
  truckRolls: number;
}

/**
 * Read-only questions about the network and its customers, over work items (the core WorkItem
 * in `state`): faults that keep coming back, customers and sites that keep needing us, and whose
 * work restored service. Alarms raised inside a maintenance window (`maintenanceWindowId`) are
 * planned work: they are never a fault, a repeat or a protected customer here.
 */
export interface NetworkStore {
  /**
   * Sites (or sites and probable causes) with at least `minCount` alarms raised since `since`,
   * alarms without a site left out; most recent alarms first, then most alarms, then last seen
   * (latest first), then site and cause (byte-wise, no cause first).
   */
  recurringFaults(query: RecurringFaultsQuery): Promise<RecurringFaultRow[]>;
  /**
   * Customers (or sites) whose faults and visits opened since `since` number at least `minCount`
   * (orders are counted beside them); ranked by recent faults and visits, then by all of them,
   * then last seen (latest first), then key (byte-wise).
   */
  repeatPlaces(query: RepeatPlacesQuery): Promise<RepeatPlaceRow[]>;
  /** The items of the given customers (or sites) opened since `since`, the newest `perPlace` of each, newest first. */
  placeHistory(query: PlaceHistoryQuery): Promise<PlaceItemRow[]>;
  /**
   * Customers protected (CUSTOMERS_PROTECTED_RULE in the contracts), per person, by work closed
   * in [from, to): for each alarm closed as `cleared` with a `resolvedBy`, its customersAffected;
   * for each truck-roll closed as `completed` with a `resolvedBy`, its customersAffected, or 1
   * when that is 0 and it names a customer. Items that add nothing are not counted in `alarms`
   * or `truckRolls`; people with nothing are left out. Usernames are lower-cased.
   */
  customersProtected(from: number, to: number): Promise<CustomersProtectedRow[]>;
}
