export type NoticeKind = 'truncated' | 'refused';

export interface NoticeRow {
  id: number;
  kind: NoticeKind;
  source: string;
  keyId: string | null;
  /** the key's name, joined from api_keys (null without a key, or for a key that is gone) */
  keyName: string | null;
  groupKey: string | null;
  groupLabels: Record<string, string>;
  missing: number;
  status: number | null;
  reason: string;
  firstAt: number;
  lastAt: number;
  occurrences: number;
  resolvedAt: number | null;
}

/** An Alertmanager group whose missing alerts could not be fetched. */
export interface TruncatedInput {
  keyId: string | null;
  source: string;
  groupKey: string | null;
  groupLabels: Record<string, string>;
  /** alerts Alertmanager left out and OpsQuest could not fetch, in this notification */
  missing: number;
  reason: string;
}

/** A request (or an alert in it) an integration route refused. */
export interface RefusedInput {
  keyId: string | null;
  source: string;
  /** the HTTP status answered; null when the request itself was accepted and only some of its alerts were refused (IntegrationNoticeView.status) */
  status: number | null;
  /** alerts or events the refused request carried, when known (else 0) */
  missing: number;
  /** why, naming the field; never a header, a secret or the body */
  reason: string;
  groupKey?: string | null | undefined;
  groupLabels?: Record<string, string> | undefined;
}

/**
 * Integration notices: truncated Alertmanager groups and refused integration requests. Recording
 * the same open notice again is one upsert on the partial unique index `integration_notices_open`
 * (never check-then-insert), so concurrent or repeated notifications give one row whose
 * `occurrences` grows; a resolved notice is history, and the next one opens a new row.
 */
export interface IntegrationNoticesStore {
  /** Opens the truncated notice of this key and group, or counts one more occurrence of the open one (its missing count and reason are the latest). */
  recordTruncated(input: TruncatedInput, now: number): Promise<NoticeRow>;
  /** Closes the open truncated notice of this key and group (a later notification came complete); undefined when none was open. */
  resolveTruncated(keyId: string | null, groupKey: string | null, now: number): Promise<NoticeRow | undefined>;
  /** Opens a refused notice, or counts one more occurrence of the same open one (same key, route, group, status and reason but for numbers). */
  recordRefused(input: RefusedInput, now: number): Promise<NoticeRow>;
  find(id: number): Promise<NoticeRow | undefined>;
  /** Open notices first, then the newest. */
  list(limit: number): Promise<NoticeRow[]>;
  /** Open truncated notices, newest first: the alarms the board may be missing. */
  openGaps(limit?: number): Promise<NoticeRow[]>;
}

/** The longest reason kept; the rest is cut. */
export const MAX_REASON_LENGTH = 1000;

/** The most open gaps the alarm board is told about (the newest). */
export const MAX_OPEN_GAPS = 200;

/**
 * Two refusals are "the same" when their reasons differ only in numbers (which alert of the
 * array, how many bytes): `body.alerts.3.startsAt` and `body.alerts.17.startsAt` are one notice.
 * A truncated group is one notice whatever its reason says.
 */
export function reasonClass(kind: NoticeKind, reason: string): string {
  return kind === 'truncated' ? '' : reason.replace(/\d+/g, '#').slice(0, 200);
}
