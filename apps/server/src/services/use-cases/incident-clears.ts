import type { OpsEvent } from '@opsquest/core';
import type { IncidentStore } from '../ports/incident-store';
import type { IngestOutcome } from './ingest.service';
import { alarmEventOf } from './incident-stamps';

/** An alarm's clear by nobody at `occurredAt`. */
function clearOf(itemKey: string, occurredAt: string): OpsEvent | undefined {
  return alarmEventOf(itemKey, 'cleared', occurredAt, { notes: 'Cleared with its incident’s root cause' });
}

/**
 * After a batch that cleared incidents' root causes commits (their incidents were closed to new alarms
 * at the door): the open children of those that have any (`sweep`) are cleared with them, by nobody,
 * at the root's clear time (or their own raise, if later). Their clears pay nothing (an incident's
 * child never does) and count in no MTTR. An incident alone with its root needs no read at all.
 */
export async function clearIncidentChildren(outcomes: readonly IngestOutcome[], sweep: ReadonlySet<string>, store: IncidentStore, ingest: (clears: OpsEvent[]) => Promise<unknown>): Promise<void> {
  if (sweep.size === 0) return;
  const closedAt = new Map<string, number>();
  for (const outcome of outcomes) {
    const incidentId = outcome.output?.incidentClosed;
    if (incidentId !== undefined && outcome.output && sweep.has(incidentId)) closedAt.set(incidentId, outcome.output.at);
  }
  if (closedAt.size === 0) return;
  const clears: OpsEvent[] = [];
  for (const child of await store.openChildren([...closedAt.keys()])) {
    const clear = clearOf(child.itemKey, new Date(Math.max(closedAt.get(child.incidentId) ?? 0, child.openedAt)).toISOString());
    if (clear) clears.push(clear);
  }
  if (clears.length > 0) await ingest(clears);
}

/** How long a cleared root's own node has for its sweep before the backstop clears what is left. */
export const STRANDED_AFTER_MS = 60_000;
/** Children cleared per backstop pass at most (the next pass takes the rest). */
const STRANDED_PER_PASS = 500;

/**
 * The backstop of the sweep above: children still open a minute after their incident's root cause
 * was cleared (the node that cleared it stopped between its commit and its sweep, or a child joined
 * on another node in that instant) are cleared as the sweep would have: by nobody, at the root's
 * clear time (or their own raise, if later). Those clears' event keys are the sweep's, so one the
 * sweep stored meanwhile is a duplicate. Returns how many clears were sent.
 */
export async function clearStrandedChildren(store: IncidentStore, now: number, ingest: (clears: OpsEvent[]) => Promise<unknown>): Promise<number> {
  const clears: OpsEvent[] = [];
  for (const child of await store.strandedChildren(now - STRANDED_AFTER_MS, STRANDED_PER_PASS)) {
    const clear = clearOf(child.itemKey, new Date(Math.max(child.rootClearedAt, child.openedAt)).toISOString());
    if (clear) clears.push(clear);
  }
  if (clears.length > 0) await ingest(clears);
  return clears.length;
}
