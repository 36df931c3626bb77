import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, WorkItemView } from '@opsquest/contracts';
import { login, postEvents, startTestServer, type TestServer } from '../test-support/test-server';
import { requestHeaders } from '../test-support/http';

describe('the whole loop over real HTTP and socket.io', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t.close();
  });

  it('turns an ingested alarm, a console acknowledge and clear into points that arrive live', async () => {
    const raisedAt = new Date(Date.now() - 60_000).toISOString();
    const res = await postEvents(t.url, {
      source: 'nms',
      stream: 'alarm',
      externalKey: 'A-1',
      transition: 'raised',
      occurredAt: raisedAt,
      attributes: { perceivedSeverity: 'critical', title: 'LinkDown on X', serviceAffecting: true, customersAffected: 1200 },
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ stored: 1, duplicates: 0 });

    const cookie = await login(t.url, 'eng');
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(t.url, { extraHeaders: { cookie }, transports: ['websocket'] });
    await new Promise<void>((resolve, reject) => {
      socket.on('connect', () => resolve());
      socket.on('connect_error', reject);
    });
    const awarded = new Promise<{ entries: { points: number; ruleId: string }[] }>((resolve) => socket.on('points:awarded', resolve));
    const boardChanged = new Promise<unknown>((resolve) => socket.on('leaderboard:changed', resolve));

    const list = (await (await fetch(`${t.url}/api/work-items?stream=alarm`, { headers: { cookie } })).json()) as { items: WorkItemView[] };
    const alarm = list.items.find((i) => i.externalKey === 'A-1');
    expect(alarm?.severity).toBe('critical');

    const act = (action: string) =>
      fetch(`${t.url}/api/work-items/${alarm?.id}/actions`, { method: 'POST', headers: requestHeaders({ cookie }, { 'content-type': 'application/json' }), body: JSON.stringify({ action }) });
    const ack = await act('acknowledge');
    expect(ack.status).toBe(200);
    const clear = await act('clear');
    expect(clear.status).toBe(200);
    const cleared = (await clear.json()) as { awarded: { ruleId: string; points: number }[]; item: WorkItemView };
    expect(cleared.item.status).toBe('cleared');
    expect(cleared.awarded.find((e) => e.ruleId === 'alarm.clear')?.points).toBeGreaterThan(20);

    const live = await awarded;
    expect(live.entries.length).toBeGreaterThan(0);
    await boardChanged;
    const board = (await (await fetch(`${t.url}/api/leaderboard?scope=individual&window=day`, { headers: { cookie } })).json()) as { entries: { id: string; rank: number; points: number }[] };
    expect(board.entries[0]).toMatchObject({ id: 'p-eng', rank: 1 });
    const me = (await (await fetch(`${t.url}/api/me`, { headers: { cookie } })).json()) as { points: number; streak: { current: number } };
    expect(me.points).toBe(board.entries[0]?.points);
    // the first scored action starts a streak on a working day (Monday to Friday by default); a day off neither starts nor breaks one
    const isoWeekday = ((new Date().getUTCDay() + 6) % 7) + 1;
    expect(me.streak.current).toBe(isoWeekday <= 5 ? 1 : 0);

    // Clearing again is a conflict, and nothing is stored.
    const again = await act('clear');
    expect(again.status).toBe(409);
    socket.close();
  });
});
