import type { NextFunction, Request, Response } from 'express';
import type { Role } from '@opsquest/contracts';
import type { ApiKeyPrincipal, AuthService, Principal } from '../services/use-cases/auth.service';
import { requireApiKey, requirePerson } from './auth.middleware';
import { unauthorized } from './errors';

/**
 * A change either a person (session cookie, one of `roles`) or an integration (an API key with
 * `scope`) may make: a request with `Authorization: Bearer` is judged as a key, any other as a session.
 */
export function requirePersonOrApiKey(auth: AuthService, roles: readonly Role[], scope: string) {
  const asKey = requireApiKey(auth, scope);
  const asPerson = requirePerson(auth, roles);
  return (req: Request, res: Response, next: NextFunction): Promise<void> => (req.headers.authorization !== undefined ? asKey(req, res, next) : asPerson(req, res, next));
}

/** Who made the request: the person or the key that requirePersonOrApiKey let in. */
export function actorOf(res: Response): Principal | ApiKeyPrincipal {
  const actor = (res.locals.principal ?? res.locals.apiKey) as Principal | ApiKeyPrincipal | undefined;
  if (!actor) throw unauthorized();
  return actor;
}
