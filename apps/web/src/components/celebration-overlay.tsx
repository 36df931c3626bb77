import { useEffect, useState } from 'react';
import { Award, ChevronsUp, Flag, type LucideIcon } from 'lucide-react';
import { playChime } from '../lib/chime';
import { useMissionCelebrations } from '../live/use-mission-celebrations';
import { useCelebrationStore, type CelebrationKind } from '../stores/celebration.store';
import { usePreferencesStore } from '../stores/preferences.store';
import '../styles/rewards.css';

const ICONS: Record<CelebrationKind, LucideIcon> = { badge: Award, level: ChevronsUp, mission: Flag };
/** On screen this long: the animation's length; without motion a little longer, to read it. */
export const CELEBRATION_MS = 1_800;
export const CELEBRATION_STILL_MS = 4_000;
const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

function prefersReducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(REDUCED_MOTION).matches;
}

/**
 * A short celebration for a badge, a level-up or a completed mission: a lucide icon and a line of
 * text that pop in the middle of the screen, then go by themselves. It never takes clicks (the work
 * goes on under it) and is announced as a status. With reduced motion: the same message, no motion.
 * A chime plays when the person turned sound on.
 */
export function CelebrationOverlay() {
  useMissionCelebrations();
  const current = useCelebrationStore((state) => state.queue[0]);
  const next = useCelebrationStore((state) => state.next);
  const [still] = useState(prefersReducedMotion);

  useEffect(() => {
    if (current === undefined) return;
    if (usePreferencesStore.getState().soundOn) playChime();
    const timer = setTimeout(next, still ? CELEBRATION_STILL_MS : CELEBRATION_MS);
    return () => clearTimeout(timer);
  }, [current, next, still]);

  return (
    <div className="celebration-layer" role="status" aria-live="polite" data-testid="celebration-layer">
      {current !== undefined && <CelebrationCard key={current.id} kind={current.kind} title={current.title} detail={current.detail} still={still} />}
    </div>
  );
}

function CelebrationCard({ kind, title, detail, still }: { kind: CelebrationKind; title: string; detail: string | undefined; still: boolean }) {
  const Icon = ICONS[kind];
  return (
    <div className={`celebration celebration--${kind}${still ? ' celebration--still' : ''}`} data-testid="celebration" data-kind={kind} data-motion={still ? 'reduced' : 'full'}>
      <span className="celebration__halo" aria-hidden="true">
        <Icon className="celebration__icon" aria-hidden="true" focusable="false" size={40} />
      </span>
      <p className="celebration__title">{title}</p>
      {detail !== undefined && <p className="celebration__detail">{detail}</p>}
    </div>
  );
}
