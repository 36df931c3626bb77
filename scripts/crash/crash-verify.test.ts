/**
 * The crash test's verifier must see what it is there to see: a real server's file passes, and the
 * same file with an acknowledged event deleted, an aggregate tampered with, or a console action
 * stored twice under another key fails, each for the right reason.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult, WorkActionResult, WorkItemView } from '@opsquest/contracts';
import { getJson, isoFromNow, postJson } from '../../apps/server/test-support/http';
import { login, postEvents, startTestServer } from '../../apps/server/test-support/test-server';
import type { ConsoleAction, Via } from './crash-load';
import { verifyDatabase, type Expected } from './crash-verify';

describe('crash test verifier', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opsquest-crash-verify-'));
  const acked = new Map<string, Via>();
  const consoleActions: ConsoleAction[] = [];
  let expected: Expected;
  let copies = 0;

  beforeAll(async () => {
    const t = await startTestServer({ dir });
    try {
      // Alarms raised, acknowledged and cleared by an engineer through the events API: ledger entries and aggregates.
      const events = [1, 2, 3].flatMap((n) => [
        { source: 'nms', stream: 'alarm', externalKey: `v-${n}`, transition: 'raised', occurredAt: isoFromNow(-600_000 + n), attributes: { perceivedSeverity: 'major', title: `Alarm ${n}` } },
        { source: 'nms', stream: 'alarm', externalKey: `v-${n}`, transition: 'acknowledged', occurredAt: isoFromNow(-500_000 + n), actor: 'eng' },
        { source: 'nms', stream: 'alarm', externalKey: `v-${n}`, transition: 'cleared', occurredAt: isoFromNow(-400_000 + n), actor: 'eng' },
      ]);
      const res = await postEvents(t.url, events);
      expect(res.status).toBe(201);
      const body = (await res.json()) as IngestResult;
      for (const r of body.results) acked.set(r.eventKey, 'api');

      // A console action with an Idempotency-Key, sent twice: one event.
      const raise = { source: 'nms', stream: 'alarm', externalKey: 'v-console', transition: 'raised', occurredAt: isoFromNow(-60_000), attributes: { perceivedSeverity: 'critical', title: 'Console alarm' } };
      const raised = (await (await postEvents(t.url, raise)).json()) as IngestResult;
      for (const r of raised.results) acked.set(r.eventKey, 'api');
      const cookie = await login(t.url, 'eng');
      const list = await getJson<{ items: WorkItemView[] }>(t.url, '/api/work-items?stream=alarm', { cookie });
      const item = list.body.items.find((i) => i.externalKey === 'v-console');
      if (!item) throw new Error('the console alarm is not in the queue');
      const key = 'verify-test-ack-1';
      for (const expectDuplicate of [false, true]) {
        const done = await postJson<WorkActionResult>(t.url, `/api/work-items/${item.id}/actions`, { action: 'acknowledge' }, { cookie, headers: { 'idempotency-key': key } });
        expect(done.status).toBe(200);
        expect(done.body.duplicate).toBe(expectDuplicate);
      }
      const eventKey = `nms#console:p-eng:${item.id}:acknowledge:${key}`;
      acked.set(eventKey, 'console');
      consoleActions.push({ eventKey, itemKey: item.key, transition: 'acknowledged', actor: 'eng' });
    } finally {
      await t.close();
    }
    expected = { acked, consoleActions };
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** A copy of the server's (closed, checkpointed) file, changed by `tamper`. */
  function tampered(tamper: (db: Database.Database) => void): string {
    copies += 1;
    const path = join(dir, `copy-${copies}.db`);
    copyFileSync(join(dir, 'opsquest.db'), path);
    const db = new Database(path);
    try {
      tamper(db);
    } finally {
      db.close();
    }
    return path;
  }

  it('passes the untouched file: every acknowledged event once, no differences, integrity ok', async () => {
    const report = await verifyDatabase(join(dir, 'opsquest.db'), expected, { complete: true });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.integrity).toBe('ok');
    expect(report.clientEventsInDatabase).toBe(acked.size);
    expect(report.consistency?.ledgerEntries).toBeGreaterThan(0);
    expect(report.consistency?.leaderboardMismatches).toEqual([]);
  });

  it('finds an acknowledged event that is gone', async () => {
    const [gone] = [...acked.keys()];
    const path = tampered((db) => {
      db.prepare('DELETE FROM events WHERE event_key = ?').run(gone);
    });
    const report = await verifyDatabase(path, expected, { complete: true });
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual([gone]);
  });

  it('finds an event acknowledged to a client that never reached the file', async () => {
    const report = await verifyDatabase(join(dir, 'opsquest.db'), { acked: new Map([...acked, ['nms#never-stored', 'api']]), consoleActions }, { consistency: false });
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual(['nms#never-stored']);
  });

  it('finds a leaderboard aggregate that no longer equals the sum of the ledger', async () => {
    const path = tampered((db) => {
      const row = db.prepare<[], { scope: string; win: string; period: string; subject_id: string }>("SELECT scope, win, period, subject_id FROM leaderboard WHERE win = 'all' LIMIT 1").get();
      if (!row) throw new Error('no leaderboard rows');
      db.prepare('UPDATE leaderboard SET points = points + 5 WHERE scope = ? AND win = ? AND period = ? AND subject_id = ?').run(row.scope, row.win, row.period, row.subject_id);
    });
    const report = await verifyDatabase(path, expected, { complete: true });
    expect(report.ok).toBe(false);
    expect(report.consistency?.leaderboardMismatches).toHaveLength(1);
    expect(report.problems.join('\n')).toMatch(/consistency checker: 1 difference/);
  });

  it('finds a console action stored a second time under another key (a retry that made a second effect)', async () => {
    const path = tampered((db) => {
      db.prepare(
        `INSERT INTO events (event_key, item_key, stream, source, external_key, transition, occurred_at, received_at, actor, via, payload, raw, applied, reason)
         SELECT event_key || '-again', item_key, stream, source, external_key, transition, occurred_at + 1, received_at + 1, actor, via, payload, raw, 0, 'test'
         FROM events WHERE via = 'console'`,
      ).run();
    });
    const report = await verifyDatabase(path, expected, { complete: true, consistency: false });
    expect(report.ok).toBe(false);
    expect(report.repeatedWork).toHaveLength(1);
    expect(report.unacknowledged).toHaveLength(1);
  });

  it('finds a damaged file', async () => {
    const path = tampered(() => undefined);
    // Garbage over the cells of an index page (as a torn write would leave): the index no longer matches its table.
    const db = new Database(path, { readonly: true });
    const rootpage = Number(db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'events_item'").pluck().get());
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.close();
    const fd = openSync(path, 'r+');
    writeSync(fd, Buffer.alloc(pageSize / 2, 0x5a), 0, pageSize / 2, (rootpage - 1) * pageSize + pageSize / 2);
    closeSync(fd);
    const report = await verifyDatabase(path, expected, { consistency: false });
    expect(report.integrity).not.toBe('ok');
    expect(report.ok).toBe(false);
  });
});
