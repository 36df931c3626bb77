/** What the door needs to know of an alarm to place its new life in an incident. */
export interface AlarmIncidentState {
  itemKey: string;
  open: boolean;
  openedAt: number;
  closedAt?: number;
  incidentId?: string;
  incidentRoot?: boolean;
  customersAffected: number;
}

/** A run of raises at one place (incidents.ts planIncidentRuns) asking for the place's incident. */
export interface IncidentClaimRequest {
  place: string;
  /** the incident the run opens if the place has none it may join */
  incidentId: string;
  rootKey: string;
  /** the run's first and latest raise times */
  firstAt: number;
  lastAt: number;
  windowMs: number;
}

/** The incident the place's run belongs to, after the claim: its own new one, or the one it joined. */
export interface IncidentClaim {
  incidentId: string;
  rootKey: string;
}

/** An incident's stored alarms (root and children, open or not): the customers they affected, and how many. */
export interface IncidentSize {
  customers: number;
  alarms: number;
}

/** An open child of an incident whose root cause was cleared already. */
export interface StrandedChild extends IncidentChild {
  rootClearedAt: number;
}

/** An open child of an incident, to be cleared with its root cause. */
export interface IncidentChild {
  itemKey: string;
  openedAt: number;
  incidentId: string;
}

/**
 * Incidents (one fault, many alarms; core incidents.ts). The door reads alarms' states and claims a
 * place's incident atomically (one upsert per run, so two nodes taking a storm at once agree on one
 * incident without holding a lock across their batches); after a root cause's clear commits, the
 * incident is closed and its open children are found to be cleared.
 */
/** What the door asks of the store once it has read the alarms' states. */
export interface IncidentRound {
  claims: IncidentClaimRequest[];
  /** incidents whose root causes the batch clears (see `closing`) */
  closing: string[];
}

export interface IncidentRoundResult {
  claims: IncidentClaim[];
  sizes: Map<string, IncidentSize>;
}

export interface IncidentStore {
  /**
   * The door's one round per batch: reads these alarms' states, hands them to `plan` (pure and
   * synchronous) and carries out what it asks (`claim`, then `closing`). On SQLite the whole round is
   * one step on the connection (one turn of its queue, not three); on PostgreSQL three statements.
   */
  round(itemKeys: readonly string[], plan: (states: ReadonlyMap<string, AlarmIncidentState>) => IncidentRound): Promise<IncidentRoundResult>;
  /** the stored state of these alarms (absent: never seen) */
  alarmStates(itemKeys: readonly string[]): Promise<Map<string, AlarmIncidentState>>;
  /**
   * For each run, in order: joins the place's incident when it is open and its latest raise is within the window of the run's
   * first, sliding its window to the run's latest; else the run's own incident replaces it. One statement per wave of distinct places, places in
   * one order (two nodes claiming overlapping places queue, never deadlock).
   */
  claim(requests: readonly IncidentClaimRequest[]): Promise<IncidentClaim[]>;
  /**
   * Root causes about to be cleared: their incidents take no more alarms (their places' claims close),
   * and each one's stored alarms are measured: the customers they affected and how many there are.
   */
  closing(incidentIds: readonly string[]): Promise<Map<string, IncidentSize>>;
  /** a merge or re-root: the place's claim follows the incident it is now part of */
  repoint(fromIncidentId: string, to: IncidentClaim): Promise<void>;
  /** these incidents' open alarms other than their roots */
  openChildren(incidentIds: readonly string[]): Promise<IncidentChild[]>;
  /**
   * Open children of incidents whose root cause was cleared at or before `clearedBy` (left open by a
   * node that stopped before its sweep, or joined on another node meanwhile), with the root's clear
   * time; at most `limit`.
   */
  strandedChildren(clearedBy: number, limit: number): Promise<StrandedChild[]>;
  /** the incident's open alarms, root first (merge, split and re-root read them) */
  openMembers(incidentId: string): Promise<AlarmIncidentState[]>;
}
