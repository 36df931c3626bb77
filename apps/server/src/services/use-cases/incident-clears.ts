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
