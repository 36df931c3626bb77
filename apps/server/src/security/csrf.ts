import { createHmac, timingSafeEqual } from 'node:crypto';

export { CSRF_COOKIE, CSRF_HEADER } from '@opsquest/contracts';

/**
 * The CSRF token of a session: an HMAC keyed by the session token itself. Only someone who can
 * read the session's cookies on our origin (the SPA) can know it; another site cannot, because
 * the session cookie is httpOnly and the CSRF cookie is readable by same-origin script only.
 * Nothing extra is stored, and the token changes with every session.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update('opsquest-csrf-v1').digest('base64url');
}

/** Constant-time check of a presented token against the session's. */
export function csrfTokenMatches(sessionToken: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenFor(sessionToken));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
