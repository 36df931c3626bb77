import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itemKeyOf, type OpsEvent } from '@opsquest/core';
import { startTestServer, type TestServer } from '../../../test-support/test-server';

/**
 * A work item's updatedAt orders its versions for the live tick and the web's cache (the later one
 * wins), so it is stamped when the batch is decided with the item's keys held, not when the request
 * arrived: a batch received earlier but committed later must still be the newer version.
 */
describe('work item updatedAt', () => {
  let t: TestServer;
  // a clock that moves 1 ms every time it is read: the decision reads it after the request's arrival
  let clock = Date.now();
  beforeAll(async () => {
    t = await startTestServer({ now: () => (clock += 1) });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is the time the batch was decided, after the time it was received', async () => {
    const event: OpsEvent = {
      source: 'nms',
      stream: 'alarm',
      externalKey: 'updated-at-1',
      transition: 'raised',
      occurredAt: new Date(clock - 60_000).toISOString(),
      attributes: { perceivedSeverity: 'major', title: 'updatedAt' },
    };
    const [outcome] = await t.server.services.ingest.ingest([{ event, via: 'api' }]);
    expect(outcome?.status).toBe('stored');
    const receivedAt = Number(t.server.db.prepare('SELECT received_at FROM events WHERE external_key = ?').pluck().get('updated-at-1'));
    const stored = await t.server.repos.workItems.findByKey(itemKeyOf(event));
    expect(stored?.updatedAt).toBeGreaterThan(receivedAt);
    expect(stored?.updatedAt).toBeLessThanOrEqual(clock);
  });
});
