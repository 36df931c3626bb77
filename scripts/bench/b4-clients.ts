/**
 * B4's clients, in their own process so their work does not land on the server's event loop:
 * N real socket.io-client connections (websocket transport, each with its person's session
 * cookie). Each client records when every `workItem:changed` and `points:awarded` message
 * arrived; the parent (b4-fanout.ts) turns arrival times into latencies, because only it knows
 * when each event was ingested.
 *
 * Every client is in the global room, so every client gets the same `workItem:changed`
 * broadcasts: the item lists are kept once per distinct message (keyed by its first item's id
 * and version and its length) and each client keeps only (message index, arrival) pairs.
 *
 * One process cannot JSON-parse a 1,000-fold fan-out (1,000 clients × tens of KB per tick), and if
 * it falls behind, TCP back-pressure makes the server look slow. So only the first `fullClients`
 * clients parse everything; the others are still real socket.io-client connections (same
 * handshake, transport, engine.io framing, every packet received and decoded) but their parser
 * does not decode the large `workItem:changed` frame into a string nor JSON.parse it: it reads the
 * first 4 KB for the event name and the first item's id and version, which name the broadcast (a
 * version is in exactly one tick's message). Every other frame is decoded and parsed in full by
 * every client.
 *
 * Driven over the IPC channel of `fork()`; not meant to be run by hand.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { NodeWebSocket } from 'engine.io-client';
import { io as connect, type Socket } from 'socket.io-client';
import type { RawData, WebSocket as WsSocket } from 'ws';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import type { ClientToServerEvents, ServerToClientEvents } from '@opsquest/contracts';

const LIGHT_EVENT = 'b4:workItem:changed';
const WORK_ITEM_PREFIX = '2["workItem:changed",';
/** engine.io message packet ('4') carrying a socket.io event: how a workItem:changed frame starts */
const FRAME_PREFIX = Buffer.from(`4${WORK_ITEM_PREFIX}`);
/** what the light transport hands the light decoder instead of a big frame: marker, byte length, head */
const LIGHT_MARK = '\u0000b4-light:';
const HEAD_BYTES = 4096;

interface LightPayload {
  /** the first item's id and version (its updatedAt), or null for an empty list */
  first: { id: number; updatedAt: string } | null;
  bytes: number;
}

interface ClientEvents extends ServerToClientEvents {
  [LIGHT_EVENT]: (payload: LightPayload) => void;
}

type LiveSocket = Socket<ClientEvents, ClientToServerEvents>;

/** socket.io's own decoder, except for the light transport's stand-in for a workItem:changed frame. */
class LightDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && obj.startsWith(LIGHT_MARK)) {
      const colon = obj.indexOf(':', LIGHT_MARK.length);
      const bytes = Number(obj.slice(LIGHT_MARK.length, colon));
      const head = obj.slice(colon + 1);
      const id = /"id":(\d+)/.exec(head)?.[1];
      const updatedAt = /"updatedAt":"([^"]+)"/.exec(head)?.[1];
      const payload: LightPayload = { first: id !== undefined && updatedAt !== undefined ? { id: Number(id), updatedAt } : null, bytes };
      this.emitReserved('decoded', { type: PacketType.EVENT, nsp: '/', data: [LIGHT_EVENT, payload] });
      return;
    }
    super.add(obj);
  }
}

/**
 * engine.io-client's Node websocket transport, except that a text frame holding a workItem:changed
 * event is not decoded to a string: only its first 4 KB are, behind a marker for LightDecoder.
 * (engine.io-client listens through `onmessage`, where `ws` would decode every frame.)
 */
class LightWebSocket extends NodeWebSocket {
  override createSocket(uri: string, protocols: string | string[] | undefined, opts: Record<string, unknown>): WsSocket {
    const socket = super.createSocket(uri, protocols, opts) as WsSocket;
    Object.defineProperty(socket, 'onmessage', {
      configurable: true,
      set(listener: (event: { data: string | Buffer }) => void) {
        socket.on('message', (data: RawData, isBinary: boolean) => {
          const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
          if (isBinary) listener({ data: buffer });
          else if (buffer.length > HEAD_BYTES && buffer.subarray(0, FRAME_PREFIX.length).equals(FRAME_PREFIX)) {
            listener({ data: `4${LIGHT_MARK}${buffer.length - FRAME_PREFIX.length - 1}:${buffer.toString('utf8', 1, HEAD_BYTES)}` });
          } else listener({ data: buffer.toString('utf8') });
        });
      },
    });
    return socket;
  }
}

const lightParser = { Encoder, Decoder: LightDecoder };

export interface ClientsStart {
  type: 'start';
  url: string;
  clients: { personId: string; cookie: string }[];
  /** connections opened at once while connecting */
  concurrency: number;
  /** how many clients (the first ones) parse every message in full */
  fullClients: number;
}

export type ToClients = ClientsStart | { type: 'progress' } | { type: 'stop' };

/** One distinct `workItem:changed` broadcast: its items as [id, updatedAt ms] pairs (null: no full client got it). */
export interface DistinctMessage {
  items: [number, number][] | null;
  /** size of the payload as JSON (measured on the first client that got it) */
  bytes: number;
}

export interface ClientRecord {
  personId: string;
  full: boolean;
  connected: boolean;
  /** disconnects after connecting (none expected) */
  disconnects: number;
  /** flat pairs: [index into `messages`, arrival ms, …] */
  workItems: number[];
  /** `points:awarded` messages: arrival ms, the person they were for, their ledger entry ids */
  points: { at: number; personId: string; entryIds: string[] }[];
  /** counts of every other message type */
  other: Record<string, number>;
}

export type FromClients =
  | { type: 'connected'; connected: number; failed: number; errors: string[]; ms: number }
  | { type: 'progress'; received: number }
  | {
      type: 'result';
      messages: DistinctMessage[];
      clients: ClientRecord[];
      loopDelayP99Ms: number;
      loopDelayMaxMs: number;
      cpuMs: number;
      rssMb: number;
    };

function send(message: FromClients): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!process.send) {
      reject(new Error('b4-clients must be started with an IPC channel (fork)'));
      return;
    }
    process.send(message, undefined, undefined, (err: Error | null) => (err ? reject(err) : resolve()));
  });
}

const sockets: LiveSocket[] = [];
const records: ClientRecord[] = [];
const messages: DistinctMessage[] = [];
const messageIndex = new Map<string, number>();
let received = 0;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
let cpuStart = process.cpuUsage();

/** The distinct broadcast a message is (by its first item's version); full clients fill in its items. */
function indexOf(first: { id: number; updatedAt: string } | null | undefined, bytes: number): number {
  const signature = first ? `${first.id}@${first.updatedAt}` : '-';
  let index = messageIndex.get(signature);
  if (index === undefined) {
    index = messages.length;
    messages.push({ items: null, bytes });
    messageIndex.set(signature, index);
  }
  return index;
}

function open(url: string, personId: string, cookie: string, full: boolean): Promise<void> {
  const record: ClientRecord = { personId, full, connected: false, disconnects: 0, workItems: [], points: [], other: {} };
  records.push(record);
  const socket: LiveSocket = connect(url, {
    reconnection: false,
    forceNew: true,
    extraHeaders: { cookie },
    ...(full ? { transports: ['websocket'] } : { parser: lightParser, transports: [LightWebSocket] }),
  });
  sockets.push(socket);
  socket.on('workItem:changed', (payload) => {
    const at = Date.now();
    received += 1;
    const index = indexOf(payload.items[0], 0);
    const message = messages[index];
    if (message && message.items === null) {
      message.items = payload.items.map((i) => [i.id, Date.parse(i.updatedAt)]);
      message.bytes = JSON.stringify(payload).length;
    }
    record.workItems.push(index, at);
  });
  socket.on(LIGHT_EVENT, (payload) => {
    const at = Date.now();
    received += 1;
    record.workItems.push(indexOf(payload.first, payload.bytes), at);
  });
  socket.on('points:awarded', (payload) => {
    const at = Date.now();
    received += 1;
    record.points.push({ at, personId: payload.personId, entryIds: payload.entries.map((e) => e.entryId) });
  });
  const count = (name: string) => () => {
    received += 1;
    record.other[name] = (record.other[name] ?? 0) + 1;
  };
  socket.on('leaderboard:changed', count('leaderboard:changed'));
  socket.on('feed:item', count('feed:item'));
  socket.on('badge:earned', count('badge:earned'));
  socket.on('level:up', count('level:up'));
  socket.on('mission:progress', count('mission:progress'));
  socket.on('review:held', count('review:held'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${personId}: no connection after 30 s`)), 30_000);
    socket.once('connect', () => {
      clearTimeout(timer);
      record.connected = true;
      socket.on('disconnect', (reason) => {
        if (reason !== 'io client disconnect') record.disconnects += 1;
      });
      resolve();
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function start(message: ClientsStart): Promise<void> {
  const started = performance.now();
  const errors: string[] = [];
  let failed = 0;
  for (let i = 0; i < message.clients.length; i += message.concurrency) {
    const chunk = message.clients.slice(i, i + message.concurrency);
    const results = await Promise.allSettled(chunk.map((c, k) => open(message.url, c.personId, c.cookie, i + k < message.fullClients)));
    for (const r of results) {
      if (r.status === 'rejected') {
        failed += 1;
        if (errors.length < 5) errors.push(r.reason instanceof Error ? r.reason.message : String(r.reason));
      }
    }
  }
  loopDelay.reset();
  loopDelay.enable();
  cpuStart = process.cpuUsage();
  await send({ type: 'connected', connected: records.filter((r) => r.connected).length, failed, errors, ms: performance.now() - started });
}

async function stop(): Promise<void> {
  loopDelay.disable();
  const cpu = process.cpuUsage(cpuStart);
  for (const s of sockets) s.disconnect();
  await send({
    type: 'result',
    messages,
    clients: records,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    cpuMs: (cpu.user + cpu.system) / 1000,
    rssMb: process.memoryUsage().rss / 2 ** 20,
  });
  process.exit(0);
}

function fail(err: unknown): void {
  console.error('b4-clients:', err);
  process.exit(1);
}

// Never outlive the benchmark: when the parent goes, so do we.
process.on('disconnect', () => process.exit(1));
process.on('message', (raw: ToClients) => {
  if (raw.type === 'start') start(raw).catch(fail);
  else if (raw.type === 'progress') send({ type: 'progress', received }).catch(fail);
  else stop().catch(fail);
});
