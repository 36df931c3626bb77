import { useEffect, useRef, useState } from 'react';

const DURATION_MS = 800;

function reducedMotion(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Ease-out cubic: fast at first, settling on the number. */
const easeOut = (t: number): number => 1 - (1 - t) ** 3;

/**
 * A number that counts up (or down) to `value` when it changes, in under a second, from wherever it
 * is now. The first value shows as it is; with reduced motion every value does.
 */
export function useCountUp(value: number): number {
  const [still] = useState(() => reducedMotion() || typeof requestAnimationFrame !== 'function');
  const [shown, setShown] = useState(value);
  const current = useRef(value);
  useEffect(() => {
    if (still) return;
    const start = current.current;
    if (start === value) return;
    let frame = 0;
    const began = performance.now();
    const step = (now: number): void => {
      const t = Math.min(1, (now - began) / DURATION_MS);
      current.current = Math.round(start + (value - start) * easeOut(t));
      setShown(current.current);
      if (t < 1) frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
    return () => cancelAnimationFrame(frame);
  }, [value, still]);
  return still ? value : shown;
}
