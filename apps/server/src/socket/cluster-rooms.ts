import { randomUUID } from 'node:crypto';
import type { LiveServer } from './socket-server';

export interface ClusterRoomsOptions {
  /** a node's rooms reach the others this long after they change at most (changes come in bursts: many sockets connect at once) */
  announceDelayMs?: number;
  /** every node says which rooms it has this often, so one that missed a change or restarted catches up */
  refreshMs?: number;
  /** for up to this long after start everything counts as heard, until every other node has told its rooms */
  graceMs?: number;
  now?: () => number;
}

/**
 * Which rooms have sockets on the other nodes of a cluster, so a node builds and relays a live
 * message only where someone listens (a storm at night with no screen open costs nothing). Each
 * node tells the others its rooms (through socket.io's adapter) shortly after they change and
 * then every `refreshMs`; a node not heard from for three refreshes is forgotten (it died). Rooms of
 * single sockets (their ids) are not told: the live hub never sends to them.
 */
export class ClusterRooms {
  readonly node = randomUUID();
  private readonly others = new Map<string, { rooms: ReadonlySet<string>; seenAt: number }>();
  private readonly announceDelayMs: number;
  private readonly refreshMs: number;
  private readonly graceUntil: number;
  private readonly now: () => number;
  private pendingAnnounce: NodeJS.Timeout | undefined;
  private readonly refresh: NodeJS.Timeout;
  private stopped = false;
  /** how many nodes the adapter's heartbeats know of (this one too); unknown until it first answers */
  private nodes = Number.POSITIVE_INFINITY;

  constructor(
    private readonly io: LiveServer,
    options: ClusterRoomsOptions = {},
  ) {
    this.announceDelayMs = options.announceDelayMs ?? 20;
    this.refreshMs = options.refreshMs ?? 15_000;
    this.now = options.now ?? Date.now;
    this.graceUntil = this.now() + (options.graceMs ?? 5_000);
    const adapter = io.of('/').adapter;
    const changed = (): void => this.scheduleAnnounce();
    adapter.on('create-room', changed);
    adapter.on('delete-room', changed);
    io.on('rooms:heard', (node, list) => {
      if (node !== this.node) this.others.set(node, { rooms: new Set(list), seenAt: this.now() });
    });
    io.on('rooms:ask', () => this.announce());
    this.refresh = setInterval(() => this.announce(), this.refreshMs);
    this.refresh.unref();
    this.announce();
    io.serverSideEmit('rooms:ask');
  }

  /** Whether a socket on another node is in this room (or this node cannot know yet). */
  heard(room: string): boolean {
    const now = this.now();
    if (now < this.graceUntil && this.others.size + 1 < this.nodes) return true;
    for (const [node, other] of this.others) {
      if (now - other.seenAt > 3 * this.refreshMs) {
        this.others.delete(node);
        continue;
      }
      if (other.rooms.has(room)) return true;
    }
    return false;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.refresh);
    if (this.pendingAnnounce) clearTimeout(this.pendingAnnounce);
  }

  private scheduleAnnounce(): void {
    if (this.stopped) return;
    this.pendingAnnounce ??= setTimeout(() => {
      this.pendingAnnounce = undefined;
      this.announce();
    }, this.announceDelayMs);
  }

  private announce(): void {
    if (this.stopped) return;
    const adapter = this.io.of('/').adapter;
    void adapter.serverCount().then((n) => (this.nodes = n));
    const list: string[] = [];
    for (const [room, sockets] of adapter.rooms) if (sockets.size > 0 && !adapter.sids.has(room)) list.push(room);
    this.io.serverSideEmit('rooms:heard', this.node, list);
  }
}
