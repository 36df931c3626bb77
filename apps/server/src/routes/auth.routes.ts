import { Router, type CookieOptions } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import { loginBodySchema, SESSION_COOKIE } from '@opsquest/contracts';
import { sessionToken } from '../http/auth.middleware';
import { unauthorized } from '../http/errors';
import { parseBody } from '../http/validate';
import type { Services } from '../services';

export function authRoutes(services: Services, secureCookies: boolean): Router {
  const router = Router();
  const cookieOptions: CookieOptions = { httpOnly: true, sameSite: 'strict', secure: secureCookies, path: '/' };
  const loginLimiter = rateLimit({
    windowMs: 60_000,
    limit: 10,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // Only failed attempts count: a person logging in on several devices is not locked out.
    skipSuccessfulRequests: true,
    keyGenerator: (req) => {
      const body: unknown = req.body;
      const username = typeof body === 'object' && body !== null && 'username' in body ? String((body as { username: unknown }).username).trim().toLowerCase() : '';
      return `${ipKeyGenerator(req.ip ?? 'unknown')}|${username}`;
    },
    message: { error: 'too_many_requests', message: 'Too many login attempts; wait a minute and try again' },
  });

  router.post('/login', loginLimiter, async (req, res) => {
    const body = parseBody(loginBodySchema, req);
    const result = await services.auth.login(body.username, body.password);
    if (!result) throw unauthorized('Wrong username or password');
    res.cookie(SESSION_COOKIE, result.token, { ...cookieOptions, expires: new Date(result.expiresAt) });
    res.json(services.profile.me(result.principal.id));
  });

  router.post('/logout', (req, res) => {
    const token = sessionToken(req);
    if (token) services.auth.logout(token);
    res.clearCookie(SESSION_COOKIE, cookieOptions);
    res.status(204).end();
  });

  return router;
}
