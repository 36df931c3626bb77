/**
 * The crash test's clients: several concurrent HTTP clients that behave like real ones. Each sends
 * one request at a time and, when it gets no 2xx (connection refused or reset, a 5xx, no answer),
 * sends the SAME request again (same events, so the same dedup keys; same Idempotency-Key) until
 * it is acknowledged. Now and then a client re-sends a request that was already acknowledged,
 * which must come back as duplicates. Every acknowledged event key is recorded for the verifier.
 *
 * - event clients: POST /api/events, single events and small batches from a seeded workload
 *   (some with the sender's eventId, most keyed by their natural key);
 * - an Alertmanager client: webhooks that fire and resolve alerts;
 * - console clients: an engineer's session (cookie + CSRF header) raising an alarm through the
 *   API, then acknowledging, commenting and clearing it in the console with an Idempotency-Key.
 */
import { LoadRecord, type Client, type LoadOptions, type RunningLoad } from './crash-client';
import { EventClient, AlertmanagerClient, ConsoleClient } from './crash-clients';

export { LoadRecord } from './crash-client';
export type { ConsoleAction, LoadOptions, LoadStats, RunningLoad, Via } from './crash-client';

export function startLoad(options: LoadOptions): RunningLoad {
  const record = new LoadRecord();
  const clients: Client[] = [];
  for (let i = 0; i < options.eventClients; i += 1) clients.push(new EventClient(`ev${i}`, options, record, options.seed * 31 + i, i % 2 === 1));
  for (let i = 0; i < options.alertmanagerClients; i += 1) clients.push(new AlertmanagerClient(`am${i}`, options, record, options.seed * 37 + i));
  // Engineers from the end of the list: the workload's skew picks them least, so their queues stay small.
  const engineers = [...options.org.engineers].reverse();
  for (let i = 0; i < options.consoleClients; i += 1) {
    const person = engineers[i % engineers.length];
    if (!person) throw new Error('the organisation has no engineers');
    clients.push(new ConsoleClient(`con${i}`, options, record, options.seed * 41 + i, person));
  }
  const runs = clients.map((c) => c.run());
  return {
    record,
    ready: Promise.all(clients.map((c) => c.ready)).then(() => undefined),
    drain: async (timeoutMs) => {
      for (const c of clients) c.stop();
      const all = Promise.all(runs);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
      if ((await Promise.race([all, timer])) === 'timeout') {
        for (const c of clients) c.abort();
        record.problem(`the clients did not finish their last requests within ${timeoutMs} ms`);
        await all;
      }
    },
    abort: () => {
      for (const c of clients) c.abort();
    },
  };
}
