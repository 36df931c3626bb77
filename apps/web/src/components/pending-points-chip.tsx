import { useEffect, useState } from 'react';
import { Hourglass } from 'lucide-react';
import { formatNumber } from '../lib/format';
import { nextExpiryOf, usePendingPointsStore, waitingPointsOf } from '../stores/pending-points.store';

/** The waiting points of `owner` now, looked at again when the next of them runs out. */
function useWaitingPoints(owner: string): number {
  const state = usePendingPointsStore();
  const [now, setNow] = useState(() => Date.now());
  const expiry = nextExpiryOf(state, owner, now);
  useEffect(() => {
    if (expiry === undefined) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, expiry - Date.now()) + 50);
    return () => clearTimeout(timer);
  }, [expiry]);
  return waitingPointsOf(state, owner, now);
}

/**
 * Points earned but not scored yet, apart from the banked points: waiting for my follow-up on the
 * item (this device knows them from my actions' answers) and held for my lead's review (the server's).
 */
export function PendingPointsChip({ owner, heldPoints }: { owner: string; heldPoints: number }) {
  const waiting = useWaitingPoints(owner);
  const total = waiting + heldPoints;
  if (total <= 0) return null;
  const parts = [waiting > 0 ? `${formatNumber(waiting)} waiting for your follow-up` : '', heldPoints > 0 ? `${formatNumber(heldPoints)} held for review` : ''].filter(Boolean);
  return (
    <span className="pending-chip" data-testid="pending-points" data-points={total} title={parts.join(', ')}>
      <Hourglass aria-hidden="true" focusable="false" size={14} />
      <span aria-hidden="true">+{formatNumber(total)} pending</span>
      <span className="visually-hidden">
        {formatNumber(total)} points pending: {parts.join(', ')}
      </span>
    </span>
  );
}
