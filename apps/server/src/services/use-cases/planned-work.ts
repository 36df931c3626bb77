import { mayBePlanned, windowForEvent, type MaintenanceWindow, type OpsEvent } from '@opsquest/core';
import type { MaintenanceStore } from '../ports/maintenance-store';

interface HasEvent {
  event: OpsEvent;
}

function withWindow<T extends HasEvent>(input: T, windowId: string | undefined): T {
  const { maintenanceWindowId: _sent, ...attributes } = input.event.attributes ?? {};
  const event: OpsEvent = { ...input.event, attributes: windowId === undefined ? attributes : { ...attributes, maintenanceWindowId: windowId } };
  return { ...input, event };
}

/**
 * Planned work is decided at the door: each alarm raise inside a maintenance window (its time and
 * scope, declared before the raise was received) gets the window's id stamped on its attributes,
 * and any id a sender put there itself is dropped. One read of the windows per batch, and none for a
 * batch without raises. The event log keeps the stamped event, so replays and previews decide the same.
 */
export async function markPlannedWork<T extends HasEvent>(inputs: T[], store: MaintenanceStore, receivedAt: number): Promise<T[]> {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let sentIds = false;
  for (const { event } of inputs) {
    if (event.attributes?.maintenanceWindowId !== undefined) sentIds = true;
    if (!mayBePlanned(event)) continue;
    const at = Date.parse(event.occurredAt);
    if (Number.isNaN(at)) continue;
    if (at < from) from = at;
    if (at > to) to = at;
  }
  const windows: MaintenanceWindow[] = from <= to ? await store.covering(from, to, receivedAt) : [];
  if (windows.length === 0 && !sentIds) return inputs;
  return inputs.map((input) => {
    const windowId = windows.length > 0 ? windowForEvent(input.event, windows, receivedAt)?.id : undefined;
    return windowId === input.event.attributes?.maintenanceWindowId ? input : withWindow(input, windowId);
  });
}
