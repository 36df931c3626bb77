import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOWS, windowKeys, type OpsEvent } from '@opsquest/core';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { conflict } from '../../http/errors';

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

/** The SQL aggregates of one board in board order: what the in-memory index must equal. */
async function sqlBoard(t: TestServer, scope: 'individual' | 'team', window: (typeof WINDOWS)[number], role?: string): Promise<{ subjectId: string; points: number }[]> {
  const period = windowKeys(Date.now(), 'UTC')[window];
  const rows = role ? (await t.server.repos.leaderboard.individuals(window, period, role)).map((r) => ({ subjectId: r.subjectId, points: r.points })) : await t.server.repos.leaderboard.standings(scope, window, period);
  return rows.sort((a, b) => b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
}

describe('in-memory rank indexes of the leaderboards', () => {
  let t: TestServer;
  const alarm = (id: string, transition: OpsEvent['transition'], at: string, actor?: string): OpsEvent => ({
    source: 'nms',
    stream: 'alarm',
    externalKey: id,
    transition,
    occurredAt: at,
    ...(actor ? { actor } : {}),
    attributes: { perceivedSeverity: 'major', title: `alarm ${id}` },
  });
  const ingest = (events: OpsEvent[]) => t.server.services.ingest.ingest(events.map((event) => ({ event, via: 'api' })));
  const everyBoardMatches = async (): Promise<void> => {
    for (const window of WINDOWS) {
      const period = windowKeys(Date.now(), 'UTC')[window];
      for (const scope of ['individual', 'team'] as const) expect((await t.server.services.ranks.board(scope, window, period)).entries(), `${scope} ${window}`).toEqual(await sqlBoard(t, scope, window));
      for (const role of ['engineer', 'technician']) expect((await t.server.services.ranks.board('individual', window, period, role)).entries(), `${role} ${window}`).toEqual(await sqlBoard(t, 'individual', window, role));
    }
  };

  beforeAll(async () => {
    t = await startTestServer();
    await ingest([alarm('a1', 'raised', minutesAgo(90)), alarm('a1', 'acknowledged', minutesAgo(85), 'eng'), alarm('a1', 'cleared', minutesAgo(80), 'eng')]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('follow every committed change after the first read loads them, reversals and side awards included', async () => {
    await everyBoardMatches();
    // more work, a flap that reverses a clear, and kudos (a side award) after the boards are in memory
    await ingest([alarm('a2', 'raised', minutesAgo(60)), alarm('a2', 'acknowledged', minutesAgo(58), 'eng2'), alarm('a2', 'cleared', minutesAgo(50), 'eng2')]);
    await ingest([alarm('a2', 'raised', minutesAgo(45))]);
    await ingest([alarm('a3', 'raised', minutesAgo(30)), alarm('a3', 'acknowledged', minutesAgo(29), 'eng'), alarm('a3', 'commented', minutesAgo(20), 'eng')]);
    await t.server.services.kudos.give({ kind: 'person', id: 'p-eng2', username: 'eng2', displayName: 'Ed Engineer', role: 'engineer', teamId: 't-noc' }, { toPersonId: 'p-eng', message: 'thanks for the handover' });
    expect((await sqlBoard(t, 'individual', 'all')).length).toBeGreaterThan(1);
    await everyBoardMatches();
  });

  it('never show what a rolled-back transaction wrote', async () => {
    const before = (await t.server.services.ranks.board('individual', 'all', 'all')).entries();
    await expect(
      t.server.services.ingest.commitSide(async (live, now) => {
        await t.server.services.ingest.scores.awardSide({ kind: 'adjustment', key: 'rolled-back', personId: 'p-eng', points: 500, ruleId: 'adjustment', ruleVersion: 1, reason: 'test', at: now }, live);
        throw conflict('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect((await t.server.services.ranks.board('individual', 'all', 'all')).entries()).toEqual(before);
    await everyBoardMatches();
  });
});
