import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_OPEN_GAPS, MAX_REASON_LENGTH, reasonClass, type IntegrationNoticesStore, type RefusedInput } from '../../src/services/ports/integration-notices-store';
import { countRows, truncatedGroup as group } from './seed-sql';
import type { OpenStore, StoreFixture } from './store-fixture';

const T0 = Date.parse('2025-03-01T10:00:00Z');

const refusal = (reason: string, over: Partial<RefusedInput> = {}): RefusedInput => ({ keyId: 'k-am', source: 'alertmanager', status: 400, missing: 1, reason, ...over });

/** The IntegrationNoticesStore port's promises (ported from the SQLite adapter's own test), the same on every engine. */
export function describeIntegrationNoticesStoreContract(engine: string, open: OpenStore<IntegrationNoticesStore>): void {
  describe(`IntegrationNoticesStore contract (${engine})`, () => {
    let f: StoreFixture<IntegrationNoticesStore>;
    let notices: IntegrationNoticesStore;
    const count = (): Promise<number> => countRows(f, 'integration_notices');
    beforeEach(async () => {
      f = await open();
      notices = f.store;
      await f.seed(`INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at, created_by) VALUES ('k-am', 'Alertmanager prod', 'h-am', 'abcd1234', '["alertmanager:write"]', ${T0}, 'admin');
        INSERT INTO api_keys (id, name, key_hash, prefix, scopes, created_at, created_by) VALUES ('k-other', 'Other', 'h-other', 'efgh5678', '["alertmanager:write"]', ${T0}, 'admin');`);
    });
    afterEach(async () => {
      await f.close();
    });

    it('the same truncated group twice is one open row with two occurrences, the latest missing count and reason', async () => {
      const first = await notices.recordTruncated(group('{}:{alertname="LinkDown"}', 40), T0);
      expect(first).toEqual({
        id: first.id,
        kind: 'truncated',
        source: 'alertmanager',
        keyId: 'k-am',
        keyName: 'Alertmanager prod',
        groupKey: '{}:{alertname="LinkDown"}',
        groupLabels: { alertname: 'LinkDown', cluster: 'eu-1' },
        missing: 40,
        status: null,
        reason: '40 alert(s) left out (max_alerts) and not fetched: no Alertmanager URL is allowed for this key',
        firstAt: T0,
        lastAt: T0,
        occurrences: 1,
        resolvedAt: null,
      });
      const again = await notices.recordTruncated({ ...group('{}:{alertname="LinkDown"}', 55), groupLabels: { alertname: 'LinkDown' } }, T0 + 60_000);
      expect(again).toEqual({ ...first, missing: 55, reason: group('', 55).reason, groupLabels: { alertname: 'LinkDown' }, lastAt: T0 + 60_000, occurrences: 2 });
      // a late (out of order) occurrence counts but never moves last_at back
      const late = await notices.recordTruncated(group('{}:{alertname="LinkDown"}', 1), T0 + 30_000);
      expect(late).toMatchObject({ id: first.id, occurrences: 3, missing: 1, firstAt: T0, lastAt: T0 + 60_000 });
      expect(await notices.find(first.id)).toEqual(late);
      expect((await notices.openGaps()).map((g) => g.id)).toEqual([first.id]);
      expect(await count()).toBe(1);
    });

    it('another group, or the same group of another key, is its own notice', async () => {
      const a = await notices.recordTruncated(group('{}:{alertname="CPU"}', 3), T0);
      const b = await notices.recordTruncated(group('{}:{alertname="CPU"}', 3, 'k-other'), T0);
      const c = await notices.recordTruncated(group('{}:{alertname="Mem"}', 3), T0);
      expect(new Set([a.id, b.id, c.id]).size).toBe(3);
      expect(b.keyName).toBe('Other');
      expect((await notices.resolveTruncated('k-am', '{}:{alertname="CPU"}', T0 + 1))?.id).toBe(a.id);
      expect((await notices.resolveTruncated('k-other', '{}:{alertname="CPU"}', T0 + 1))?.id).toBe(b.id);
      expect((await notices.openGaps()).map((g) => g.id)).toEqual([c.id]);
    });

    it('resolving closes the open notice once; recording the group again opens a new row', async () => {
      const open = await notices.recordTruncated(group('{}:{alertname="Disk"}', 7), T0);
      const closed = await notices.resolveTruncated('k-am', '{}:{alertname="Disk"}', T0 + 5_000);
      expect(closed).toEqual({ ...open, resolvedAt: T0 + 5_000 });
      expect(await notices.resolveTruncated('k-am', '{}:{alertname="Disk"}', T0 + 6_000)).toBeUndefined();
      expect(await notices.resolveTruncated('k-am', '{}:{alertname="Nothing"}', T0 + 6_000)).toBeUndefined();
      expect(await notices.openGaps()).toEqual([]);
      const reopened = await notices.recordTruncated(group('{}:{alertname="Disk"}', 2), T0 + 10_000);
      expect(reopened.id).not.toBe(open.id);
      expect(reopened).toMatchObject({ occurrences: 1, missing: 2, firstAt: T0 + 10_000, resolvedAt: null });
      expect(await notices.find(open.id)).toMatchObject({ resolvedAt: T0 + 5_000, missing: 7, occurrences: 1 });
      expect(await notices.find(reopened.id + 1000)).toBeUndefined();
    });

    it('a refused notice is never resolved as a truncated one', async () => {
      const r = await notices.recordRefused(refusal('Invalid request: body.version: Invalid input', { groupKey: '{}:{alertname="X"}' }), T0);
      expect(await notices.resolveTruncated('k-am', '{}:{alertname="X"}', T0 + 1)).toBeUndefined();
      expect((await notices.find(r.id))?.resolvedAt).toBeNull();
    });

    it('a notice without a key or group is still one row (NULLs do not defeat the unique index), and resolves by NULLs', async () => {
      const a = await notices.recordTruncated(group(null, 1, null), T0);
      const b = await notices.recordTruncated(group(null, 1, null), T0);
      expect(b).toMatchObject({ id: a.id, occurrences: 2, keyId: null, keyName: null, groupKey: null });
      // the index folds NULL and '' together: an empty group key is the same open notice
      expect((await notices.recordTruncated(group('', 1, null), T0)).id).toBe(a.id);
      const r1 = await notices.recordRefused({ keyId: null, source: 'events', status: 400, missing: 1, reason: 'Invalid request: body.occurredAt: Invalid ISO datetime' }, T0);
      const r2 = await notices.recordRefused({ keyId: null, source: 'events', status: 400, missing: 1, reason: 'Invalid request: body.occurredAt: Invalid ISO datetime' }, T0);
      expect(r2).toMatchObject({ id: r1.id, occurrences: 2, groupKey: null, groupLabels: {}, keyName: null });
      expect(await count()).toBe(2);
      // a key's group is not the key-less one
      expect(await notices.resolveTruncated('k-am', null, T0 + 1)).toBeUndefined();
      expect(await notices.resolveTruncated(null, null, T0 + 1)).toMatchObject({ id: a.id, resolvedAt: T0 + 1, occurrences: 3 });
    });

    it('refusals that differ only in numbers are one notice; another status, reason or route is another', async () => {
      const at = (i: number): string => `Invalid request: body.alerts.${i}.startsAt: Invalid ISO datetime`;
      const a = await notices.recordRefused(refusal(at(3), { missing: 12 }), T0);
      const b = await notices.recordRefused(refusal(at(17), { missing: 9 }), T0 + 1_000);
      expect(b).toMatchObject({ id: a.id, kind: 'refused', occurrences: 2, missing: 9, reason: at(17), status: 400, firstAt: T0, lastAt: T0 + 1_000 });
      const tooLarge = await notices.recordRefused(refusal('The request body is too large', { status: 413, missing: 0 }), T0);
      const otherField = await notices.recordRefused(refusal('Invalid request: body.version: Invalid input'), T0);
      const otherRoute = await notices.recordRefused(refusal(at(3), { source: 'tmf642' }), T0);
      const accepted = await notices.recordRefused(refusal(at(3), { status: null }), T0);
      expect(accepted.status).toBeNull();
      expect(new Set([a.id, tooLarge.id, otherField.id, otherRoute.id, accepted.id]).size).toBe(5);
      expect(reasonClass('refused', at(3))).toBe(reasonClass('refused', at(250)));
      expect(reasonClass('truncated', 'anything')).toBe('');
      // refusals are never gaps on the alarm board
      expect(await notices.openGaps()).toEqual([]);
    });

    it('keeps a refusal\'s group, cuts long reasons and never stores a negative or fractional missing count', async () => {
      const r = await notices.recordRefused(refusal('x'.repeat(5000), { status: 415, missing: -3, groupKey: 'g-1', groupLabels: { team: 'core' } }), T0);
      expect(r).toMatchObject({ groupKey: 'g-1', groupLabels: { team: 'core' }, missing: 0, status: 415 });
      expect(r.reason).toBe('x'.repeat(MAX_REASON_LENGTH));
      const t = await notices.recordTruncated(group('g-2', 4.9), T0);
      expect(t.missing).toBe(4);
    });

    it('answers a key that is gone with no name, and drops label values that are not strings', async () => {
      const gone = await notices.recordTruncated(group('g', 1, 'k-deleted'), T0);
      expect(gone).toMatchObject({ keyId: 'k-deleted', keyName: null });
      await f.seed(`INSERT INTO integration_notices (kind, source, key_id, group_key, group_labels, missing, status, reason, reason_class, first_at, last_at, occurrences)
        VALUES ('truncated', 'alertmanager', 'k-am', 'odd', '{"a":"x","n":1,"o":{"p":"q"}}', 2, NULL, 'seeded', '', ${T0 + 1}, ${T0 + 1}, 1)`);
      const [odd] = await notices.openGaps(1);
      expect(odd).toMatchObject({ groupKey: 'odd', groupLabels: { a: 'x' }, keyName: 'Alertmanager prod' });
    });

    it('lists open notices first, each part newest first (then the higher id), and honours the limit', async () => {
      const old = await notices.recordTruncated(group('g-old', 1), T0);
      const resolvedLate = await notices.recordTruncated(group('g-resolved', 1), T0 + 50_000);
      const tieLow = await notices.recordRefused(refusal('Invalid request: body.a: Invalid input'), T0 + 10_000);
      const tieHigh = await notices.recordRefused(refusal('Invalid request: body.b: Invalid input'), T0 + 10_000);
      const newest = await notices.recordRefused(refusal('x'.repeat(5000), { keyId: 'k-other', source: 'workorder', status: 415, missing: 0 }), T0 + 99_000);
      const resolvedEarly = await notices.recordTruncated(group('g-resolved-early', 1), T0 + 1_000);
      await notices.resolveTruncated('k-am', 'g-resolved', T0 + 60_000);
      await notices.resolveTruncated('k-am', 'g-resolved-early', T0 + 60_000);
      expect((await notices.list(500)).map((n) => n.id)).toEqual([newest.id, tieHigh.id, tieLow.id, old.id, resolvedLate.id, resolvedEarly.id]);
      expect((await notices.list(2)).map((n) => n.id)).toEqual([newest.id, tieHigh.id]);
      expect((await notices.list(500))[0]?.reason).toHaveLength(MAX_REASON_LENGTH);
    });

    it('gives the open gaps newest first, at most the limit (MAX_OPEN_GAPS by default)', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i += 1) ids.push((await notices.recordTruncated(group(`g-${i}`, i), T0 + (i % 3) * 1_000)).id);
      // last_at: g-0 T0, g-1 T0+1s, g-2 T0+2s, g-3 T0, g-4 T0+1s
      const expected = [ids[2], ids[4], ids[1], ids[3], ids[0]];
      expect((await notices.openGaps()).map((g) => g.id)).toEqual(expected);
      expect((await notices.openGaps(2)).map((g) => g.id)).toEqual(expected.slice(0, 2));
      expect(MAX_OPEN_GAPS).toBeGreaterThan(5);
      await f.seed(
        `INSERT INTO integration_notices (kind, source, key_id, group_key, group_labels, missing, status, reason, reason_class, first_at, last_at, occurrences) VALUES ${Array.from(
          { length: MAX_OPEN_GAPS },
          (_, i) => `('truncated', 'alertmanager', 'k-other', 'bulk-${i}', '{}', 1, NULL, 'seeded', '', ${T0 - 1}, ${T0 - 1}, 1)`,
        ).join(', ')}`,
      );
      const gaps = await notices.openGaps();
      expect(gaps).toHaveLength(MAX_OPEN_GAPS);
      expect(gaps.slice(0, 5).map((g) => g.id)).toEqual(expected);
    });

    it('recordings at the same time still give one row (the upsert is one statement, no check-then-insert)', async () => {
      const rows = await Promise.all(Array.from({ length: 6 }, (_, i) => notices.recordTruncated(group('{}:{alertname="Storm"}', 100 + i), T0 + i)));
      expect(new Set(rows.map((r) => r.id)).size).toBe(1);
      const row = await notices.find(rows[0]?.id ?? 0);
      // which writer opened the row is a race; the latest time and every occurrence are not
      expect(row).toMatchObject({ occurrences: 6, lastAt: T0 + 5 });
      expect(await count()).toBe(1);
    });

    it('rolls back what a failed unit of work recorded or resolved', async () => {
      const kept = await notices.recordTruncated(group('g-kept', 1), T0);
      await expect(
        f.uow.run(async () => {
          await notices.recordTruncated(group('g-new', 1), T0 + 1);
          await notices.recordTruncated(group('g-kept', 9), T0 + 2);
          await notices.recordRefused(refusal('Invalid request: body.x: Invalid input'), T0 + 3);
          expect(await notices.resolveTruncated('k-am', 'g-kept', T0 + 4)).toMatchObject({ id: kept.id, occurrences: 2 });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await notices.list(10)).toEqual([kept]);
      expect(await notices.openGaps()).toEqual([kept]);
      const committed = await f.uow.run(async () => notices.recordTruncated(group('g-kept', 3), T0 + 5));
      expect(committed).toMatchObject({ id: kept.id, occurrences: 2, missing: 3 });
    });
  });
}
