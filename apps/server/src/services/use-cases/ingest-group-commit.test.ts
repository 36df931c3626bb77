import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpsEvent } from '@opsquest/core';
import { postEvents, startTestServer, type TestServer } from '../../../test-support/test-server';

const raised = (id: string, minutesAgo = 5): OpsEvent => ({
  source: 'nms',
  stream: 'alarm',
  externalKey: id,
  transition: 'raised',
  occurredAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  attributes: { perceivedSeverity: 'major', title: `alarm ${id}` },
});

describe('group commit of ingest requests', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('commits the requests of one turn together and answers each with its own outcomes', async () => {
    const ingest = t.server.services.ingest;
    const before = { ...ingest.groupStats };
    const shared = raised('gc-shared');
    const answers = await Promise.all([
      ingest.ingestGrouped([{ event: raised('gc-1'), via: 'api' }, { event: shared, via: 'api' }]),
      ingest.ingestGrouped([{ event: raised('gc-2'), via: 'api' }]),
      // the same event as the first request's second: stored once, a duplicate here
      ingest.ingestGrouped([{ event: shared, via: 'api' }, { event: raised('gc-3'), via: 'api' }]),
    ]);
    expect(ingest.groupStats.commits - before.commits).toBe(1);
    expect(ingest.groupStats.requests - before.requests).toBe(3);
    expect(answers.map((a) => a.map((o) => o.status))).toEqual([['stored', 'stored'], ['stored'], ['duplicate', 'stored']]);
    expect(answers[0]?.[1]?.eventKey).toBe(answers[2]?.[0]?.eventKey);
    expect(await t.server.repos.events.count()).toBe(4);
  });

  it('one failing request does not fail the others of its group', async () => {
    const ingest = t.server.services.ingest;
    const poison = { ...raised('gc-poison'), externalKey: 'gc-poison' };
    // an event the store cannot take: a payload that cannot be serialised makes its transaction throw
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const bad = { ...poison, attributes: { ...poison.attributes, title: 'bad', extra: cyclic } } as unknown as OpsEvent;
    const results = await Promise.allSettled([ingest.ingestGrouped([{ event: raised('gc-ok-1'), via: 'api' }]), ingest.ingestGrouped([{ event: bad, via: 'api' }]), ingest.ingestGrouped([{ event: raised('gc-ok-2'), via: 'api' }])]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const keys = (t.server.db.prepare("SELECT external_key FROM events WHERE external_key LIKE 'gc-%' ORDER BY seq").pluck().all() as string[]).filter((k) => k.startsWith('gc-ok') || k === 'gc-poison');
    expect(keys).toEqual(['gc-ok-1', 'gc-ok-2']);
  });

  it('concurrent HTTP requests are all acknowledged after their commit and stored exactly once', async () => {
    const events = Array.from({ length: 24 }, (_, i) => raised(`gc-http-${i}`, 3));
    const responses = await Promise.all(events.map((e) => postEvents(t.url, e)));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 201));
    expect(Number(t.server.db.prepare("SELECT count(*) FROM events WHERE external_key LIKE 'gc-http-%'").pluck().get())).toBe(24);
    // a retry of all of them: duplicates, nothing new
    const retries = await Promise.all(events.map((e) => postEvents(t.url, e)));
    expect(retries.map((r) => r.status)).toEqual(Array.from({ length: 24 }, () => 200));
    expect(Number(t.server.db.prepare("SELECT count(*) FROM events WHERE external_key LIKE 'gc-http-%'").pluck().get())).toBe(24);
  });
});
