import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsEvent } from '@opsquest/core';
import { sampleAlarmCreate } from '../../../test-support/fixtures/tmf642.fixtures';
import type { TmfAlarm } from '../../integrations/tmf642/tmf642.mapper';
import { getJson, postJson, sendJson, uniqueKey, waitFor } from '../../../test-support/http';
import { alarmLife, ROOT, runScript } from '../../../test-support/scripts';
import { postEvents, startTestServer, TEST_API_KEY, type TestServer } from '../../../test-support/test-server';
import { checkConsistency } from '../views/consistency.service';
import { RetentionService, RetentionTimer, type PruneResult } from './retention.service';

const TMF = '/tmf-api/alarm/v4';
const auth = { headers: { authorization: `Bearer ${TEST_API_KEY}` } };
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const runPrune = (args: string[]) => runScript('prune-payloads.ts', args, { OPSQUEST_RETENTION_DAYS: '' });

describe('RetentionService: pruning raw payloads', () => {
  let t: TestServer;
  let service: RetentionService;
  beforeAll(async () => {
    t = await startTestServer();
    service = new RetentionService(t.server.repos);
  });
  afterAll(async () => {
    await t.close();
  });

  /** A TMF642 alarm (its request JSON is kept as the event's raw payload); returns the alarm id. */
  const createTmf = async (object: string): Promise<string> => {
    const res = await postJson<TmfAlarm>(t.url, `${TMF}/alarm`, sampleAlarmCreate({ alarmedObject: { id: object }, alarmType: 'EquipmentAlarm' }), auth);
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const clearTmf = async (id: string): Promise<void> => {
    const res = await sendJson(t.url, 'PATCH', `${TMF}/alarm/${id}`, { state: 'cleared', clearUserId: 'eng', clearSystemId: 'oss-console' }, auth);
    expect(res.status).toBe(200);
  };
  /** raw payloads of the TMF642 events of an alarm (its id is the work item id), in log order */
  const rawOf = (id: string): (string | null)[] =>
    t.server.db.prepare("SELECT raw FROM events WHERE via = 'tmf642' AND item_key = (SELECT item_key FROM work_items WHERE id = ?) ORDER BY seq").pluck().all(Number(id)) as (string | null)[];
  const untouched = (): Record<string, unknown[]> => ({
    payloads: t.server.db.prepare('SELECT seq, event_key, payload, applied, reason FROM events ORDER BY seq').all(),
    ledger: t.server.db.prepare('SELECT * FROM ledger ORDER BY seq').all(),
    aggregates: t.server.db.prepare('SELECT * FROM leaderboard ORDER BY 1, 2, 3, 4').all(),
    progress: t.server.db.prepare('SELECT * FROM progress ORDER BY person_id').all(),
    audit: t.server.db.prepare('SELECT * FROM audit_log ORDER BY 1').all(),
    deliveries: t.server.db.prepare('SELECT * FROM deliveries ORDER BY id').all(),
  });

  it('clears old raw payloads only: newer ones and those of open items stay; payload, ledger, aggregates, audit log untouched', async () => {
    // old: three TMF alarms raised and cleared, one left open, and scored work over the events API
    const oldClosed: string[] = [];
    for (const object of [uniqueKey('OLD-A'), uniqueKey('OLD-B'), uniqueKey('OLD-C')]) {
      const id = await createTmf(object);
      await clearTmf(id);
      oldClosed.push(id);
    }
    const oldOpen = await createTmf(uniqueKey('OLD-OPEN'));
    const oldOpenId = oldOpen;
    for (let i = 0; i < 3; i += 1) expect((await postEvents(t.url, alarmLife(uniqueKey('scored')))).status).toBe(201);
    await sleep(5);
    const cutoff = Date.now();
    await sleep(5);
    // new: one open, one raised and cleared
    const newOpen = await createTmf(uniqueKey('NEW-OPEN'));
    const newClosed = await createTmf(uniqueKey('NEW-CLOSED'));
    await clearTmf(newClosed);

    for (const id of [...oldClosed, oldOpen, newOpen, newClosed]) {
      const raws = rawOf(id);
      expect(raws.length).toBe(id === oldOpen || id === newOpen ? 1 : 2);
      expect(raws.every((r) => r !== null)).toBe(true);
    }
    expect(t.server.db.prepare('SELECT count(*) FROM ledger').pluck().get()).toBeGreaterThan(0);
    const before = untouched();
    const tmfOpenBefore = await getJson<TmfAlarm>(t.url, `${TMF}/alarm/${oldOpenId}`, auth);
    expect(tmfOpenBefore.body.alarmType).toBe('EquipmentAlarm');

    expect(await service.preview(cutoff)).toEqual({ wouldClear: 6, keptOpen: 1 });
    // batches of one row: six transactions
    const result = await service.prune(cutoff, 1);
    expect(result).toMatchObject({ cutoff, rawCleared: 6, rawKeptOpen: 1, batches: 6 });

    for (const id of oldClosed) expect(rawOf(id)).toEqual([null, null]);
    expect(rawOf(oldOpen).every((r) => r !== null)).toBe(true);
    expect(rawOf(newOpen).every((r) => r !== null)).toBe(true);
    expect(rawOf(newClosed).every((r) => r !== null)).toBe(true);
    expect(untouched()).toEqual(before);
    // the live alarm's TMF642 view still has its TMF-only attributes
    expect((await getJson<TmfAlarm>(t.url, `${TMF}/alarm/${oldOpenId}`, auth)).body).toEqual(tmfOpenBefore.body);

    const report = await checkConsistency(t.server.repos, t.server.services.engine);
    expect(report.replayMismatches).toEqual([]);
    expect(report.leaderboardMismatches).toEqual([]);
    expect(report.xpMismatches).toEqual([]);
    expect(report.ok).toBe(true);

    // a second run finds nothing; once the old open alarm closes, its old raw goes too (the clear is new)
    expect(await service.prune(cutoff, 1)).toMatchObject({ rawCleared: 0, rawKeptOpen: 1, batches: 0 });
    await clearTmf(oldOpenId);
    expect(await service.prune(cutoff)).toMatchObject({ rawCleared: 1, rawKeptOpen: 0, batches: 1 });
    const [first, second] = rawOf(oldOpen);
    expect(first).toBeNull();
    expect(second).not.toBeNull();
    expect((await checkConsistency(t.server.repos, t.server.services.engine)).ok).toBe(true);
  });

  it('walks the partial index of migration 010, not the whole event log', () => {
    const plan = t.server.db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT e.seq, e.received_at FROM events e WHERE e.raw IS NOT NULL AND e.received_at < 1 AND (e.received_at, e.seq) > (0, 0)
         AND NOT EXISTS (SELECT 1 FROM work_items w WHERE w.item_key = e.item_key AND w.open = 1) ORDER BY e.received_at, e.seq LIMIT 5`,
      )
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' | ')).toMatch(/SEARCH e USING INDEX events_raw_received/);
  });

  it('rejects a nonsense cutoff or batch size', async () => {
    await expect(service.prune(Number.NaN)).rejects.toThrow(RangeError);
    await expect(service.prune(Date.now(), 0)).rejects.toThrow(/batch size/);
    await expect(service.prune(Date.now(), 2.5)).rejects.toThrow(/batch size/);
  });

  it('yields between batches: requests to the running server are answered while a long prune goes on', async () => {
    const raw = JSON.stringify({ note: 'x'.repeat(200) });
    const inputs = Array.from({ length: 1500 }, (_, i) => ({
      event: { source: 'nms', stream: 'alarm', externalKey: uniqueKey(`bulk-${i}`), transition: 'raised', occurredAt: new Date(Date.now() - 60_000).toISOString(), attributes: { perceivedSeverity: 'minor' } } as OpsEvent,
      via: 'tmf642',
      raw,
    }));
    // raised and never cleared would stay open (and be kept): close them in the same batch
    const closes = inputs.map((input) => ({ ...input, event: { ...input.event, transition: 'cleared', occurredAt: new Date(Date.now() - 30_000).toISOString() } as OpsEvent }));
    await t.server.services.ingest.ingest([...inputs, ...closes]);
    await sleep(5);
    const cutoff = Date.now();
    const order: string[] = [];
    const expected = (await service.preview(cutoff)).wouldClear;
    expect(expected).toBeGreaterThanOrEqual(3000);
    const pruning = service.prune(cutoff, 50).then((r) => {
      order.push('prune');
      return r;
    });
    const answered = (async () => {
      const res = await postEvents(t.url, alarmLife(uniqueKey('during-prune')));
      order.push(`http ${res.status}`);
    })();
    const [result] = await Promise.all([pruning, answered]);
    expect(result.rawCleared).toBe(expected);
    expect(result.batches).toBe(Math.ceil(expected / 50));
    expect(order).toEqual(['http 201', 'prune']);
  });

  it('RetentionTimer prunes in the server on its schedule and stops cleanly', async () => {
    const id = await createTmf(uniqueKey('TIMER'));
    await clearTmf(id);
    await sleep(5);
    const results: PruneResult[] = [];
    const errors: unknown[] = [];
    const timer = new RetentionTimer(service, { retentionMs: 1, firstRunMs: 10, periodMs: 30, onResult: (r) => results.push(r), onError: (err) => errors.push(err) });
    timer.start();
    await waitFor(() => (results.length >= 2 ? true : undefined), 'two timer runs');
    await timer.stop();
    const runs = results.length;
    expect(errors).toEqual([]);
    expect(results.reduce((sum, r) => sum + r.rawCleared, 0)).toBeGreaterThanOrEqual(2);
    expect(rawOf(id)).toEqual([null, null]);
    await sleep(80);
    expect(results.length).toBe(runs);
  });
});

describe('npm run prune', { timeout: 60_000 }, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('a running server: refused unless --online, then pruned from another process; --dry-run changes nothing', async () => {
    const res = await postJson<TmfAlarm>(t.url, `${TMF}/alarm`, sampleAlarmCreate({ alarmedObject: { id: uniqueKey('CLI') } }), auth);
    expect(res.status).toBe(201);
    expect((await sendJson(t.url, 'PATCH', `${TMF}/alarm/${res.body.id}`, { state: 'cleared' }, auth)).status).toBe(200);
    const withRaw = (): number => t.server.db.prepare('SELECT count(*) FROM events WHERE raw IS NOT NULL').pluck().get() as number;
    expect(withRaw()).toBe(2);
    await sleep(1100);
    const before = new Date(Date.now() - 500).toISOString();

    const dry = await runPrune(['--db', t.dbPath, '--before', before, '--dry-run']);
    expect(dry.stderr).toBe('');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/dry run: 2 raw payloads .* would be cleared; 0 kept/);
    expect(withRaw()).toBe(2);

    // a server has the file open: refused unless --online (see the script's comment: deferred transactions)
    const refused = await runPrune(['--db', t.dbPath, '--before', before]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use by a running server: set OPSQUEST_RETENTION_DAYS/);
    expect(withRaw()).toBe(2);

    const real = await runPrune(['--db', t.dbPath, '--before', before, '--batch', '1', '--online']);
    expect(real.stderr).toBe('');
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/cleared 2 raw payloads .* in 2 batches/);
    expect(withRaw()).toBe(0);
    // the server goes on as usual
    expect((await postEvents(t.url, alarmLife(uniqueKey('after-cli')))).status).toBe(201);
  });

  it('bad input: a clear message and a non-zero exit', async () => {
    const cases: [string[], RegExp, number][] = [
      [['--db', t.dbPath], /--days or --before is required/, 2],
      [['--db', t.dbPath, '--days', '0'], /--days must be a whole number of at least 1/, 2],
      [['--db', t.dbPath, '--days', '3', '--before', '2026-01-01T00:00:00Z'], /not both/, 2],
      [['--db', t.dbPath, '--before', '2026-01-01'], /ISO 8601 time with a zone/, 2],
      [['--db', t.dbPath, '--before', '2999-01-01T00:00:00Z'], /must be in the past/, 2],
      [['--db', t.dbPath, '--days', '3', '--what'], /Unknown option '--what'/, 2],
      [['--db', join(ROOT, 'does-not-exist', 'x.db'), '--days', '3'], /prune failed: no database at/, 1],
    ];
    for (const [args, pattern, code] of cases) {
      const run = await runPrune(args);
      expect({ args, code: run.code }).toEqual({ args, code });
      expect(run.stderr).toMatch(pattern);
    }
  });
});
