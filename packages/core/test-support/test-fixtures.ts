/**
 * Helpers shared by the core's tests (*.test.ts). Not exported from the package index.
 */
import type { EngineConfig } from '../src/config';
import { DEFAULT_CONFIG, makeConfig } from '../src/config';
import type { EngineOutput } from '../src/engine';
import type { EventAttributes, OpsEvent, Stream, Transition } from '../src/event';
import type { PersonRef } from '../src/ledger';
import { MemoryStore } from '../src/replay';
import { DEFAULT_RULES } from '../src/rules';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Monday 2024-01-08 10:00 UTC: a working day, well clear of midnight and of the night shift. */
export const T0 = Date.parse('2024-01-08T10:00:00.000Z');

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `T0 + minutes` as an ISO string. */
export function at(minutesAfterT0: number): string {
  return iso(T0 + minutesAfterT0 * MINUTE);
}

export const PEOPLE: readonly PersonRef[] = [
  { id: 'p-alice', username: 'alice', teamId: 'noc' },
  { id: 'p-bob', username: 'bob', teamId: 'noc' },
  { id: 'p-carol', username: 'carol', teamId: 'field' },
  { id: 'p-dave', username: 'dave', teamId: null },
];

export interface EventOptions {
  actor?: string;
  attributes?: EventAttributes;
  eventId?: string;
  source?: string;
}

export function event(stream: Stream, externalKey: string, transition: Transition, occurredAt: string, options: EventOptions = {}): OpsEvent {
  return {
    source: options.source ?? 'test',
    stream,
    externalKey,
    transition,
    occurredAt,
    ...(options.eventId !== undefined ? { eventId: options.eventId } : {}),
    ...(options.actor !== undefined ? { actor: options.actor } : {}),
    ...(options.attributes !== undefined ? { attributes: options.attributes } : {}),
  };
}

export const alarmEvent = (key: string, transition: Transition, occurredAt: string, options?: EventOptions): OpsEvent =>
  event('alarm', key, transition, occurredAt, options);
export const orderEvent = (key: string, transition: Transition, occurredAt: string, options?: EventOptions): OpsEvent =>
  event('order', key, transition, occurredAt, options);
export const truckEvent = (key: string, transition: Transition, occurredAt: string, options?: EventOptions): OpsEvent =>
  event('truckroll', key, transition, occurredAt, options);

/** The default rules with acknowledgements paid at once, for tests about something other than the follow-up gate. */
export const PAY_ON_ACK_RULES = DEFAULT_RULES.map((r) => ({ ...r, deferUntilFollowUp: false }));

/** A config with no badges, so rule points can be asserted on their own (acknowledgements paid at once). */
export function noBadges(overrides: Partial<EngineConfig> = {}): EngineConfig {
  return makeConfig({ badges: [], rules: PAY_ON_ACK_RULES, ...overrides });
}

export function newStore(people: readonly PersonRef[] = PEOPLE): MemoryStore {
  return new MemoryStore(people);
}

/** Ingests events in order and returns each output (null for duplicates). */
export function ingestAll(store: MemoryStore, events: readonly OpsEvent[], config: EngineConfig = DEFAULT_CONFIG): (EngineOutput | null)[] {
  return events.map((e) => store.ingest(e, config));
}

/** Ingests one event that must be new and returns its output. */
export function ingestOne(store: MemoryStore, e: OpsEvent, config: EngineConfig = DEFAULT_CONFIG): EngineOutput {
  const output = store.ingest(e, config);
  if (output === null) throw new Error(`unexpected duplicate: ${e.transition} ${e.externalKey} ${e.occurredAt}`);
  return output;
}

/** Sum of ledger points per person id. */
export function pointsByPerson(store: MemoryStore): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const entry of store.ledger) totals[entry.personId] = (totals[entry.personId] ?? 0) + entry.points;
  return totals;
}

/** A deep, structural snapshot of a store's state (Maps and Sets as sorted arrays). */
export function snapshot(store: MemoryStore): unknown {
  const sorted = <T>(entries: Iterable<[string, T]>): [string, T][] => [...entries].sort(([a], [b]) => a.localeCompare(b));
  return structuredClone({
    items: sorted(store.items.entries()),
    progress: sorted(store.progress.entries()),
    ledger: store.ledger,
    seen: [...store.seen].sort(),
  });
}
