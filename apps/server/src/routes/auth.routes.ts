import { Router } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { loginBodySchema, SESSION_COOKIE, type SessionView } from '@opsquest/contracts';
import { sessionToken } from '../http/auth.middleware';
import { cookieOptionsFor } from '../http/csrf.middleware';
import { CSRF_COOKIE, csrfTokenFor } from '../security/csrf';
import { HttpError, unauthorized } from '../http/errors';
import { parseBody } from '../http/validate';
import type { Services } from '../services';

export function authRoutes(services: Services, secureCookies: boolean): Router {
  const router = Router();
  // Per address: failed logins across all usernames (password spraying). Per username, the account
  // lockout in the auth service stops guessing from many addresses (see security/login-lockout.ts).
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: 20,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: a team logging in from one office address is not locked out.
    skipSuccessfulRequests: true,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
    message: { error: 'too_many_requests', message: 'Too many failed logins from this address; wait a minute and try again' },
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const body = parseBody(loginBodySchema, req);
    const result = await services.auth.login(body.username, body.password);
    if (result.kind === 'locked') {
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      res.setHeader('Retry-After', String(seconds));
      throw new HttpError(429, 'account_locked', `Too many failed logins for this username; try again in ${Math.ceil(seconds / 60)} minute(s)`);
    }
    if (result.kind === 'wrong') throw unauthorized('Wrong username or password');
    const expires = new Date(result.expiresAt);
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptionsFor(req, secureCookies, true), expires });
    res.cookie(CSRF_COOKIE, csrfTokenFor(result.token), { ...cookieOptionsFor(req, secureCookies, false), expires });
    res.json(await services.profile.me(result.principal.id));
  });

  /**
   * The page's session check: 200 either way, so a visitor who is not signed in (the login page,
   * a first visit) costs no failed request; with a live session, the person as GET /api/me answers.
   */
  router.get('/session', async (req, res) => {
    const principal = await services.auth.principalForSession(sessionToken(req));
    res.setHeader('Cache-Control', 'no-store');
    const body: SessionView = principal ? { signedIn: true, me: await services.profile.me(principal.id) } : { signedIn: false };
    res.json(body);
  });

  router.post('/logout', async (req, res) => {
    const token = sessionToken(req);
    if (token) await services.auth.logout(token);
    res.clearCookie(SESSION_COOKIE, cookieOptionsFor(req, secureCookies, true));
    res.clearCookie(CSRF_COOKIE, cookieOptionsFor(req, secureCookies, false));
    res.status(204).end();
  });

  return router;
}
