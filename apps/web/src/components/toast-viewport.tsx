import { useEffect, useState } from 'react';
import { Award, ChevronsUp, Hourglass, Sparkles, TrendingDown, TriangleAlert, X, type LucideIcon } from 'lucide-react';
import { MAX_VISIBLE_TOASTS, useToastStore, type Toast, type ToastKind } from '../stores/toast.store';
import { CelebrationOverlay } from './celebration-overlay';
import { useToastPlacement } from './use-toast-placement';

const ICONS: Record<ToastKind, LucideIcon> = { points: Sparkles, pending: Hourglass, penalty: TrendingDown, level: ChevronsUp, badge: Award, error: TriangleAlert };
/** How long each kind stays (errors longest: they ask for something). Paused while pointer or focus is on the toasts. */
export const TOAST_DURATION_MS: Record<ToastKind, number> = { points: 4_000, pending: 6_000, penalty: 6_000, level: 6_000, badge: 6_000, error: 10_000 };
const TICK_MS = 250;

function ToastCard({ toast, more = 0 }: { toast: Toast; more?: number }) {
  const dismiss = useToastStore((state) => state.dismiss);
  const Icon = ICONS[toast.kind];
  return (
    <li className={`toast toast--${toast.kind}`} data-testid="toast" data-kind={toast.kind}>
      <Icon className="toast__icon" aria-hidden="true" focusable="false" size={18} />
      <div className="toast__body">
        <p className="toast__title">{toast.title}</p>
        {toast.detail !== undefined && <p className="toast__detail">{toast.detail}</p>}
      </div>
      {more > 0 && (
        <span className="toast__more" data-testid="toasts-more">
          +{more} more
        </span>
      )}
      <button type="button" className="toast__close" onClick={() => dismiss(toast.id)} aria-label="Dismiss notification">
        <X aria-hidden="true" focusable="false" size={16} />
      </button>
    </li>
  );
}

/**
 * Each toast goes when its time is up, counted from when it arrived (also while collapsed into
 * "+N more", so an old one never resurfaces late); the clock stops while the person is on them.
 */
function useSelfDismiss(toasts: Toast[], paused: boolean): void {
  const dismiss = useToastStore((state) => state.dismiss);
  const [shownFor] = useState(() => new Map<string, number>());
  useEffect(() => {
    if (toasts.length === 0) return;
    const timer = setInterval(() => {
      if (paused) return;
      for (const toast of toasts) {
        const elapsed = (shownFor.get(toast.id) ?? 0) + TICK_MS;
        shownFor.set(toast.id, elapsed);
        if (elapsed >= TOAST_DURATION_MS[toast.kind]) {
          shownFor.delete(toast.id);
          dismiss(toast.id);
        }
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [toasts, paused, dismiss, shownFor]);
}

/** On a phone one toast fits in the top bar; the older ones are counted on it. */
const MAX_IN_BAR = 1;

/**
 * Live notifications (points, pending points, failed actions), announced politely: small, at the
 * top. On a desktop at most three stack top-right under the header, the older ones counted in
 * "+N more"; on a phone the newest sits in the top bar, beside its buttons (never over a button or a
 * card), with the count of the others. The celebration of a badge, a level or a mission shows from here too.
 */
export function ToastViewport() {
  const toasts = useToastStore((state) => state.toasts);
  const dismissAll = useToastStore((state) => state.dismissAll);
  const [paused, setPaused] = useState(false);
  const placement = useToastPlacement();
  useSelfDismiss(toasts, paused);
  const inBar = placement.mode === 'bar';
  const visible = toasts.slice(-(inBar ? MAX_IN_BAR : MAX_VISIBLE_TOASTS)).reverse();
  const hidden = toasts.length - visible.length;
  const style = inBar
    ? { top: `${placement.top}px`, left: `${placement.left ?? 8}px`, width: `${placement.width ?? 200}px`, height: `${placement.height ?? 40}px` }
    : { top: `${placement.top}px` };
  return (
    <>
      <div
        className={`toasts toasts--${placement.mode}${inBar && !placement.sticky ? ' toasts--scrolls' : ''}`}
        style={style}
        aria-live="polite"
        aria-relevant="additions"
        role="region"
        aria-label="Notifications"
        data-testid="toasts"
        onPointerEnter={() => setPaused(true)}
        onPointerLeave={() => setPaused(false)}
        onFocus={() => setPaused(true)}
        onBlur={() => setPaused(false)}
      >
        <ul className="toasts__list">
          {visible.map((toast) => (
            <ToastCard key={toast.id} toast={toast} more={inBar ? hidden : 0} />
          ))}
        </ul>
        {hidden > 0 && !inBar && (
          <p className="toasts__more" data-testid="toasts-more">
            <span>+{hidden} more</span>
            <button type="button" className="toasts__clear" onClick={dismissAll}>
              Dismiss all
            </button>
          </p>
        )}
      </div>
      <CelebrationOverlay />
    </>
  );
}
