import type { MeView } from './views';

/** GET /api/auth/session: whether the session cookie is live, and whose it is (200 either way). */
export type SessionView = { signedIn: false } | { signedIn: true; me: MeView };
