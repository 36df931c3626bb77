import type { BadgeView, LedgerEntryView, WorkActionResult } from '@opsquest/contracts';
import { useCelebrationStore } from '../stores/celebration.store';
import { usePendingPointsStore } from '../stores/pending-points.store';
import { useRowRewardsStore } from '../stores/row-rewards.store';
import { useSessionStore } from '../stores/session.store';
import { useToastStore } from '../stores/toast.store';

/** Ledger entries already shown on their rows: an award reaches us in the action's answer and on the socket. */
const flashedEntries = new Set<string>();
const MAX_REMEMBERED = 500;

function flashOnce(entry: LedgerEntryView): void {
  if (flashedEntries.has(entry.entryId)) return;
  if (flashedEntries.size >= MAX_REMEMBERED) flashedEntries.clear();
  flashedEntries.add(entry.entryId);
  useRowRewardsStore.getState().flash(entry.itemKey, entry.points, false);
}

/** Toasts for my own rewards, and a "+N" on the row that earned them. Each ledger entry is announced once, however it reached us. */
export function announcePoints(entries: LedgerEntryView[]): void {
  const { show } = useToastStore.getState();
  for (const entry of entries) {
    if (entry.points === 0) continue;
    const gained = entry.points > 0;
    show({
      kind: gained ? 'points' : 'penalty',
      title: `${gained ? '+' : '−'}${Math.abs(entry.points)} points`,
      detail: entry.reason,
      dedupeKey: `points:${entry.entryId}`,
    });
    flashOnce(entry);
    // Points landed on this item: what waited there for my follow-up is paid or settled.
    if (gained) usePendingPointsStore.getState().settle(entry.itemKey);
  }
}

/** Points that wait for my follow-up, and points not scored (a cap, or held for my lead): said plainly. */
export function announceGates(result: Pick<WorkActionResult, 'item' | 'pending' | 'withheld'>): void {
  const { show } = useToastStore.getState();
  const rows = useRowRewardsStore.getState();
  for (const p of result.pending) {
    const until = new Date(p.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    show({ kind: 'pending', title: `+${p.points} pending`, detail: `Yours when you follow up (clear, update or add a note) by ${until}.` });
    rows.flash(result.item.key, p.points, true);
  }
  const owner = useSessionStore.getState().user?.id;
  if (owner !== undefined && result.pending.length > 0) {
    usePendingPointsStore.getState().add(
      owner,
      result.pending.map((p) => ({ itemKey: result.item.key, points: p.points, until: Date.parse(p.until) })),
    );
  }
  for (const w of result.withheld) {
    const held = w.why === 'burst';
    show({ kind: held ? 'pending' : 'penalty', title: held ? `${w.points} points held for review` : `${w.points} points not scored`, detail: w.detail });
    if (held) rows.flash(result.item.key, w.points, true);
  }
}

/** A badge of mine: celebrated (the celebration is the notice: no toast beside it to read out twice). */
export function announceBadge(personId: string, badge: BadgeView): void {
  useCelebrationStore.getState().celebrate({ kind: 'badge', title: `Badge earned: ${badge.name}`, detail: badge.description, key: `badge:${personId}:${badge.id}` });
}

/** My level went up: celebrated. */
export function announceLevelUp(personId: string, from: number, to: number): void {
  useCelebrationStore.getState().celebrate({ kind: 'level', title: `Level up! You reached level ${to}`, detail: `Up from level ${from}. Keep going.`, key: `level:${personId}:${to}` });
}

/** A mission I (or my team) completed: celebrated once, with its name when the list is loaded. */
export function announceMissionComplete(key: string, title: string | undefined): void {
  useCelebrationStore.getState().celebrate({ kind: 'mission', title: 'Mission complete', ...(title === undefined ? {} : { detail: title }), key: `mission:${key}` });
}

export function announceError(title: string, detail?: string): void {
  useToastStore.getState().show({ kind: 'error', title, ...(detail === undefined ? {} : { detail }) });
}
