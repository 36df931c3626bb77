import type { NextFunction, Request, Response } from 'express';
import { parse as parseCookie } from 'cookie';
import { SESSION_COOKIE, type Role } from '@opsquest/contracts';
import type { ApiKeyPrincipal, AuthService, Principal } from '../services/use-cases/auth.service';
import { forbidden, unauthorized } from './errors';

export function sessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** Requires a logged-in person (session cookie), optionally with one of the given roles. */
export function requirePerson(auth: AuthService, roles?: readonly Role[]) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const principal = await auth.principalForSession(sessionToken(req));
    if (!principal) throw unauthorized();
    if (roles && !roles.includes(principal.role)) throw forbidden();
    res.locals.principal = principal;
    next();
  };
}

/** Requires `Authorization: Bearer <api key>` with the scope. */
export function requireApiKey(auth: AuthService, scope: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw unauthorized('An API key is required: Authorization: Bearer <key>');
    const key = await auth.principalForApiKey(match[1]);
    if (!key) throw unauthorized('Unknown or revoked API key');
    if (!key.scopes.includes(scope)) throw forbidden(`This API key lacks the scope ${scope}`);
    res.locals.apiKey = key;
    next();
  };
}

export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw unauthorized();
  return p;
}

export function apiKeyOf(res: Response): ApiKeyPrincipal {
  const k = res.locals.apiKey as ApiKeyPrincipal | undefined;
  if (!k) throw unauthorized();
  return k;
}
