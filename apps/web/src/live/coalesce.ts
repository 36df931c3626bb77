/**
 * Runs `fn` at most once per `ms`: the first call starts a timer, later calls within it join that run.
 * Unlike a plain debounce, a steady stream of calls cannot postpone the run forever.
 */
export function coalesce(fn: () => void, ms: number): { call: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    call: () => {
      if (timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        fn();
      }, ms);
    },
    cancel: () => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
