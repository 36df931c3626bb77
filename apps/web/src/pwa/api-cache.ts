/**
 * The service worker's copy of API answers (Workbox NetworkFirst, see vite.config.ts), read by the
 * app: when a copy was saved, and emptied when the user signs out so the next person on a shared
 * phone never sees it.
 */

/** Cache Storage name: the same as API_CACHE in vite.config.ts. */
export const API_CACHE = 'opsquest-api';

function cacheStorage(): CacheStorage | undefined {
  return typeof caches === 'undefined' ? undefined : caches;
}

/**
 * When the server wrote the newest kept answer whose URL `matches` (its Date header, epoch ms), or
 * undefined when nothing is kept (no service worker yet, private mode, first visit).
 */
export async function savedAt(matches: (url: URL) => boolean): Promise<number | undefined> {
  const storage = cacheStorage();
  if (!storage || !(await storage.has(API_CACHE))) return undefined;
  const cache = await storage.open(API_CACHE);
  let newest: number | undefined;
  for (const request of await cache.keys()) {
    if (!matches(new URL(request.url))) continue;
    const date = Date.parse((await cache.match(request))?.headers.get('date') ?? '');
    if (!Number.isNaN(date) && (newest === undefined || date > newest)) newest = date;
  }
  return newest;
}

/** Forgets every kept API answer (sign-out, session ended). */
export async function clearApiCache(): Promise<void> {
  await cacheStorage()?.delete(API_CACHE);
}
