/// <reference types="vite-plugin-pwa/vanillajs" />
import { queryClient } from '../api/query-client';
import { useSessionStore } from '../stores/session.store';
import { clearApiCache } from './api-cache';

/** The page's first question on a cold start: it must be kept for offline, whoever signed in. */
function keepSessionAnswer(): void {
  void fetch('/api/auth/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } }).catch(() => undefined);
}

/** The queries whose answers the worker keeps for offline (vite.config.ts's runtime cache): the rest need no second read. */
const KEPT_FOR_OFFLINE = new Set<unknown>(['me', 'work-items', 'missions', 'feed', 'leaderboard']);

/**
 * The first visit's answers came before the worker existed, so nothing is kept for offline yet: once
 * the worker takes control, ask again for the session and what is on screen, through it: only the
 * reads the worker keeps (a lead's dashboard is not read twice).
 */
function warmOfflineCopies(): void {
  if (useSessionStore.getState().status !== 'signedIn') return;
  keepSessionAnswer();
  void queryClient.refetchQueries({ type: 'active', predicate: (query) => KEPT_FOR_OFFLINE.has(query.queryKey[0]) });
}

/**
 * Installs the service worker (precached app shell, offline copies of the technician's reads) once
 * the page has loaded, so its downloads never compete with the first screen's. A new version takes
 * over by itself (autoUpdate). Signing out, or a session that ended, empties the offline copies.
 */
export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;

  useSessionStore.subscribe((state, previous) => {
    if (state.status === 'signedOut' && previous.status !== 'signedOut') void clearApiCache().catch(() => undefined);
    // Signed in through the login form: the session check of this page said "signed out" (and was not kept).
    if (state.status === 'signedIn' && previous.status === 'signedOut' && navigator.serviceWorker.controller !== null) keepSessionAnswer();
  });

  // Only a page that had no worker: an update's controller change reloads the page anyway.
  if (navigator.serviceWorker.controller === null) {
    navigator.serviceWorker.addEventListener('controllerchange', warmOfflineCopies, { once: true });
  }

  const register = (): void => {
    import('virtual:pwa-register')
      .then(({ registerSW }) => registerSW({ immediate: true }))
      .catch(() => undefined); // no worker: the app still works online
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
