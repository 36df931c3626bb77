import type { ChecklistItemView } from '@opsquest/contracts';
import type { OutboxEntry } from './outbox';

/** A checklist item as the card shows it: the server's tick, moved on by the ticks still waiting on the phone. */
export interface ShownChecklistItem extends ChecklistItemView {
  /** a tick of this item is waiting to sync */
  waiting: boolean;
}

/** The server's checklist with this visit's queued ticks applied in the order they were tapped. */
export function optimisticChecklist(checklist: readonly ChecklistItemView[] | undefined, pending: readonly OutboxEntry[]): ShownChecklistItem[] {
  const ticks = new Map<string, boolean>();
  for (const entry of pending) {
    const { action, checklistItemId, done } = entry.body;
    if (action === 'tickChecklist' && checklistItemId !== undefined && done !== undefined) ticks.set(checklistItemId, done);
  }
  return (checklist ?? []).map((item) => {
    const queued = ticks.get(item.id);
    return queued === undefined ? { ...item, waiting: false } : { ...item, done: queued, waiting: true };
  });
}
