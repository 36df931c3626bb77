import type { BadgeView, LedgerEntryView, WorkActionResult } from '@opsquest/contracts';
import { useToastStore } from '../stores/toast.store';

/** Toasts for my own rewards. Each ledger entry is announced once, however it reached us. */
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
  }
}

/** Points that wait for my follow-up, and points not scored (a cap, or held for my lead): said plainly. */
export function announceGates(result: Pick<WorkActionResult, 'pending' | 'withheld'>): void {
  const { show } = useToastStore.getState();
  for (const p of result.pending) {
    const until = new Date(p.until).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    show({ kind: 'points', title: `+${p.points} points waiting`, detail: `They land when you follow up (clear, update or add a note) by ${until}.` });
  }
  for (const w of result.withheld) {
    show({ kind: 'penalty', title: w.why === 'burst' ? `${w.points} points held for review` : `${w.points} points not scored`, detail: w.detail });
  }
}

export function announceBadge(personId: string, badge: BadgeView): void {
  useToastStore.getState().show({
    kind: 'badge',
    title: `Badge earned: ${badge.name}`,
    detail: badge.description,
    dedupeKey: `badge:${personId}:${badge.id}`,
  });
}

export function announceLevelUp(personId: string, from: number, to: number): void {
  useToastStore.getState().show({
    kind: 'level',
    title: `Level up! You reached level ${to}`,
    detail: `Up from level ${from}. Keep going.`,
    dedupeKey: `level:${personId}:${to}`,
  });
}

export function announceError(title: string, detail?: string): void {
  useToastStore.getState().show({ kind: 'error', title, ...(detail === undefined ? {} : { detail }) });
}
