import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { SqliteApiKeyStore } from './api-keys.sqlite';
import { reasonClass } from '../../services/ports/integration-notices-store';
import { SqliteIntegrationNoticesStore } from './integration-notices.sqlite';
import { truncatedGroup as group } from '../../../test-support/contracts/seed-sql';

const T0 = Date.parse('2025-03-01T10:00:00Z');

describe('SqliteIntegrationNoticesStore', () => {
  let dir: string;
  let db: Db;
  let notices: SqliteIntegrationNoticesStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opsquest-notices-'));
    db = openDatabase(join(dir, 'opsquest.db'));
    migrate(db);
    const keys = new SqliteApiKeyStore(db);
    await keys.create({ id: 'k-am', name: 'Alertmanager prod', hash: 'h-am', prefix: 'abcd1234', scopes: ['alertmanager:write'], createdBy: 'admin' }, T0);
    await keys.create({ id: 'k-other', name: 'Other', hash: 'h-other', prefix: 'efgh5678', scopes: ['alertmanager:write'], createdBy: 'admin' }, T0);
    notices = new SqliteIntegrationNoticesStore(db);
  });
  afterAll(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = (): number => db.prepare('SELECT COUNT(*) FROM integration_notices').pluck().get() as number;

  it('the same truncated group twice is one open row with two occurrences, the latest missing count and reason', async () => {
    const first = await notices.recordTruncated(group('{}:{alertname="LinkDown"}', 40), T0);
    const again = await notices.recordTruncated(group('{}:{alertname="LinkDown"}', 55), T0 + 60_000);
    expect(again.id).toBe(first.id);
    expect(again).toMatchObject({ kind: 'truncated', source: 'alertmanager', keyId: 'k-am', keyName: 'Alertmanager prod', missing: 55, status: null, occurrences: 2, firstAt: T0, lastAt: T0 + 60_000, resolvedAt: null });
    expect(again.groupLabels).toEqual({ alertname: 'LinkDown', cluster: 'eu-1' });
    expect((await notices.openGaps()).map((g) => g.id)).toEqual([first.id]);
  });

  it('another group, or the same group of another key, is its own notice', async () => {
    const a = await notices.recordTruncated(group('{}:{alertname="CPU"}', 3), T0);
    const b = await notices.recordTruncated(group('{}:{alertname="CPU"}', 3, 'k-other'), T0);
    expect(a.id).not.toBe(b.id);
    expect(b.keyName).toBe('Other');
    expect((await notices.resolveTruncated('k-am', '{}:{alertname="CPU"}', T0 + 1))?.id).toBe(a.id);
    expect((await notices.resolveTruncated('k-other', '{}:{alertname="CPU"}', T0 + 1))?.id).toBe(b.id);
  });

  it('resolving closes the open notice once; recording the group again opens a new row', async () => {
    const open = await notices.recordTruncated(group('{}:{alertname="Disk"}', 7), T0);
    const closed = await notices.resolveTruncated('k-am', '{}:{alertname="Disk"}', T0 + 5_000);
    expect(closed).toMatchObject({ id: open.id, resolvedAt: T0 + 5_000, occurrences: 1 });
    expect((await notices.resolveTruncated('k-am', '{}:{alertname="Disk"}', T0 + 6_000))).toBeUndefined();
    expect((await notices.openGaps()).some((g) => g.id === open.id)).toBe(false);
    const reopened = await notices.recordTruncated(group('{}:{alertname="Disk"}', 2), T0 + 10_000);
    expect(reopened.id).not.toBe(open.id);
    expect(reopened).toMatchObject({ occurrences: 1, missing: 2, resolvedAt: null });
    expect((await notices.find(open.id))).toMatchObject({ resolvedAt: T0 + 5_000, missing: 7 });
  });

  it('a notice without a key or group is still one row (NULLs do not defeat the unique index)', async () => {
    const before = count();
    const a = await notices.recordTruncated(group('', 1, null), T0);
    const b = await notices.recordTruncated(group('', 1, null), T0);
    expect(b.id).toBe(a.id);
    const r1 = await notices.recordRefused({ keyId: null, source: 'events', status: 400, missing: 1, reason: 'Invalid request: body.occurredAt: Invalid ISO datetime' }, T0);
    const r2 = await notices.recordRefused({ keyId: null, source: 'events', status: 400, missing: 1, reason: 'Invalid request: body.occurredAt: Invalid ISO datetime' }, T0);
    expect(r2).toMatchObject({ id: r1.id, occurrences: 2, groupKey: null, keyName: null });
    expect(count()).toBe(before + 2);
  });

  it('refusals that differ only in numbers are one notice; another status or reason is another', async () => {
    const at = (i: number) => `Invalid request: body.alerts.${i}.startsAt: Invalid ISO datetime`;
    const a = await notices.recordRefused({ keyId: 'k-am', source: 'alertmanager', status: 400, missing: 12, reason: at(3) }, T0);
    const b = await notices.recordRefused({ keyId: 'k-am', source: 'alertmanager', status: 400, missing: 9, reason: at(17) }, T0 + 1_000);
    expect(b).toMatchObject({ id: a.id, occurrences: 2, missing: 9, reason: at(17), status: 400 });
    const tooLarge = await notices.recordRefused({ keyId: 'k-am', source: 'alertmanager', status: 413, missing: 0, reason: 'The request body is too large' }, T0);
    const otherField = await notices.recordRefused({ keyId: 'k-am', source: 'alertmanager', status: 400, missing: 1, reason: 'Invalid request: body.version: Invalid input' }, T0);
    expect(new Set([a.id, tooLarge.id, otherField.id]).size).toBe(3);
    expect(reasonClass('refused', at(3))).toBe(reasonClass('refused', at(250)));
    expect(reasonClass('truncated', 'anything')).toBe('');
    // refusals are never gaps on the alarm board
    expect((await notices.openGaps()).some((g) => g.kind === 'refused')).toBe(false);
  });

  it('lists open notices first, newest first, and cuts long reasons', async () => {
    const long = await notices.recordRefused({ keyId: 'k-other', source: 'workorder', status: 415, missing: 0, reason: 'x'.repeat(5000) }, T0 + 99_000);
    expect(long.reason.length).toBe(1000);
    const list = await notices.list(500);
    const firstResolved = list.findIndex((n) => n.resolvedAt !== null);
    expect(firstResolved).toBeGreaterThan(0);
    expect(list.slice(firstResolved).every((n) => n.resolvedAt !== null)).toBe(true);
    expect(list[0]?.id).toBe(long.id);
    const open = list.slice(0, firstResolved).map((n) => n.lastAt);
    expect(open).toEqual([...open].sort((x, y) => y - x));
    expect((await notices.list(2))).toHaveLength(2);
  });

  it('writers on separate connections still give one row (the upsert is one statement, no check-then-insert)', async () => {
    const connections = Array.from({ length: 3 }, () => openDatabase(join(dir, 'opsquest.db')));
    const rows = await Promise.all(connections.map((c, i) => new SqliteIntegrationNoticesStore(c).recordTruncated(group('{}:{alertname="Storm"}', 100 + i), T0 + i)));
    for (const c of connections) c.close();
    expect(new Set(rows.map((r) => r.id)).size).toBe(1);
    expect(await notices.find(rows[0]?.id ?? 0)).toMatchObject({ occurrences: 3, missing: 102 });
  });
});
