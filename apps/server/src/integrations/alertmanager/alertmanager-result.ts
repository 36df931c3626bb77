import type { IngestOutcome } from '../../services/use-cases/ingest.service';
import type { AlertRefusal } from './alertmanager-notification';
import type { MappedAlert } from './alertmanager.mapper';

/**
 * Where an event of the answer came from: an alert of the notification; an alert of a truncated
 * group fetched from Alertmanager's API; or an open alarm of the group cleared because Alertmanager
 * no longer lists it (its resolution was in the part of the notification that was cut).
 */
export type AlertOrigin = 'notification' | 'fetched' | 'cleared';

export interface AlertResult {
  fingerprint: string;
  fingerprintFromLabels: boolean;
  transition: string;
  eventKey: string;
  status: 'stored' | 'duplicate';
  applied: boolean;
  points: number;
  reason?: string;
  origin: AlertOrigin;
}

/** What the receiver answers: Alertmanager only looks at the 2xx; people and tests read the rest. */
export interface AlertmanagerResult {
  /** alerts the notification carried (refused ones included) */
  received: number;
  /** over every event of the answer: the notification's alerts, fetched ones and clears */
  stored: number;
  duplicates: number;
  /** stored but impossible in the alarm lifecycle (a late firing after its clear, say) */
  notApplied: number;
  /** alerts Alertmanager left out of this notification (max_alerts) */
  truncatedAlerts: number;
  /** alerts of the notification that were not valid, each with its first offending field; the others are stored */
  refused: AlertRefusal[];
  /** a truncated group made whole from Alertmanager's API */
  recovered?: { from: string; fetched: number; cleared: number };
  warning?: string;
  /** one per event: the notification's alerts in their order, then fetched alerts, then clears */
  results: AlertResult[];
}

/** One ingested event with what it came from. */
export interface IngestedAlert {
  mapped: MappedAlert;
  outcome: IngestOutcome;
  origin: AlertOrigin;
}

export function alertResult({ mapped, outcome, origin }: IngestedAlert): AlertResult {
  return {
    fingerprint: mapped.fingerprint,
    fingerprintFromLabels: mapped.fingerprintFromLabels,
    transition: mapped.event.transition,
    eventKey: outcome.eventKey,
    status: outcome.status,
    applied: outcome.applied,
    points: outcome.points,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    origin,
  };
}

export interface ResultParts {
  received: number;
  truncatedAlerts: number;
  ingested: readonly IngestedAlert[];
  refused: AlertRefusal[];
  recovered?: AlertmanagerResult['recovered'];
  warning?: string;
}

export function alertmanagerResult(parts: ResultParts): AlertmanagerResult {
  let stored = 0;
  let duplicates = 0;
  let notApplied = 0;
  for (const { outcome } of parts.ingested) {
    if (outcome.status === 'duplicate') duplicates += 1;
    else {
      stored += 1;
      if (!outcome.applied) notApplied += 1;
    }
  }
  return {
    received: parts.received,
    stored,
    duplicates,
    notApplied,
    truncatedAlerts: parts.truncatedAlerts,
    refused: parts.refused,
    ...(parts.recovered ? { recovered: parts.recovered } : {}),
    ...(parts.warning ? { warning: parts.warning } : {}),
    results: parts.ingested.map(alertResult),
  };
}
