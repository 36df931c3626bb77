import { basename } from 'node:path';
import type { Response } from 'express';

/**
 * Files of the built SPA that must be asked for again on every visit: the service worker (a stale one
 * would keep an old app alive for an hour), its registration script, the web app manifest and the
 * page itself. Hashed files under /assets (and workbox-<hash>.js) never change and keep the long cache.
 */
const ALWAYS_REVALIDATE = new Set(['sw.js', 'registerSW.js', 'manifest.webmanifest', 'index.html']);

/** `setHeaders` for express.static over the SPA's dist folder. */
export function setWebStaticHeaders(res: Response, path: string): void {
  const file = basename(path);
  if (ALWAYS_REVALIDATE.has(file)) res.setHeader('Cache-Control', 'no-cache');
  if (file === 'manifest.webmanifest') res.setHeader('Content-Type', 'application/manifest+json; charset=utf-8');
  // The worker controls the whole site from the root, never more.
  if (file === 'sw.js') res.setHeader('Service-Worker-Allowed', '/');
}
