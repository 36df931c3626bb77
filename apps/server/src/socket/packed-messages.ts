import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { LiveMessage } from '../services/live/live.types';

/** Below this many characters a tick travels as plain JSON: compressing it would not keep it under a NOTIFY. */
const COMPRESS_FROM = 2048;

/**
 * One live tick as it travels between nodes: a string, so socket.io's PostgreSQL adapter sends it
 * as one NOTIFY (or, when still above its 8,000-byte limit, one row of its attachments table) and
 * never walks or MessagePack-encodes the tree of work-item views. Large ticks are deflated (JSON
 * of like work items shrinks about tenfold) and sent as base64: most fit in a NOTIFY then.
 */
export function packLiveMessages(messages: readonly LiveMessage[]): string {
  const json = JSON.stringify(messages);
  if (json.length < COMPRESS_FROM) return `j${json}`;
  return `z${deflateRawSync(Buffer.from(json, 'utf8'), { level: 1 }).toString('base64')}`;
}

/** The tick another node packed; throws on anything that is not one. */
export function unpackLiveMessages(packed: string): LiveMessage[] {
  const json = packed.startsWith('z') ? inflateRawSync(Buffer.from(packed.slice(1), 'base64')).toString('utf8') : packed.startsWith('j') ? packed.slice(1) : undefined;
  if (json === undefined) throw new Error('not a packed live tick');
  const parsed: unknown = JSON.parse(json);
  if (!Array.isArray(parsed)) throw new Error('a packed live tick holds no list of messages');
  return parsed as LiveMessage[];
}
