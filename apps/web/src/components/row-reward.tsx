import { useEffect } from 'react';
import { useRowRewardsStore, type RowRewardFlash } from '../stores/row-rewards.store';
import '../styles/rewards.css';

/** How long a "+N" stays on its row. */
export const ROW_REWARD_MS = 2_400;
const NONE: RowRewardFlash[] = [];

function Flash({ itemKey, flash }: { itemKey: string; flash: RowRewardFlash }) {
  const done = useRowRewardsStore((state) => state.done);
  useEffect(() => {
    const timer = setTimeout(() => done(itemKey, flash.id), ROW_REWARD_MS);
    return () => clearTimeout(timer);
  }, [done, itemKey, flash.id]);
  const sign = flash.points > 0 ? '+' : '−';
  const kind = flash.pending ? 'pending' : flash.points > 0 ? 'gain' : 'loss';
  return (
    <span className={`row-reward__flash row-reward__flash--${kind}`} data-testid="row-reward" data-kind={kind}>
      {sign}
      {Math.abs(flash.points)}
      {flash.pending ? ' pending' : ''}
    </span>
  );
}

/**
 * The points a row just earned, floating up from it for a moment ("+12", "+14 pending"). Rows render
 * it with their work item's key; the toast already announces the same points, so this is not read out.
 */
export function RowReward({ itemKey }: { itemKey: string }) {
  const flashes = useRowRewardsStore((state) => state.flashes[itemKey] ?? NONE);
  if (flashes.length === 0) return null;
  return (
    <span className="row-reward" aria-hidden="true">
      {flashes.map((flash) => (
        <Flash key={flash.id} itemKey={itemKey} flash={flash} />
      ))}
    </span>
  );
}
