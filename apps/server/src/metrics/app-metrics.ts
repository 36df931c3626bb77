import { collectDefaultMetrics, Registry } from 'prom-client';
import type { IngestMetrics } from '../services/ports/ingest-metrics';
import { PromIngestMetrics } from './ingest-metrics.prom';
import { registerStateGauges, type StateSources } from './state-gauges';

/** One app's metrics: its own registry (several apps in one process never share one), what GET /metrics serves. */
export interface AppMetrics {
  /** what the ingest service reports to */
  readonly ingest: IngestMetrics;
  /** the gauges of the node's state, read at each scrape (attached once the socket server exists) */
  readState(sources: StateSources): void;
  /** the text exposition format, and its content type */
  scrape(): Promise<string>;
  readonly contentType: string;
}

/**
 * The app's registry with the ingest metrics. prom-client's default Node process metrics
 * (collectDefaultMetrics: CPU, memory, event-loop lag, GC, handles) join it at the first scrape, so
 * a node nobody scrapes (every test server) runs none of their observers; the counters among them
 * (CPU seconds, GC) count from the process start anyway.
 */
export function createAppMetrics(): AppMetrics {
  const registry = new Registry();
  const ingest = new PromIngestMetrics(registry);
  let defaults = false;
  return {
    ingest,
    readState: (sources) => registerStateGauges(registry, sources),
    scrape: () => {
      if (!defaults) {
        defaults = true;
        collectDefaultMetrics({ register: registry });
      }
      return registry.metrics();
    },
    contentType: registry.contentType,
  };
}
