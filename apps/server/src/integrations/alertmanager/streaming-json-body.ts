import type { Request, Response } from 'express';
import type { Readable, Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { badRequest, HttpError } from '../../http/errors';
import { ALERTMANAGER_PARSE_PIECE } from './alertmanager.limits';
import { JsonTooDeepError, MalformedJsonError, writeYielding, type StreamingJsonReader } from './streaming-json-reader';

/**
 * Reads a JSON request body as a stream into a StreamingJsonReader: the bytes are decompressed,
 * counted against the limit and decoded as they arrive, and parsed a small piece at a time with a
 * turn of the event loop between pieces, so a 32 MB body never blocks other requests for long.
 *
 * Parity with the express.json({ strict: false }) the other integrations use: JSON content types
 * only (requireJsonBody answers 415 before this); charset from Content-Type, default utf-8, one
 * that is not `utf-…` is 415 (utf-8 and utf-16le/be are decoded); Content-Encoding identity, gzip,
 * deflate or br, anything else 415; a leading byte-order mark is dropped; an empty body reads as {}
 * and a request without a body at all is a 400; the limit counts decompressed bytes and a
 * Content-Length over it is a 413 before anything is read; invalid JSON is a 400 `malformed_json`;
 * nesting deeper than MAX_JSON_DEPTH is a 400 naming the body.
 *
 * A body refused before its end is not read further: the answer carries `Connection: close`, the
 * rest is discarded while the answer goes out and Node closes the connection after it. A client that
 * goes away mid-body ends the read with a 400 nobody receives; nothing is stored and nothing crashes.
 */

const DECOMPRESSORS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** What TextDecoder decodes among the `utf-…` charsets body-parser accepts. */
const DECODABLE = new Set(['utf-8', 'utf-16le', 'utf-16be', 'utf-16']);

const unsupported = (message: string) => new HttpError(415, 'unsupported_media_type', message);
const tooLarge = (maxBytes: number) => new HttpError(413, 'payload_too_large', `The request body is too large (the limit is ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB)`);

/** A body is there when the request says so: a Transfer-Encoding, or any numeric Content-Length (type-is's rule). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '' && !Number.isNaN(Number(length)));
}

function charsetOf(req: Request): string {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(req.headers['content-type'] ?? '');
  return (match?.[1] ?? 'utf-8').toLowerCase();
}

/** The bytes of the body after Content-Encoding; throws 415 for an encoding express.json would refuse. */
function decodedStream(req: Request): Readable | Transform {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity') return req;
  const make = DECOMPRESSORS[encoding];
  if (!make) throw unsupported(`unsupported content encoding "${encoding}"`);
  const stream = make();
  // the read loop hears the stream's errors; this keeps one that comes after the loop from going unhandled
  stream.on('error', () => undefined);
  req.pipe(stream);
  // pipe() does not pass a client's abort on: without this the decompressor would wait forever
  req.once('close', () => {
    if (!req.complete) stream.destroy(new Error('the client closed the connection before the body was complete'));
  });
  return stream;
}

/** Stop reading a body that is refused: the answer closes the connection and the rest is discarded meanwhile. */
function stopReading(req: Request, res: Response, source: Readable | Transform): void {
  if (source !== req && 'write' in source) {
    req.unpipe(source);
    source.destroy();
  }
  if (req.complete) return;
  if (!res.headersSent) res.setHeader('Connection', 'close');
  req.on('error', () => undefined);
  req.resume();
}

function refusalOf(err: unknown, req: Request): unknown {
  if (err instanceof HttpError) return err;
  if (err instanceof JsonTooDeepError) return badRequest(err.message, [{ path: 'body', message: `nested deeper than ${err.maxDepth} levels` }]);
  if (err instanceof MalformedJsonError) return new HttpError(400, 'malformed_json', 'The body is not valid JSON');
  if (!req.complete && (req.destroyed || req.socket.destroyed)) return new HttpError(400, 'request_aborted', 'The client closed the connection before the body was complete');
  // a broken gzip / deflate / br stream
  if (err instanceof Error && 'code' in err && typeof err.code === 'string' && err.code.startsWith('Z_')) return badRequest(`The body could not be decompressed: ${err.message}`);
  return err;
}

/**
 * Streams the request body into `reader` and returns the value it read. Throws an HttpError (400,
 * 413, 415) when the body is refused; the key has been checked before this is called.
 */
export async function readStreamingJsonBody(req: Request, res: Response, reader: StreamingJsonReader, maxBytes: number): Promise<unknown> {
  if (!hasBody(req)) throw badRequest('A JSON body is required (Content-Type: application/json)');
  const charset = charsetOf(req);
  if (!charset.startsWith('utf-') || !DECODABLE.has(charset)) throw unsupported(`unsupported charset "${charset.toUpperCase()}"`);
  const declared = Number(req.headers['content-length']);
  const identity = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase() === 'identity';
  if (identity && Number.isFinite(declared) && declared > maxBytes) {
    stopReading(req, res, req);
    throw tooLarge(maxBytes);
  }
  const source = decodedStream(req);
  const decoder = new TextDecoder(charset, { fatal: false, ignoreBOM: false });
  let bytes = 0;
  let characters = 0;
  try {
    for await (const chunk of source.iterator({ destroyOnReturn: false })) {
      const buffer: Buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      bytes += buffer.length;
      if (bytes > maxBytes) throw tooLarge(maxBytes);
      const text = decoder.decode(buffer, { stream: true });
      characters += text.length;
      await writeYielding(reader, text, ALERTMANAGER_PARSE_PIECE);
    }
    const rest = decoder.decode();
    characters += rest.length;
    if (rest) reader.write(rest);
    const value = reader.end();
    // body-parser: an empty body is {}, whitespace alone is not JSON
    if (value === undefined) {
      if (characters === 0) return {};
      throw new MalformedJsonError('no JSON value');
    }
    return value;
  } catch (err) {
    stopReading(req, res, source);
    throw refusalOf(err, req);
  }
}
