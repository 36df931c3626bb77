import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginFailureStore } from '../../services/ports/auth-stores';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { SqliteLedgerStore } from './ledger.sqlite';
import { SqliteLoginFailureStore } from './login-failures.sqlite';
import { guardedBy } from './standalone-guard';
import { SqliteUnitOfWork } from './unit-of-work.sqlite';

/**
 * What only SQLite's unit of work needs: on its single connection, a port call made outside any unit
 * while another caller's unit is open must not slip into that transaction (and be lost with it).
 */
describe('SqliteUnitOfWork with guarded adapters', () => {
  let dir: string;
  let db: Db;
  let uow: SqliteUnitOfWork;
  let failures: LoginFailureStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-uow-'));
    db = openDatabase(join(dir, 'opsquest.db'));
    migrate(db);
    uow = SqliteUnitOfWork.of(db);
    failures = guardedBy(uow, new SqliteLoginFailureStore(db));
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const save = (username: string): Promise<void> => failures.save({ username, failures: 1, firstFailedAt: 0, lastFailedAt: 0, lockedUntil: null });
  const stored = (username: string): boolean => db.prepare('SELECT 1 FROM login_failures WHERE username = ?').get(username) !== undefined;

  it('is one per connection', () => {
    expect(SqliteUnitOfWork.of(db)).toBe(uow);
  });

  /** Opens a unit that saves `username`, then waits 20 ms and fails; resolves once the save is done. */
  const failingUnit = async (username: string, message: string): Promise<{ unit: Promise<void> }> => {
    let entered = (): void => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const unit = uow.run(async () => {
      await save(username);
      entered();
      await new Promise((r) => setTimeout(r, 20));
      throw new Error(message);
    });
    await inside;
    return { unit };
  };

  it('a write from another caller made while a unit is open waits for it, and survives its rollback', async () => {
    const { unit } = await failingUnit('in-unit', 'the unit fails');
    const outside = save('outside');
    await expect(unit).rejects.toThrow('the unit fails');
    await outside;
    expect(stored('in-unit')).toBe(false);
    expect(stored('outside')).toBe(true);
  });

  it('a read from another caller waits too: it never sees what the open unit may still roll back', async () => {
    const { unit } = await failingUnit('maybe', 'rolled back');
    const seen = failures.get('maybe');
    await expect(unit).rejects.toThrow('rolled back');
    expect(await seen).toBeUndefined();
  });

  it('calls inside a unit run at once, as part of it', async () => {
    await expect(
      uow.run(async () => {
        await save('a');
        expect(stored('a')).toBe(true);
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(stored('a')).toBe(false);
  });

  it("a paged reader's pages wait too: a page is never read from inside another caller's open unit", async () => {
    const ledger = guardedBy(uow, new SqliteLedgerStore(db));
    const entry = (n: number) => ({
      entryId: `e-${n}`, personId: 'p-1', teamId: null, points: n, ruleId: 'r', ruleVersion: 1, eventKey: `k-${n}`, itemKey: 'i',
      reason: 'r', at: 0, windows: { day: 'd', week: 'w', month: 'm', all: 'all' },
    });
    await ledger.appendMany([entry(1), entry(2)]);
    const pages = ledger.pages(1)[Symbol.asyncIterator]();
    expect((await pages.next()).value).toMatchObject([{ entryId: 'e-1' }]);
    let entered = (): void => undefined;
    const inside = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const unit = uow.run(async () => {
      await ledger.appendMany([entry(3)]);
      entered();
      await new Promise((r) => setTimeout(r, 20));
      throw new Error('rolled back');
    });
    await inside;
    const rest: string[] = [];
    for (let page = await pages.next(); !page.done; page = await pages.next()) rest.push(...page.value.map((e) => e.entryId));
    await expect(unit).rejects.toThrow('rolled back');
    expect(rest).toEqual(['e-2']);
  });
});
