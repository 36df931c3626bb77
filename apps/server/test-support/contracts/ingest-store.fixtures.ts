import { dedupKeyOf, makeConfig, type OpsEvent } from '@opsquest/core';
import { emptyNeeds, hasNeeds, type BatchChanges, type BatchNeeds, type BatchState, type BatchStep, type IngestStore, type WrittenBatch } from '../../src/services/ports/ingest-store';
import { BatchDecision, planLoad } from '../../src/services/use-cases/batch-decision';
import type { IngestInput, IngestOutcome } from '../../src/services/use-cases/ingest.service';
import type { StoreFixture } from './store-fixture';

/* The IngestStore contracts' clock, people and steps: batches decided by the real engine, or written as given. */

/** Tuesday 24 November 2026, 10:00 UTC: the clock of every batch here. */
export const T0 = Date.UTC(2026, 10, 24, 10, 0, 0);
export const MIN = 60_000;
const CONFIG = makeConfig({ timeZone: 'UTC' });

/** Teams and people of every test (both engines: plain INSERTs, flags as 0/1, JSON as strings). */
export const PEOPLE_SQL = `
  INSERT INTO teams (id, name, created_at) VALUES ('t-noc', 'NOC', 0);
  INSERT INTO teams (id, name, created_at) VALUES ('t-field', 'Field', 0);
  INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at)
    VALUES ('p-eng', 'eng', 'Eve Engineer', 'engineer', 't-noc', 'x', NULL, 1, 0);
  INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at)
    VALUES ('p-eng2', 'Eng2', 'Ed Engineer', 'engineer', 't-noc', 'x', '[1,2,3,4,5,6]', 1, 0);
  INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at)
    VALUES ('p-tech', 'tech', 'Tia Technician', 'technician', 't-field', 'x', NULL, 1, 0);
  INSERT INTO people (id, username, display_name, role, team_id, password_hash, work_days, active, created_at)
    VALUES ('p-gone', 'gone', 'Gus Gone', 'engineer', NULL, 'x', NULL, 0, 0);
`;

/** An alarm event `minutes` after T0 (negative: before). */
export function alarm(externalKey: string, transition: 'raised' | 'acknowledged' | 'cleared', minutes: number, extra: Partial<OpsEvent> = {}): OpsEvent {
  return {
    source: 'nms',
    stream: 'alarm',
    externalKey,
    transition,
    occurredAt: new Date(T0 + minutes * MIN).toISOString(),
    ...(transition === 'raised' ? { attributes: { title: 'LinkDown', perceivedSeverity: 'major' as const } } : {}),
    ...extra,
  };
}

export interface Decided {
  outcomes: IngestOutcome[];
  written: WrittenBatch;
  changes: BatchChanges;
  /** what each load round asked for */
  rounds: BatchNeeds[];
}

/**
 * The real decision path of the ingest service (planLoad, then BatchDecision) as a step: what the
 * ingest port runs in production, without the commit pipeline. `finish` may add work inside the unit.
 */
export function decisionStep(
  events: readonly OpsEvent[],
  receivedAt: number,
  finish: (d: Decided) => Promise<void> = async () => undefined,
  via = 'api',
): { step: (state: BatchState) => BatchStep<Decided>; rounds: BatchNeeds[] } {
  const inputs: IngestInput[] = events.map((event) => ({ event, via }));
  const eventKeys = events.map(dedupKeyOf);
  const rounds: BatchNeeds[] = [];
  const step = (state: BatchState): BatchStep<Decided> => {
    const need = planLoad(events, eventKeys, state);
    if (hasNeeds(need)) {
      rounds.push(need);
      return { need };
    }
    const decision = new BatchDecision(state, CONFIG, receivedAt);
    const decided = decision.run(inputs, eventKeys, {});
    if (!decided) {
      rounds.push(decision.view.needs());
      return { need: decision.view.needs() };
    }
    return {
      changes: decided.changes,
      finish: async (written) => {
        const d = { outcomes: decided.outcomes, written, changes: decided.changes, rounds: [...rounds] };
        await finish(d);
        return d;
      },
    };
  };
  return { step, rounds };
}

export function ingest(store: IngestStore, events: readonly OpsEvent[], receivedAt = T0, finish?: (d: Decided) => Promise<void>): Promise<Decided> {
  return store.runBatch(decisionStep(events, receivedAt, finish).step);
}

/** A step that loads `needs` (one round each) and answers what the state then holds, writing nothing. */
export function loadStep(...needs: Partial<BatchNeeds>[]): (state: BatchState) => BatchStep<BatchState> {
  let round = 0;
  return (state) => {
    const next = needs[round];
    round += 1;
    if (next) return { need: { ...emptyNeeds(), ...next } };
    return { changes: noChanges(T0), finish: async () => state };
  };
}

export function noChanges(receivedAt: number): BatchChanges {
  return { receivedAt, updatedAt: receivedAt, events: [], markApplied: [], items: new Map(), ledger: [], withheld: [], sites: new Map(), progress: new Map(), badges: [], feed: [] };
}

/** A step that writes `changes` at once (no loads) and answers what the adapter handed back. */
export function writeStep(changes: BatchChanges): (state: BatchState) => BatchStep<WrittenBatch> {
  return () => ({ changes, finish: async (written) => written });
}

export const count = async (f: StoreFixture<IngestStore>, table: string): Promise<number> => Number((await f.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM ${table}`))[0]?.n ?? -1);

