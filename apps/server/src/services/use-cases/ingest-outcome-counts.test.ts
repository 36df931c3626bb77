import { describe, expect, it } from 'vitest';
import type { IngestMetrics, IngestOutcomeLabel } from '../ports/ingest-metrics';
import { reportAll, reportOutcomes } from './ingest-outcome-counts';

/** An IngestMetrics that writes down what it is told. */
function recorder(): { metrics: IngestMetrics; calls: [string, IngestOutcomeLabel, number][] } {
  const calls: [string, IngestOutcomeLabel, number][] = [];
  return {
    calls,
    metrics: {
      eventsIngested: (via, outcome, count) => calls.push([via, outcome, count]),
      batchCommitted: () => undefined,
      requestAnswered: () => undefined,
    },
  };
}

const stored = (applied: boolean) => ({ status: 'stored' as const, applied });
const duplicate = { status: 'duplicate' as const, applied: false };

describe('counting a batch’s outcomes for the metrics', () => {
  it('reports each run of events that came the same way once per outcome, never per event', () => {
    const r = recorder();
    const inputs = [{ via: 'api' }, { via: 'api' }, { via: 'api' }, { via: 'alertmanager' }, { via: 'alertmanager' }, { via: 'api' }];
    reportOutcomes(r.metrics, inputs, [stored(true), duplicate, stored(true), stored(false), stored(true), duplicate]);
    expect(r.calls).toEqual([
      ['api', 'applied', 2],
      ['api', 'duplicate', 1],
      ['alertmanager', 'applied', 1],
      ['alertmanager', 'not_applied', 1],
      ['api', 'duplicate', 1],
    ]);
  });

  it('reports nothing for an empty batch, and every event of a refused or failed request under its way in', () => {
    const r = recorder();
    reportOutcomes(r.metrics, [], []);
    reportAll(r.metrics, [], 'failed');
    expect(r.calls).toEqual([]);
    reportAll(r.metrics, [{ via: 'tmf642' }, { via: 'tmf642' }, { via: 'console' }], 'refused');
    expect(r.calls).toEqual([
      ['tmf642', 'refused', 2],
      ['console', 'refused', 1],
    ]);
  });
});
