/**
 * The field outbox: actions a technician took on the device, waiting to reach the server.
 * Pure logic (no React, no storage, no fetch): the store keeps the entries, a hook drives the drain.
 */

/** `tickChecklist` ticks or unticks one checklist item (`checklistItemId`, `done`); the others move the visit on. */
export const FIELD_ACTIONS = ['dispatch', 'onSite', 'complete', 'unableToComplete', 'tickChecklist'] as const;
export type FieldAction = (typeof FIELD_ACTIONS)[number];

export interface FieldActionBody {
  action: FieldAction;
  firstTimeFix?: boolean;
  notes?: string;
  checklistItemId?: string;
  done?: boolean;
  /** when the technician tapped (ISO); sent (with `offline`) only when the entry has an `offlineSince` */
  occurredAt: string;
}

/** What POST /api/work-items/:id/actions receives for an outbox entry. */
export interface FieldActionRequest {
  action: FieldAction;
  firstTimeFix?: boolean;
  notes?: string;
  checklistItemId?: string;
  done?: boolean;
  occurredAt?: string;
  offline?: { since: string };
}

export interface OutboxEntry {
  /** generated once when the action is queued; sent unchanged on every retry */
  idempotencyKey: string;
  /** who queued it: another user on the same device never sends it */
  username: string;
  itemId: number;
  itemTitle: string;
  body: FieldActionBody;
  /**
   * The outbox's own record of when the device was offline for this entry (ISO): set when it is queued
   * while the browser is offline, or when its first send fails with a network error. Only an entry
   * with it sends its tap time (`occurredAt`); any other is recorded at the server's receive time.
   */
  offlineSince?: string;
  /** tries that ended in a network error */
  attempts: number;
  lastError?: string;
}

/** An action that the server refused for good: shown to the user, no longer queued. */
export interface OutboxFailure {
  idempotencyKey: string;
  username: string;
  itemId: number;
  itemTitle: string;
  action: FieldAction;
  status: number;
  reason: string;
  at: string;
}

/** How one send ended, as the drain sees it. */
export type SendOutcome<R> =
  | { kind: 'done'; result: R }
  /** the server refused (409, 403, 404, 400): never retried */
  | { kind: 'permanent'; status: number; reason: string }
  /** no answer (network error) or a passing server trouble: keep the entry, stop, retry later */
  | { kind: 'retry'; reason: string };

/** Statuses that will answer the same however often the action is resent. */
const PERMANENT_STATUSES = new Set([400, 403, 404, 409, 410, 422]);

/** Maps an HTTP status (0 = no answer) to what the outbox does with the entry. */
export function outcomeForStatus(status: number, reason: string): SendOutcome<never> {
  return PERMANENT_STATUSES.has(status) ? { kind: 'permanent', status, reason } : { kind: 'retry', reason };
}

/**
 * The request body for an entry: the tap time travels only with the outbox's record of the offline
 * period (`offline.since`); without that record the server uses the time it receives the action.
 */
export function requestBodyFor(entry: Pick<OutboxEntry, 'body' | 'offlineSince'>): FieldActionRequest {
  const { occurredAt, ...rest } = entry.body;
  if (entry.offlineSince === undefined) return rest;
  return { ...rest, occurredAt, offline: { since: entry.offlineSince } };
}

/**
 * When the device went offline for an entry, as far as the outbox knows: the moment it noticed
 * (`noticedAt`: the offline event, or the failed send), but never after the tap itself: an action that
 * could not be sent was taken while the link was already down.
 */
export function offlineSinceFor(entry: Pick<OutboxEntry, 'body' | 'offlineSince'>, noticedAt: string): string {
  if (entry.offlineSince !== undefined) return entry.offlineSince;
  return Date.parse(noticedAt) < Date.parse(entry.body.occurredAt) ? noticedAt : entry.body.occurredAt;
}

/** The state an action moves a truck-roll to (a checklist tick leaves it where it is). */
export const STATUS_AFTER: Record<FieldAction, string | undefined> = {
  dispatch: 'dispatched',
  onSite: 'onSite',
  complete: 'completed',
  unableToComplete: 'unableToComplete',
  tickChecklist: undefined,
};

/** The status the card shows: the server's, moved on by the actions still waiting to sync. */
export function optimisticStatus(serverStatus: string, pending: readonly OutboxEntry[]): string {
  for (let i = pending.length - 1; i >= 0; i -= 1) {
    const after = STATUS_AFTER[pending[i]?.body.action ?? 'tickChecklist'];
    if (after !== undefined) return after;
  }
  return serverStatus;
}

export interface DrainHooks<R> {
  /** the oldest entry still queued (read again before every send: entries may be added meanwhile) */
  next: () => OutboxEntry | undefined;
  send: (entry: OutboxEntry) => Promise<SendOutcome<R>>;
  /** the server has it (a 200 duplicate included): remove it */
  onDone: (entry: OutboxEntry, result: R) => void;
  /** refused for good: remove it and tell the user */
  onFailed: (entry: OutboxEntry, status: number, reason: string) => void;
  /** no answer: keep it for the next drain */
  onRetryLater: (entry: OutboxEntry, reason: string) => void;
  /** checked before each send, e.g. navigator.onLine */
  canSend?: () => boolean;
}

export interface DrainReport {
  sent: number;
  failed: number;
  /** why the drain stopped with entries left, if it did */
  stopped?: 'network' | 'offline';
}

/** Guards against an entry the hooks never remove (a bug would otherwise loop forever). */
const MAX_SENDS_PER_DRAIN = 1_000;

/**
 * Sends the queued entries strictly in order, one at a time. A network error stops the drain and
 * keeps that entry (and everything after it) for later; a permanent refusal drops only that entry.
 */
export async function drainOutbox<R>(hooks: DrainHooks<R>): Promise<DrainReport> {
  const report: DrainReport = { sent: 0, failed: 0 };
  for (let sends = 0; sends < MAX_SENDS_PER_DRAIN; sends += 1) {
    const entry = hooks.next();
    if (entry === undefined) return report;
    if (hooks.canSend && !hooks.canSend()) return { ...report, stopped: 'offline' };
    let outcome: SendOutcome<R>;
    try {
      outcome = await hooks.send(entry);
    } catch (error) {
      outcome = { kind: 'retry', reason: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.kind === 'done') {
      hooks.onDone(entry, outcome.result);
      report.sent += 1;
    } else if (outcome.kind === 'permanent') {
      hooks.onFailed(entry, outcome.status, outcome.reason);
      report.failed += 1;
    } else {
      hooks.onRetryLater(entry, outcome.reason);
      return { ...report, stopped: 'network' };
    }
  }
  return report;
}

/** Runs one drain at a time: a call while one runs waits for it and then drains again once. */
export function singleFlight(run: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  const loop = async (): Promise<void> => {
    do {
      again = false;
      await run();
    } while (again);
  };
  return () => {
    if (running !== undefined) {
      again = true;
      return running;
    }
    running = loop().finally(() => {
      running = undefined;
    });
    return running;
  };
}
