/**
 * B5 replay: re-scoring 1M events through packages/core (the engine with an in-memory store, as
 * the what-if preview and the consistency checker do). Target: ≥ 150,000 events/s over 1M events.
 * Also checks determinism: two replays of the same events give the same ledger.
 *
 * `npm run bench -- b5` (BENCH_EVENTS to change the count)
 */
import { makeConfig, replay, type LedgerEntry, type OpsEvent, type PersonRef } from '@opsquest/core';
import { finish, fmt, isSmoke, table, writeSection } from './bench-kit';
import { makeOrganisation, Workload } from './workload';

export const B5_TARGET = 150_000;

export interface B5Result {
  events: number;
  ledgerRows: number;
  ms: number;
  rate: number;
  deterministic: boolean;
  counts: Record<string, number>;
}

function fingerprint(ledger: readonly LedgerEntry[]): string {
  let h = 0;
  for (const e of ledger) {
    const s = `${e.entryId}|${e.personId}|${e.points}|${e.ruleId}`;
    for (let i = 0; i < s.length; i += 1) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  }
  return `${ledger.length}:${h}`;
}

export function runB5(count: number, peopleCount = 10_000): B5Result {
  const org = makeOrganisation(peopleCount);
  const people: PersonRef[] = org.people.map((p) => ({ id: p.id, username: p.username, teamId: p.teamId }));
  const workload = new Workload({ org, start: Date.UTC(2026, 8, 1), stepMs: 250 });
  const events: OpsEvent[] = workload.take(count);
  const config = makeConfig({ timeZone: 'Europe/London' });
  // Warm-up (JIT) on a prefix, then the measured replay, then a second one for determinism.
  replay(events.slice(0, Math.min(20_000, count)), people, config);
  const started = performance.now();
  const store = replay(events, people, config);
  const ms = performance.now() - started;
  const again = replay(events, people, config);
  return {
    events: count,
    ledgerRows: store.ledger.length,
    ms,
    rate: (count / ms) * 1000,
    deterministic: fingerprint(store.ledger) === fingerprint(again.ledger),
    counts: { ...workload.counts },
  };
}

export function b5Report(r: B5Result): { body: string; met: boolean } {
  const met = r.rate >= B5_TARGET && r.deterministic;
  const mix = Object.entries(r.counts)
    .map(([k, v]) => `${k} ${fmt((v / r.events) * 100)} %`)
    .join(', ');
  const body = [
    table(
      ['events', 'ledger entries', 'time', 'events/s', 'same ledger twice'],
      [[fmt(r.events), fmt(r.ledgerRows), `${fmt(r.ms / 1000, 2)} s`, fmt(r.rate), r.deterministic ? 'yes' : '**no**']],
    ),
    '',
    `Mix: ${mix}; 10,000 people, time zone Europe/London (daylight saving applies).`,
    '',
    `Target: ≥ ${fmt(B5_TARGET)} events/s: **${met ? 'met' : 'not met'}** (${fmt(r.rate)} events/s).`,
  ].join('\n');
  return { body, met };
}

export function main(): boolean {
  const n = Number(process.env.BENCH_EVENTS ?? (isSmoke() ? 2000 : 1_000_000));
  const result = runB5(n, isSmoke() ? 200 : 10_000);
  const { body, met } = b5Report(result);
  writeSection('b5', 'B5 replay through packages/core', body);
  return met;
}

if (process.argv[1]?.endsWith('b5-replay.ts')) finish(main);
