import { createAdapter } from '@socket.io/postgres-adapter';
import type { Persistence } from '../db/open-persistence';
import type { PgClient, PgPool } from '../db/postgres/pool.postgres';
import type { Logger } from '../logger';
import type { Services } from '../services';
import type { LiveHub } from '../services/live/live-hub.service';
import type { LiveMessage } from '../services/live/live.types';
import type { ChangedBoard } from './cluster-events';
import { ClusterRooms } from './cluster-rooms';
import { packLiveMessages, unpackLiveMessages } from './packed-messages';
import type { LiveServer } from './socket-server';

/**
 * The pool as the socket.io adapter gets it: the connection it holds for LISTEN is given back to the
 * pool (dropped) when PostgreSQL ends it. The adapter forgets that connection and takes a new one,
 * but never releases the old one, so each database restart would keep one pool slot forever (and
 * the pool could never end).
 */
function releasingEndedClients(pool: PgPool): PgPool {
  const connect = async (): Promise<PgClient> => {
    const client = await pool.connect();
    // the adapter removes its own 'end' listeners (this one too) before it releases a live connection
    client.once('end', () => {
      try {
        client.release(true);
      } catch {
        // already given back
      }
    });
    return client;
  };
  // every other member is the pool's own, called on the pool
  return new Proxy(pool, {
    get(target, key) {
      if (key === 'connect') return connect;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The table @socket.io/postgres-adapter keeps packets in that are too large for a NOTIFY (db/postgres/migrations/015). */
export const SOCKET_ATTACHMENTS_TABLE = 'socket_io_attachments';

/**
 * Makes the nodes sharing one PostgreSQL database behave as one: socket.io rooms span every node
 * (an award committed on node A reaches a browser connected to node B; a logout on B closes the
 * session's sockets on A), and each node tells the others what to reload: the rule set and
 * approved badges when they change, the boards a committed batch changed. On SQLite (one node)
 * nothing changes.
 */
export function joinCluster(io: LiveServer, persistence: Persistence, services: Services, hub: LiveHub, log: Logger, graceMs?: number): { stop(): void } | undefined {
  if (persistence.engine !== 'postgres') return undefined;
  io.adapter(
    createAdapter(releasingEndedClients(persistence.pool), {
      tableName: SOCKET_ATTACHMENTS_TABLE,
      errorHandler: (err: Error) => log.warn({ err: { message: err.message } }, 'socket.io cluster adapter: PostgreSQL error (it reconnects)'),
    }),
  );
  const fail = (what: string) => (err: unknown) => log.error({ err }, `cluster: reloading ${what} failed`);
  io.on('rules:changed', () => void services.rules.reload().catch(fail('the rule set')));
  io.on('badges:changed', () => void services.proposals.loadCustomBadges().catch(fail('the approved badges')));
  io.on('boards:changed', (boards) => services.ranks.forget(boards));
  // a live tick travels as one message to every node, which hands it to its own sockets; only
  // messages for rooms with sockets on another node are built and sent (cluster-rooms.ts)
  const rooms = new ClusterRooms(io, graceMs !== undefined ? { graceMs } : {});
  const adapter = io.of('/').adapter;
  hub.relayTo({
    heard: (room) => rooms.heard(room),
    // not sent while this node knows of no other (the adapter's heartbeats tell it)
    send: (messages) => {
      void adapter.serverCount().then((nodes) => {
        if (nodes > 1) io.serverSideEmit('live:messages', packLiveMessages(messages));
      });
    },
  });
  io.on('live:messages', (packed) => {
    let messages: LiveMessage[];
    try {
      messages = unpackLiveMessages(packed);
    } catch (err) {
      log.warn({ err: { message: err instanceof Error ? err.message : String(err) } }, 'cluster: a live tick from another node could not be read');
      return;
    }
    hub.deliver(messages);
  });
  services.rulebook.announceTo((change) => io.serverSideEmit(change === 'rules' ? 'rules:changed' : 'badges:changed'));
  services.ingest.pipeline.after('cluster', (batch) => {
    const boards = new Map<string, ChangedBoard>();
    for (const d of batch.boards.values()) boards.set(`${d.scope}|${d.window}|${d.period}`, { scope: d.scope, window: d.window, period: d.period });
    if (boards.size > 0) io.serverSideEmit('boards:changed', [...boards.values()]);
  });
  return rooms;
}
