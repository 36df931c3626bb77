/**
 * What the ingest path tells about itself (GET /metrics): the ingest service calls these once per
 * batch or per request, never per event, and knows nothing of how they are kept. The prom-client
 * adapter is src/metrics/ingest-metrics.prom.ts; without one, NO_INGEST_METRICS keeps nothing.
 */

/**
 * What became of ingested events: applied (stored and changed the work item), not_applied (stored,
 * but the lifecycle did not take it: an impossible transition, a late arrival), duplicate (already
 * stored), refused (the request was refused: invalid, or an impossible console action; nothing stored)
 * or failed (storing failed).
 */
export type IngestOutcomeLabel = 'applied' | 'not_applied' | 'duplicate' | 'refused' | 'failed';

export interface IngestMetrics {
  /** `count` events that came `via` (api, alertmanager, tmf642, console, sla-timer, ...) ended as `outcome`. */
  eventsIngested(via: string, outcome: IngestOutcomeLabel, count: number): void;
  /** One batch committed with `events` events, `seconds` from its start to the end of its after-commit stages. */
  batchCommitted(events: number, seconds: number): void;
  /** One grouped request (events API, integrations) answered or failed, `seconds` after it arrived (its wait for the group commit included). */
  requestAnswered(via: string, seconds: number): void;
}

/** Keeps nothing: the ingest service's default until the app attaches an adapter. */
export const NO_INGEST_METRICS: IngestMetrics = {
  eventsIngested: () => undefined,
  batchCommitted: () => undefined,
  requestAnswered: () => undefined,
};
