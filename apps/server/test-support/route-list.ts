import type { Express } from 'express';

/** One registered API route: method and Express path pattern (`/api/people/:id`). */
export interface RouteEntry {
  method: string;
  path: string;
}

interface ListedRoute {
  path: string | RegExp;
  methods: string[] | undefined;
  router: RouterLike | undefined;
}

interface RouterLike {
  listRoutes(): ListedRoute[];
}

function isRouterLike(value: unknown): value is RouterLike {
  return typeof value === 'object' || typeof value === 'function' ? typeof (value as { listRoutes?: unknown } | null)?.listRoutes === 'function' : false;
}

function join(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

/**
 * Every API route the Express app registers (string paths under /api and /tmf-api, and /metrics), read from the
 * router itself, so a route added later cannot slip past the tests that walk this list.
 * The SPA fallback (a RegExp) and plain middleware are not routes and are left out.
 */
export function listApiRoutes(app: Express): RouteEntry[] {
  const root: unknown = (app as unknown as { router: unknown }).router;
  if (!isRouterLike(root)) throw new Error('this Express version cannot list its routes');
  const out = new Map<string, RouteEntry>();
  const walk = (router: RouterLike, prefix: string): void => {
    for (const listed of router.listRoutes()) {
      if (typeof listed.path !== 'string') continue;
      const path = join(prefix, listed.path);
      if (listed.router) {
        walk(listed.router, path);
        continue;
      }
      // the API, TMF's, and Prometheus's scrape (/metrics, an API key's route like the rest)
      if (!path.startsWith('/api/') && !path.startsWith('/tmf-api/') && path !== '/metrics') continue;
      for (const method of listed.methods ?? []) {
        const m = method.toUpperCase();
        if (m === 'HEAD' || m === '_ALL' || m === '*') continue;
        out.set(`${m} ${path}`, { method: m, path });
      }
    }
  };
  walk(root, '');
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
