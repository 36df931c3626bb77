import type { TruncatedInput } from '../../src/services/ports/integration-notices-store';
import type { OpenStore, StoreFixture } from './store-fixture';

/** Opens a fresh store and runs the seeding SQL on it (closing it again if that fails): what most contract tests do before each test. */
export async function openSeeded<S>(open: OpenStore<S>, sql: string): Promise<StoreFixture<S>> {
  const f = await open();
  try {
    await f.seed(sql);
  } catch (err) {
    await f.close();
    throw err;
  }
  return f;
}

/** The number of rows of `table` (NaN when the query gives no row). */
export async function countRows<S>(f: StoreFixture<S>, table: string): Promise<number> {
  return Number((await f.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n);
}

/** Every page of an async iterable, in order. */
export async function collect<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/** An Alertmanager group cut short by max_alerts (by default for the key 'k-am'), as recorded by the integration notices. */
export const truncatedGroup = (groupKey: string | null, missing: number, keyId: string | null = 'k-am'): TruncatedInput => ({
  keyId,
  source: 'alertmanager',
  groupKey,
  groupLabels: { alertname: 'LinkDown', cluster: 'eu-1' },
  missing,
  reason: `${missing} alert(s) left out (max_alerts) and not fetched: no Alertmanager URL is allowed for this key`,
});
