import { useEffect, useState } from 'react';

/** Phones: one toast at a time, in the top bar beside its buttons. */
const PHONE_QUERY = '(max-width: 640px)';
const GAP_PX = 6;
const INTERACTIVE = 'button, a[href], input, select, textarea, [role="button"], [role="switch"]';

export interface ToastPlacement {
  /**
   * fixed: top-right under the (sticky) top bar (desktop).
   * bar: over the top bar itself, from its left edge to its first button (phone); fixed while the bar
   * sticks to the top, otherwise scrolling away with it, so a toast is never over a card or a button.
   */
  mode: 'fixed' | 'bar';
  /** `bar`: whether the bar sticks (the toasts are fixed) or scrolls with the page (absolute) */
  sticky: boolean;
  /** px from the top of the viewport (fixed) or of the page (not sticky) */
  top: number;
  /** `bar`: px from the left of the viewport, and the width up to the bar's first button */
  left?: number;
  width?: number;
  /** `bar`: the bar's height less a small margin: the toast fits inside it */
  height?: number;
}

/** matchMedia where the browser has it (test DOMs may not). */
function phoneQuery(): MediaQueryList | undefined {
  return typeof window.matchMedia === 'function' ? window.matchMedia(PHONE_QUERY) : undefined;
}

function measure(): ToastPlacement {
  const phone = phoneQuery()?.matches ?? false;
  const topbar = document.querySelector<HTMLElement>('.topbar');
  // Signed out there is no bar: the top right corner.
  if (!topbar) return { mode: 'fixed', sticky: true, top: GAP_PX };
  const bar = topbar.getBoundingClientRect();
  if (!phone) return { mode: 'fixed', sticky: true, top: Math.max(0, bar.bottom) + GAP_PX };
  const position = getComputedStyle(topbar).position;
  const sticky = position === 'sticky' || position === 'fixed';
  const firstButton = [...topbar.querySelectorAll<HTMLElement>(INTERACTIVE)]
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0 && r.left > bar.left + bar.width / 3)
    .reduce((min, r) => Math.min(min, r.left), bar.right);
  const left = bar.left + GAP_PX;
  return {
    mode: 'bar',
    sticky,
    top: (sticky ? Math.max(0, bar.top) : topbar.offsetTop) + 3,
    left,
    width: Math.max(120, firstButton - GAP_PX - left),
    height: Math.max(32, bar.height - 6),
  };
}

const same = (a: ToastPlacement, b: ToastPlacement): boolean =>
  a.mode === b.mode && a.sticky === b.sticky && a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height;

/**
 * Where the toasts go, measured from the top bar (its height and buttons change with the width, the
 * fonts and who is signed in), again whenever the bar or the window changes size.
 */
export function useToastPlacement(): ToastPlacement {
  const [placement, setPlacement] = useState<ToastPlacement>({ mode: 'fixed', sticky: true, top: 64 });
  useEffect(() => {
    const update = (): void => {
      const next = measure();
      setPlacement((current) => (same(current, next) ? current : next));
    };
    const media = phoneQuery();
    media?.addEventListener('change', update);
    window.addEventListener('resize', update);
    const resize = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(update);
    let watched: Element | null = null;
    // Cheap on every batch of DOM changes: only a new top bar (signed in, signed out) is watched anew.
    const watch = (): void => {
      const topbar = document.querySelector('.topbar');
      if (topbar === watched) return;
      resize?.disconnect();
      watched = topbar;
      // The bar, and what sits in it: the live status changes width ("Live", "Reconnecting…") and moves the buttons.
      if (topbar) for (const el of [topbar, ...topbar.querySelectorAll(':scope > *, .topbar__tools > *')]) resize?.observe(el);
      update();
    };
    const mutations = typeof MutationObserver === 'undefined' ? undefined : new MutationObserver(watch);
    mutations?.observe(document.body, { childList: true, subtree: true });
    update();
    watch();
    return () => {
      media?.removeEventListener('change', update);
      window.removeEventListener('resize', update);
      resize?.disconnect();
      mutations?.disconnect();
    };
  }, []);
  return placement;
}
