import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OpenFixture, PersistenceFixture } from './persistence-fixture';

/** The sign-in ports (sessions, failed-login runs, API keys), checked the same way on every adapter. */
export function describeAuthStoresContract(adapter: string, open: OpenFixture): void {
  describe(`auth stores contract (${adapter})`, () => {
    let f: PersistenceFixture;
    beforeEach(async () => {
      f = await open();
    });
    afterEach(async () => {
      await f.close();
    });

    it('finds a session until it expires, and not after a delete or a purge', async () => {
      await f.sessions.create('h1', f.personId, 1_000, 5_000);
      await f.sessions.create('h2', f.personId, 1_000, 3_000);
      expect(await f.sessions.findValid('h1', 4_999)).toEqual({ personId: f.personId, expiresAt: 5_000 });
      expect(await f.sessions.findValid('h1', 5_000)).toBeUndefined();
      expect(await f.sessions.findValid('nope', 1_000)).toBeUndefined();
      await f.sessions.delete('h1');
      expect(await f.sessions.findValid('h1', 2_000)).toBeUndefined();
      expect(await f.sessions.purgeExpired(3_000)).toBe(1);
      expect(await f.sessions.findValid('h2', 2_000)).toBeUndefined();
    });

    it('refuses a second session with the same token hash', async () => {
      await f.sessions.create('same', f.personId, 1_000, 5_000);
      await expect(f.sessions.create('same', f.personId, 1_000, 5_000)).rejects.toThrow();
    });

    it('keeps one failed-login run per username, replaced on save, purged only when old and unlocked', async () => {
      await f.loginFailures.save({ username: 'ann', failures: 1, firstFailedAt: 100, lastFailedAt: 100, lockedUntil: null });
      await f.loginFailures.save({ username: 'ann', failures: 5, firstFailedAt: 100, lastFailedAt: 500, lockedUntil: 10_000 });
      await f.loginFailures.save({ username: 'bob', failures: 2, firstFailedAt: 100, lastFailedAt: 200, lockedUntil: null });
      expect(await f.loginFailures.get('ann')).toEqual({ username: 'ann', failures: 5, firstFailedAt: 100, lastFailedAt: 500, lockedUntil: 10_000 });
      expect(await f.loginFailures.purgeOlderThan(1_000)).toBe(1);
      expect(await f.loginFailures.get('bob')).toBeUndefined();
      expect(await f.loginFailures.get('ann')).toBeDefined();
      await f.loginFailures.clear('ann');
      expect(await f.loginFailures.get('ann')).toBeUndefined();
    });

    it('stores API keys by hash with scopes and settings; revokes once; lists newest first', async () => {
      await f.apiKeys.create({ id: 'k1', name: 'first', hash: 'hash-1', prefix: 'aaaa1111', scopes: ['events:write'], createdBy: 'admin' }, 1_000);
      await f.apiKeys.create({ id: 'k2', name: 'second', hash: 'hash-2', prefix: 'bbbb2222', scopes: ['alertmanager:write'], createdBy: 'admin' }, 2_000);
      const k1 = await f.apiKeys.findByHash('hash-1');
      expect(k1).toMatchObject({ id: 'k1', name: 'first', prefix: 'aaaa1111', scopes: ['events:write'], createdAt: 1_000, createdBy: 'admin', lastUsedAt: null, revokedAt: null, alertmanagerUrls: [], severityMap: {} });
      expect((await f.apiKeys.list()).map((k) => k.id)).toEqual(['k2', 'k1']);
      await f.apiKeys.markUsed('k1', 1_500);
      expect((await f.apiKeys.find('k1'))?.lastUsedAt).toBe(1_500);
      expect(await f.apiKeys.updateSettings('k2', { alertmanagerUrls: ['http://am:9093'], severityMap: { p0: 'critical' } })).toBe(true);
      expect(await f.apiKeys.find('k2')).toMatchObject({ alertmanagerUrls: ['http://am:9093'], severityMap: { p0: 'critical' } });
      expect(await f.apiKeys.updateSettings('nope', { alertmanagerUrls: [], severityMap: {} })).toBe(false);
      expect(await f.apiKeys.revokeOne('k1', 3_000)).toBe(true);
      expect(await f.apiKeys.revokeOne('k1', 4_000)).toBe(false);
      expect((await f.apiKeys.find('k1'))?.revokedAt).toBe(3_000);
      expect(await f.apiKeys.findByHash('missing')).toBeUndefined();
    });

    it('replaces the environment key in place and un-revokes it when its value changes', async () => {
      await f.apiKeys.put('env', 'env key', 'hash-a', ['events:write'], 1_000);
      await f.apiKeys.revokeOne('env', 2_000);
      await f.apiKeys.put('env', 'env key', 'hash-b', ['events:write', 'alertmanager:write'], 3_000);
      expect(await f.apiKeys.findByHash('hash-a')).toBeUndefined();
      expect(await f.apiKeys.findByHash('hash-b')).toMatchObject({ id: 'env', revokedAt: null, scopes: ['events:write', 'alertmanager:write'] });
      expect(await f.apiKeys.list()).toHaveLength(1);
    });
  });
}
