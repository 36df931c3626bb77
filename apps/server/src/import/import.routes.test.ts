import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_API_KEY, startTestServer, type TestServer } from '../../test-support/test-server';
import type { ImportReport } from './import.service';

const CSV = [
  'source,stream,externalKey,transition,occurredAt,actor,perceivedSeverity,customersAffected,serviceAffecting,title',
  'nms,alarm,H1,cleared,2026-09-01T08:30:00Z,eng,,,,',
  'nms,alarm,H1,raised,2026-09-01T08:00:00Z,,major,1200,true,"LinkDown, north ring"',
  'nms,alarm,H1,acknowledged,2026-09-01T08:05:00Z,eng,,,,',
  'nms,alarm,H2,raised,not-a-date,,major,,,',
  'nms,alarm,H3,exploded,2026-09-01T08:00:00Z,,major,,,',
  'nms,alarm,H4,raised,2026-09-01T09:00:00Z,,critical,-5,,',
].join('\n');

describe('POST /api/import: history in CSV or JSON lines', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });
  const post = (body: string, type: string, dryRun: boolean, key = TEST_API_KEY) =>
    fetch(`${t.url}/api/import?dryRun=${dryRun}`, { method: 'POST', headers: { 'content-type': type, authorization: `Bearer ${key}` }, body });

  it('a dry run reports what would be imported and every rejected row, and stores nothing', async () => {
    const before = await t.server.repos.events.count();
    const res = await post(CSV, 'text/csv', true);
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ dryRun: true, rows: 6, valid: 3, stored: 3, duplicates: 0, notApplied: 0 });
    expect(report.rejected.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(report.rejected[0]?.reason).toContain('occurredAt');
    expect(report.rejected[1]?.reason).toContain('transition');
    expect(report.rejected[2]?.reason).toContain('customersAffected');
    expect(report.points).toBeGreaterThan(0);
    expect(await t.server.repos.events.count()).toBe(before);
  });

  it('the real run scores history in time order with the same engine, and a second run is all duplicates', async () => {
    const dry = (await (await post(CSV, 'text/csv', true)).json()) as ImportReport;
    const res = await post(CSV, 'text/csv', false);
    expect(res.status).toBe(201);
    const report = (await res.json()) as ImportReport;
    expect(report).toMatchObject({ dryRun: false, stored: 3, notApplied: 0 });
    expect(report.points).toBe(dry.points);
    const item = (await t.server.repos.workItems.findByKey('alarm:nms:H1'))?.item;
    expect(item?.status).toBe('cleared');
    expect(item?.customersAffected).toBe(1200);
    expect(item?.title).toBe('LinkDown, north ring');
    expect((await t.server.repos.ledger.recentForPerson('p-eng', 10)).length).toBeGreaterThan(0);
    const again = (await (await post(CSV, 'text/csv', false)).json()) as ImportReport;
    expect(again).toMatchObject({ stored: 0, duplicates: 3, points: 0 });
  });

  it('reads JSON lines, naming bad lines', async () => {
    const lines = [
      JSON.stringify({ source: 'bss', stream: 'order', externalKey: 'O1', transition: 'acknowledged', occurredAt: '2026-09-02T08:00:00Z', attributes: { priority: 1 } }),
      '{not json',
      JSON.stringify({ source: 'bss', stream: 'order', externalKey: 'O1', transition: 'completed', occurredAt: '2026-09-02T12:00:00Z', actor: 'eng' }),
    ].join('\n');
    const report = (await (await post(lines, 'application/x-ndjson', true)).json()) as ImportReport;
    expect(report).toMatchObject({ valid: 2, stored: 2 });
    expect(report.rejected).toEqual([{ line: 2, reason: 'not valid JSON' }]);
  });

  it('refuses other content types (415), missing keys (401) and bad flags (400)', async () => {
    expect((await post('{}', 'application/json', true)).status).toBe(415);
    expect((await post(CSV, 'text/csv', true, 'nope-nope-nope-nope')).status).toBe(401);
    expect((await fetch(`${t.url}/api/import?dryRun=maybe`, { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${TEST_API_KEY}` }, body: CSV })).status).toBe(400);
  });
});
