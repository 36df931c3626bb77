import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { CommitPipeline } from './commit-pipeline';
import { emptyLiveBatch } from '../use-cases/score-writer';

describe('the commit pipeline', () => {
  it('runs its stages in the declared order, whatever order they were attached in; observers last', async () => {
    const pipeline = new CommitPipeline();
    const ran: string[] = [];
    pipeline.observe(() => ran.push('observer'));
    pipeline.after('webhooks', () => ran.push('webhooks'));
    pipeline.after('live', () => ran.push('live'));
    pipeline.after('ranks', () => ran.push('ranks'));
    pipeline.during('outbox', () => ran.push('outbox'));
    pipeline.during('missions', () => ran.push('missions'));
    await pipeline.runInTransaction(emptyLiveBatch(), 0);
    await pipeline.runAfterCommit(emptyLiveBatch());
    expect(ran).toEqual(['missions', 'outbox', 'ranks', 'live', 'webhooks', 'observer']);
  });

  it('refuses a stage attached twice', () => {
    const pipeline = new CommitPipeline();
    pipeline.after('live', () => undefined);
    expect(() => pipeline.after('live', () => undefined)).toThrow(/live is already attached/);
  });

  describe('in a running server', () => {
    let t: TestServer;
    beforeAll(async () => {
      t = await startTestServer();
    });
    afterAll(async () => {
      await t.close();
    });

    it('has every stage attached', () => {
      expect(t.server.services.ingest.pipeline.attached()).toEqual({ inTransaction: ['missions', 'outbox'], afterCommit: ['ranks', 'live', 'webhooks'] });
    });
  });
});
