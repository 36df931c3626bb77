/** What B4 measures inside the server process: memory, sessions, and the cost of each broadcast. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { SESSION_COOKIE, type WorkItemView } from '@opsquest/contracts';
import type { OpsQuestServer } from '../../apps/server/src/app';
import { SESSION_TTL_MS } from '../../apps/server/src/services/use-cases/auth.service';
import { newToken, sha256 } from '../../apps/server/src/security/tokens';

let gcFn: (() => void) | undefined;
export function gc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc');
    gcFn = runInNewContext('gc') as () => void;
  }
  gcFn();
  gcFn();
}

export interface Memory {
  rssMb: number;
  heapMb: number;
  externalMb: number;
}

export async function settledMemory(): Promise<Memory> {
  await new Promise((r) => setTimeout(r, 500));
  gc();
  const m = process.memoryUsage();
  return { rssMb: m.rss / 2 ** 20, heapMb: m.heapUsed / 2 ** 20, externalMb: (m.external + m.arrayBuffers) / 2 ** 20 };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Session cookies for every person, written straight into the sessions table (the same rows a login makes). */
export function sessionCookies(server: OpsQuestServer, personIds: readonly string[]): { personId: string; cookie: string }[] {
  const now = Date.now();
  const out: { personId: string; cookie: string }[] = [];
  const insert = server.db.prepare('INSERT INTO sessions (token_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  server.db.transaction(() => {
    for (const personId of personIds) {
      const token = newToken();
      insert.run(sha256(token), personId, now, now + SESSION_TTL_MS);
      out.push({ personId, cookie: `${SESSION_COOKIE}=${token}` });
    }
  })();
  return out;
}

export interface BroadcastCost {
  count: number;
  /** wall and CPU ms inside io.to('global').emit('workItem:changed') (encoding once, writing to every socket) */
  wallMsPerBroadcast: number;
  cpuMsPerBroadcast: number;
  maxWallMs: number;
  /** share of a core */
  cpuPct: number;
}

/**
 * Times the server's `workItem:changed` broadcasts by wrapping `io.to` on this server instance (the
 * server code is unchanged): wall and CPU time of each emit to the global room, which encodes the
 * packet once and writes the frame to every socket.
 */
export function timeGlobalBroadcasts(server: OpsQuestServer, onSent: (items: readonly WorkItemView[], at: number) => void): { stop(): void; result(runMs: number): BroadcastCost } {
  const io = server.io;
  const originalTo = io.to;
  let active = true;
  let count = 0;
  let wall = 0;
  let cpu = 0;
  let maxWall = 0;
  io.to = ((room: Parameters<typeof originalTo>[0]) => {
    const op = originalTo.call(io, room);
    if (room !== 'global') return op;
    const emit = op.emit.bind(op) as (ev: string, ...args: unknown[]) => boolean;
    const timed = (ev: string, ...args: unknown[]): boolean => {
      if (!active || ev !== 'workItem:changed') return emit(ev, ...args);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const sentOk = emit(ev, ...args);
      const c = process.cpuUsage(c0);
      const ms = performance.now() - t0;
      count += 1;
      wall += ms;
      cpu += (c.user + c.system) / 1000;
      if (ms > maxWall) maxWall = ms;
      const payload = args[0] as { items?: WorkItemView[] } | undefined;
      onSent(payload?.items ?? [], Date.now());
      return sentOk;
    };
    op.emit = timed as typeof op.emit;
    return op;
  }) as typeof originalTo;
  return {
    stop: () => {
      active = false;
      io.to = originalTo;
    },
    result: (runMs) => ({ count, wallMsPerBroadcast: wall / Math.max(1, count), cpuMsPerBroadcast: cpu / Math.max(1, count), maxWallMs: maxWall, cpuPct: (cpu / runMs) * 100 }),
  };
}
