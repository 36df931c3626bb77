import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { SqliteLoginFailureStore } from './login-failures.sqlite';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';

/** What only SQLite's unit of work does: the synchronous path the not-yet-async ports still use. */
describe('SqliteUnitOfWork.runSync', () => {
  let dir: string;
  let db: Db;
  let uow: SqliteUnitOfWork;
  let failures: SqliteLoginFailureStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-uow-'));
    db = openDatabase(join(dir, 'opsquest.db'));
    migrate(db);
    uow = new SqliteUnitOfWork(db);
    failures = new SqliteLoginFailureStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (): number => (db.prepare('SELECT count(*) AS n FROM login_failures').get() as { n: number }).n;
  const insert = (name: string): void => {
    db.prepare('INSERT INTO login_failures (username, failures, first_failed_at, last_failed_at) VALUES (?, 1, 0, 0)').run(name);
  };

  it('commits or rolls back synchronous work as one transaction', () => {
    uow.runSync(() => insert('a'));
    expect(() =>
      uow.runSync(() => {
        insert('b');
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(count()).toBe(1);
  });

  it('joins an asynchronous unit it runs inside of (a savepoint of it)', async () => {
    await expect(
      uow.run(async () => {
        await failures.save({ username: 'x', failures: 1, firstFailedAt: 0, lastFailedAt: 0, lockedUntil: null });
        uow.runSync(() => insert('y'));
        throw new Error('outer fails');
      }),
    ).rejects.toThrow('outer fails');
    expect(count()).toBe(0);
  });

  it('refuses to start while another caller\'s asynchronous unit waits, instead of joining its transaction', async () => {
    let inside = (): void => undefined;
    const entered = new Promise<void>((resolve) => {
      inside = resolve;
    });
    const unit = uow.run(async () => {
      inside();
      await new Promise((r) => setTimeout(r, 10));
    });
    await entered;
    expect(() => uow.runSync(() => insert('z'))).toThrow(/asynchronous one from another caller/);
    await unit;
    uow.runSync(() => insert('z'));
    expect(count()).toBe(1);
  });
});
