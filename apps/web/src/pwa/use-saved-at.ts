import { useEffect, useState } from 'react';
import { savedAt } from './api-cache';

/**
 * When the service worker last saved an answer whose URL `matches` (epoch ms), read again whenever
 * `refreshKey` changes (e.g. the live status, the query's update time). Undefined until known.
 */
export function useSavedAt(matches: (url: URL) => boolean, refreshKey: string): number | undefined {
  const [at, setAt] = useState<number | undefined>(undefined);
  useEffect(() => {
    let current = true;
    savedAt(matches).then(
      (value) => {
        if (current) setAt(value);
      },
      () => undefined, // no Cache Storage (private mode): the age stays unknown
    );
    return () => {
      current = false;
    };
  }, [matches, refreshKey]);
  return at;
}
