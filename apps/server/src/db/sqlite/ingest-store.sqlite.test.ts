import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents, startTestServer, type TestServer } from '../../../test-support/test-server';

/**
 * The SQLite ingest port loads a batch's state with set-based queries and writes it with multi-row
 * statements. Keys that SQLite reads back differently from how they were sent (a lone UTF-16
 * surrogate is stored as its own bytes and read back as U+FFFD) must still map to the right rows:
 * two keys that differ only in such a character are two items and two events, and a resend is a duplicate.
 */
describe('the SQLite ingest port maps loaded rows back to the keys asked', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  const raised = (externalKey: string, eventId: string): Record<string, unknown> => ({
    source: 'nms',
    stream: 'alarm',
    externalKey,
    transition: 'raised',
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
    eventId,
    attributes: { title: 'LinkDown', perceivedSeverity: 'major' },
  });

  it('keeps keys that differ only in a lone surrogate apart, and dedupes each on resend', async () => {
    const batch = [raised('odd-\udbf6', 'ev-\udc86'), raised('odd-\udbf7', 'ev-\udc87'), raised('odd-plain', 'ev-plain')];
    const first = await postEvents(t.url, batch);
    expect(first.status).toBe(201);
    expect(((await first.json()) as { stored: number }).stored).toBe(3);
    const again = await postEvents(t.url, batch);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { duplicates: number }).duplicates).toBe(3);
    const rows = t.server.db.prepare("SELECT id FROM work_items WHERE item_key LIKE 'alarm:nms:odd-%'").all();
    expect(rows).toHaveLength(3);
  });

  it('writes each item once per batch and reports its store id', async () => {
    const key = `batch-${Date.now()}`;
    const at = (min: number): string => new Date(Date.now() - min * 60_000).toISOString();
    const res = await postEvents(t.url, [
      { ...raised(key, `${key}-r`), occurredAt: at(10) },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'acknowledged', occurredAt: at(9), actor: 'eng', eventId: `${key}-a` },
      { source: 'nms', stream: 'alarm', externalKey: key, transition: 'cleared', occurredAt: at(8), actor: 'eng', eventId: `${key}-c` },
    ]);
    expect(res.status).toBe(201);
    const item = await t.server.repos.workItems.findByKey(`alarm:nms:${key}`);
    expect(item?.item.status).toBe('cleared');
    expect(item?.item.eventCount).toBe(3);
  });
});
