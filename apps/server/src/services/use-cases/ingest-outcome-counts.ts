import type { IngestMetrics, IngestOutcomeLabel } from '../ports/ingest-metrics';

interface Counted {
  via: string;
}

interface Outcome {
  status: 'stored' | 'duplicate';
  applied: boolean;
}

/**
 * A batch's outcomes counted per `via` and outcome: one pass over the batch, no allocation per event,
 * and one report per run of events that came the same way (a batch usually has one run; a group
 * commit of several integrations' requests a few).
 */
export function reportOutcomes(metrics: IngestMetrics, inputs: readonly Counted[], outcomes: readonly Outcome[]): void {
  let via: string | undefined;
  let applied = 0;
  let notApplied = 0;
  let duplicate = 0;
  const flush = (): void => {
    if (via === undefined) return;
    if (applied > 0) metrics.eventsIngested(via, 'applied', applied);
    if (notApplied > 0) metrics.eventsIngested(via, 'not_applied', notApplied);
    if (duplicate > 0) metrics.eventsIngested(via, 'duplicate', duplicate);
    applied = notApplied = duplicate = 0;
  };
  for (let i = 0; i < outcomes.length; i += 1) {
    const input = inputs[i];
    const outcome = outcomes[i];
    if (!input || !outcome) continue;
    if (input.via !== via) {
      flush();
      via = input.via;
    }
    if (outcome.status === 'duplicate') duplicate += 1;
    else if (outcome.applied) applied += 1;
    else notApplied += 1;
  }
  flush();
}

/** Every event of a request that ended without outcomes (refused or failed), counted per `via`. */
export function reportAll(metrics: IngestMetrics, inputs: readonly Counted[], outcome: IngestOutcomeLabel): void {
  let via: string | undefined;
  let count = 0;
  for (const input of inputs) {
    if (input.via !== via) {
      if (via !== undefined) metrics.eventsIngested(via, outcome, count);
      via = input.via;
      count = 0;
    }
    count += 1;
  }
  if (via !== undefined) metrics.eventsIngested(via, outcome, count);
}
