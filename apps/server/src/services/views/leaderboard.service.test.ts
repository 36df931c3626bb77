import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowKeys } from '@opsquest/core';
import { startTestServer, type TestServer } from '../../../test-support/test-server';

describe('leaderboard around me', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
    const week = windowKeys(Date.now(), 'UTC').week;
    // 30 subjects with distinct points (300, 290, ... 10) and a tie at 150.
    for (let i = 0; i < 30; i += 1) await t.server.repos.leaderboard.addPoints('individual', 'week', week, `s${String(i).padStart(2, '0')}`, 300 - i * 10);
    await t.server.repos.leaderboard.addPoints('individual', 'week', week, 'p-eng', 150);
    // written straight to the aggregates, past the ingest path: the in-memory boards reload
    t.server.services.ranks.clear();
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns my neighbours in board order with competition ranks', async () => {
    const view = await t.server.services.leaderboard.get('individual', 'week', 5, { id: 'p-eng', role: 'engineer', teamId: 't-noc' }, 3, { league: 'all' });
    expect(view.entries.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
    expect(view.me).toMatchObject({ id: 'p-eng', points: 150, rank: 16 });
    const around = view.around ?? [];
    expect(around.map((e) => e.points)).toEqual([180, 170, 160, 150, 150, 140, 130]);
    // p-eng sorts before s15 (same points) by id; both share rank 16.
    expect(around.map((e) => e.id)).toEqual(['s12', 's13', 's14', 'p-eng', 's15', 's16', 's17']);
    expect(around.map((e) => e.rank)).toEqual([13, 14, 15, 16, 16, 18, 19]);
    expect(view.total).toBe(31);
  });

  it('is cut at the top and bottom of the board', async () => {
    const board = await t.server.services.ranks.board('individual', 'week', windowKeys(Date.now(), 'UTC').week);
    const top = board.around('s00', 3);
    expect(top.map((s) => s.subjectId)).toEqual(['s00', 's01', 's02', 's03']);
    const bottom = board.around('s29', 2);
    expect(bottom.map((s) => s.subjectId)).toEqual(['s27', 's28', 's29']);
  });

  it('gives no neighbours to someone not on the board', async () => {
    const view = await t.server.services.leaderboard.get('individual', 'week', 5, { id: 'p-tech', role: 'technician', teamId: 't-field' }, 3, { league: 'all' });
    expect(view.me).toBeUndefined();
    expect(view.around).toEqual([]);
  });
});
