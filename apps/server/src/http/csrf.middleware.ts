import type { CookieOptions, NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { SESSION_COOKIE } from '@opsquest/contracts';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor, csrfTokenMatches } from '../security/csrf';
import { HttpError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Logging in has no session yet; its JSON-only body already needs a CORS preflight we never grant. */
const EXEMPT_PATHS = new Set(['/api/auth/login']);

/** Cookie options for the session and CSRF cookies: Secure when configured or when the request came over TLS. */
export function cookieOptionsFor(req: Request, secureCookies: boolean, httpOnly: boolean): CookieOptions {
  return { httpOnly, sameSite: 'strict', secure: secureCookies || req.secure, path: '/' };
}

/**
 * CSRF protection for cookie-authenticated changes. A POST/PUT/PATCH/DELETE that carries the
 * session cookie (and no API key) must echo the session's CSRF token in `X-CSRF-Token`.
 * A read with a session cookie but no CSRF cookie gets one, so sessions from before an upgrade
 * keep working (the SPA reads /api/me first).
 */
export function csrfProtection(secureCookies: boolean) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const cookies = req.headers.cookie ? parseCookie(req.headers.cookie) : {};
    const session = cookies[SESSION_COOKIE];
    if (!session) {
      next();
      return;
    }
    if (SAFE_METHODS.has(req.method)) {
      if (!cookies[CSRF_COOKIE]) res.cookie(CSRF_COOKIE, csrfTokenFor(session), cookieOptionsFor(req, secureCookies, false));
      next();
      return;
    }
    if (EXEMPT_PATHS.has(req.baseUrl + req.path) || /^Bearer\s/i.test(req.headers.authorization ?? '')) {
      next();
      return;
    }
    const presented = req.get(CSRF_HEADER);
    if (!csrfTokenMatches(session, presented)) {
      throw new HttpError(403, 'csrf_token', presented ? 'The X-CSRF-Token header does not match this session; reload the page' : 'A change made with a session cookie needs the X-CSRF-Token header (the value of the opsquest_csrf cookie)');
    }
    next();
  };
}
