import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOWS, windowKeys, type OpsEvent } from '@opsquest/core';
import { startTestServer, type TestServer } from '../../../test-support/test-server';
import { conflict } from '../../http/errors';

const minutesAgo = (m: number): string => new Date(Date.now() - m * 60_000).toISOString();

/** The SQL aggregates of one board in board order: what the in-memory index must equal. */
function sqlBoard(t: TestServer, scope: 'individual' | 'team', window: (typeof WINDOWS)[number], role?: string): { subjectId: string; points: number }[] {
  const period = windowKeys(Date.now(), 'UTC')[window];
  const rows = role ? t.server.repos.leaderboard.individuals(window, period, role).map((r) => ({ subjectId: r.subjectId, points: r.points })) : t.server.repos.leaderboard.standings(scope, window, period);
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
  const everyBoardMatches = (): void => {
    for (const window of WINDOWS) {
      const period = windowKeys(Date.now(), 'UTC')[window];
      for (const scope of ['individual', 'team'] as const) expect(t.server.services.ranks.board(scope, window, period).entries(), `${scope} ${window}`).toEqual(sqlBoard(t, scope, window));
      for (const role of ['engineer', 'technician']) expect(t.server.services.ranks.board('individual', window, period, role).entries(), `${role} ${window}`).toEqual(sqlBoard(t, 'individual', window, role));
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
    everyBoardMatches();
    // more work, a flap that reverses a clear, and kudos (a side award) after the boards are in memory
    await ingest([alarm('a2', 'raised', minutesAgo(60)), alarm('a2', 'acknowledged', minutesAgo(58), 'eng2'), alarm('a2', 'cleared', minutesAgo(50), 'eng2')]);
    await ingest([alarm('a2', 'raised', minutesAgo(45))]);
    await ingest([alarm('a3', 'raised', minutesAgo(30)), alarm('a3', 'acknowledged', minutesAgo(29), 'eng'), alarm('a3', 'commented', minutesAgo(20), 'eng')]);
    t.server.services.kudos.give({ kind: 'person', id: 'p-eng2', username: 'eng2', displayName: 'Ed Engineer', role: 'engineer', teamId: 't-noc' }, { toPersonId: 'p-eng', message: 'thanks for the handover' });
    expect(sqlBoard(t, 'individual', 'all').length).toBeGreaterThan(1);
    everyBoardMatches();
  });

  it('never show what a rolled-back transaction wrote', () => {
    const before = t.server.services.ranks.board('individual', 'all', 'all').entries();
    expect(() =>
      t.server.services.ingest.commitSide((live, now) => {
        t.server.services.ingest.scores.awardSide({ kind: 'adjustment', key: 'rolled-back', personId: 'p-eng', points: 500, ruleId: 'adjustment', ruleVersion: 1, reason: 'test', at: now }, live);
        throw conflict('changed my mind');
      }),
    ).toThrow('changed my mind');
    expect(t.server.services.ranks.board('individual', 'all', 'all').entries()).toEqual(before);
    everyBoardMatches();
  });
});
