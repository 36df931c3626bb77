import type { OpsEvent } from '../src/event';
import { LIFECYCLES } from '../src/lifecycles';
import type { LifecycleEffect, LifecycleResult } from '../src/lifecycles/lifecycle.types';
import { DEFAULT_SLA_TABLE } from '../src/sla';
import type { WorkItem } from '../src/work-item';

/** Helpers shared by the lifecycle tests (not a test file itself). */
export const ctxFor = (e: OpsEvent) => ({ at: Date.parse(e.occurredAt), slaTable: DEFAULT_SLA_TABLE });

/** Runs a lifecycle step and fails the test when it is rejected. */
export function step(current: WorkItem | undefined, e: OpsEvent): { item: WorkItem; effects: LifecycleEffect[] } {
  const result = LIFECYCLES[e.stream](current, e, ctxFor(e));
  if (!result.ok) throw new Error(`rejected: ${result.reason}`);
  return { item: result.item, effects: result.effects };
}

/** Runs all events in order and returns the final item. */
export function chain(events: OpsEvent[]): WorkItem {
  let item: WorkItem | undefined;
  for (const e of events) item = step(item, e).item;
  if (!item) throw new Error('no events');
  return item;
}

export function rejectReason(current: WorkItem | undefined, e: OpsEvent): string {
  const result: LifecycleResult = LIFECYCLES[e.stream](current, e, ctxFor(e));
  if (result.ok) throw new Error(`expected ${e.transition} to be rejected`);
  return result.reason;
}
