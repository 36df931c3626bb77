import { API_KEY_SCOPES, type Role } from '@opsquest/contracts';
import type { Repositories } from '../ports/repositories';
import type { PersonRow } from '../ports/people-store';
import { afterFailure, lockedUntil } from '../../security/login-lockout';
import { dummyPasswordHash, verifyPassword } from '../../security/password';
import { newToken, sha256 } from '../../security/tokens';


/** How stale an API key's "last used" time may be. */
const LAST_USED_RESOLUTION_MS = 60_000;
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export interface Principal {
  kind: 'person';
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
}

export interface ApiKeyPrincipal {
  kind: 'apiKey';
  id: string;
  name: string;
  scopes: string[];
}

export function toPrincipal(p: PersonRow): Principal {
  return { kind: 'person', id: p.id, username: p.username, displayName: p.displayName, role: p.role, teamId: p.teamId };
}

export type LoginResult =
  | { kind: 'ok'; principal: Principal; token: string; expiresAt: number }
  | { kind: 'wrong' }
  | { kind: 'locked'; until: number; retryAfterMs: number };

/** Logins, sessions and API keys. */
export class AuthService {
  private readonly logoutListeners: ((tokenHash: string) => void)[] = [];

  constructor(
    private readonly repos: Repositories,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Checks the password; the same work is done for unknown usernames so timing tells nothing.
   * A locked username is refused without checking the password (see security/login-lockout.ts).
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const name = username.trim().toLowerCase();
    const at = this.now();
    const lockEnds = lockedUntil(await this.repos.loginFailures.get(name), at);
    if (lockEnds !== undefined) return { kind: 'locked', until: lockEnds, retryAfterMs: lockEnds - at };
    const person = await this.repos.people.findByUsername(username);
    const ok = await verifyPassword(password, person?.passwordHash ?? (await dummyPasswordHash()));
    if (!person || !ok) return this.failed(name, person);
    await this.repos.loginFailures.clear(name);
    const token = newToken();
    const now = this.now();
    const expiresAt = now + SESSION_TTL_MS;
    await this.repos.sessions.create(sha256(token), person.id, now, expiresAt);
    return { kind: 'ok', principal: toPrincipal(person), token, expiresAt };
  }

  private async failed(name: string, person: PersonRow | undefined): Promise<LoginResult> {
    const now = this.now();
    const row = afterFailure(await this.repos.loginFailures.get(name), name, now);
    await this.repos.uow.run(async () => {
      await this.repos.loginFailures.save(row);
      if (row.lockedUntil !== null) {
        await this.repos.audit.record(now, { actorId: null, action: 'login.locked', targetType: person ? 'person' : 'username', targetId: person?.id ?? name, details: { failures: row.failures, lockedUntil: new Date(row.lockedUntil).toISOString() } });
      }
    });
    return row.lockedUntil !== null ? { kind: 'locked', until: row.lockedUntil, retryAfterMs: row.lockedUntil - now } : { kind: 'wrong' };
  }

  async logout(token: string): Promise<void> {
    const hash = sha256(token);
    await this.repos.sessions.delete(hash);
    for (const listener of this.logoutListeners) listener(hash);
  }

  /** Called with the session's token hash after a logout (the socket server closes that session's sockets). */
  onLogout(listener: (tokenHash: string) => void): void {
    this.logoutListeners.push(listener);
  }

  async principalForSession(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const session = await this.repos.sessions.findValid(sha256(token), this.now());
    if (!session) return undefined;
    const person = await this.repos.people.findById(session.personId);
    return person && person.active ? toPrincipal(person) : undefined;
  }

  async principalForApiKey(key: string | undefined): Promise<ApiKeyPrincipal | undefined> {
    if (!key) return undefined;
    const row = await this.repos.apiKeys.findByHash(sha256(key));
    if (!row || row.revokedAt !== null) return undefined;
    // "Last used" to the minute: a busy integration would otherwise pay one more commit per request.
    const now = this.now();
    if (row.lastUsedAt === null || now - row.lastUsedAt >= LAST_USED_RESOLUTION_MS) await this.repos.apiKeys.markUsed(row.id, now);
    return { kind: 'apiKey', id: row.id, name: row.name, scopes: row.scopes };
  }

  /** OPSQUEST_API_KEY: an ingest key with that value exists, for scripts before an admin makes one. */
  async ensureEnvApiKey(key: string): Promise<void> {
    await this.repos.apiKeys.put('env', 'OPSQUEST_API_KEY (environment)', sha256(key), [...API_KEY_SCOPES], this.now());
  }
}
