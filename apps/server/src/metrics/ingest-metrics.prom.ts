import { Counter, Histogram, type Registry } from 'prom-client';
import type { IngestMetrics, IngestOutcomeLabel } from '../services/ports/ingest-metrics';

/** Seconds: from a millisecond single-event commit to a long storm batch. */
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Events per batch: one console action up to a full group commit (2,000). */
const BATCH_SIZE_BUCKETS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000];

/** The ingest port's prom-client adapter: one counter increment or histogram observation per call. */
export class PromIngestMetrics implements IngestMetrics {
  private readonly events: Counter<'via' | 'outcome'>;
  private readonly batchDuration: Histogram;
  private readonly batchSize: Histogram;
  private readonly requestDuration: Histogram<'via'>;

  constructor(registry: Registry) {
    this.events = new Counter({
      name: 'opsquest_ingest_events_total',
      help: 'Events ingested, by how they came (via: api, alertmanager, tmf642, tmf622, workorder, console, sla-timer, simulator, import, seed) and outcome (applied, not_applied, duplicate, refused, failed).',
      labelNames: ['via', 'outcome'],
      registers: [registry],
    });
    this.batchDuration = new Histogram({
      name: 'opsquest_ingest_batch_duration_seconds',
      help: 'Time to ingest one batch (one group commit, or one console action): load, decide, commit and the after-commit stages.',
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    this.batchSize = new Histogram({
      name: 'opsquest_ingest_batch_events',
      help: 'Events per committed ingest batch (the group-commit batch size).',
      buckets: BATCH_SIZE_BUCKETS,
      registers: [registry],
    });
    this.requestDuration = new Histogram({
      name: 'opsquest_ingest_request_duration_seconds',
      help: 'Time from the arrival of a grouped ingest request (events API, integrations; an Alertmanager notification per chunk of 100 alerts) to its answer, the wait for its group commit included.',
      labelNames: ['via'],
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
  }

  eventsIngested(via: string, outcome: IngestOutcomeLabel, count: number): void {
    this.events.inc({ via, outcome }, count);
  }

  batchCommitted(events: number, seconds: number): void {
    this.batchSize.observe(events);
    this.batchDuration.observe(seconds);
  }

  requestAnswered(via: string, seconds: number): void {
    this.requestDuration.observe({ via }, seconds);
  }
}
