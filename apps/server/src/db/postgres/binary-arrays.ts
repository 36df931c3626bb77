import { invalid } from '../../services/domain-errors';

/**
 * Column arrays for `unnest($n::text[], …)` sent in PostgreSQL's binary array format (what
 * `array_send` writes and `array_recv` reads) instead of as array literals. `pg` sends a Buffer
 * parameter as binary; for an array it would build a text literal, escaping every quote and
 * backslash of every element (a work item's JSON state has hundreds) and PostgreSQL would then parse
 * it back. Binary is a length and the UTF-8 bytes per element: no escaping on either side.
 *
 * The element type must be exactly the one the statement casts to (`::text[]` is text, `::bigint[]`
 * int8, `::int[]` int4, `::smallint[]` int2): PostgreSQL refuses an array of another element type.
 */
const OID = { text: 25, int8: 20, int4: 23, int2: 21 } as const;
const HEADER = 20;
const TWO_32 = 2 ** 32;

/** Text PostgreSQL cannot hold: NUL, or half of a UTF-16 surrogate pair (it would be stored as U+FFFD, merging keys). */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why a parameter holding such text is refused (a 400). */
export const UNSTORABLE_TEXT = 'The request holds a character that cannot be stored (NUL or half of a UTF-16 surrogate pair)';

export function unstorableText(value: string): boolean {
  return value.includes('\u0000') || LONE_SURROGATE.test(value);
}

function header(size: number, oid: number, length: number, hasNull: boolean): Buffer {
  const buf = Buffer.allocUnsafe(size);
  buf.writeInt32BE(length === 0 ? 0 : 1, 0);
  buf.writeInt32BE(hasNull ? 1 : 0, 4);
  buf.writeInt32BE(oid, 8);
  if (length === 0) return buf.subarray(0, 12);
  buf.writeInt32BE(length, 12);
  buf.writeInt32BE(1, 16);
  return buf;
}

/**
 * An array of one element type: `size` checks an element and gives its byte length, `write` puts
 * it at an offset and gives the bytes written; a null is a length of -1 and no bytes.
 */
function arrayOf<T>(values: readonly (T | null | undefined)[], oid: number, size: (v: T) => number, write: (buf: Buffer, v: T, at: number) => number): Buffer {
  let bytes = 0;
  let hasNull = false;
  for (const v of values) {
    if (v === null || v === undefined) hasNull = true;
    else bytes += size(v);
  }
  const buf = header(HEADER + 4 * values.length + bytes, oid, values.length, hasNull);
  let at = HEADER;
  for (const v of values) {
    if (v === null || v === undefined) {
      buf.writeInt32BE(-1, at);
      at += 4;
      continue;
    }
    const n = write(buf, v, at + 4);
    buf.writeInt32BE(n, at);
    at += 4 + n;
  }
  return buf;
}

/**
 * A text[] parameter. Refuses (a 400, as every other parameter) text PostgreSQL cannot store, before
 * it is sent: a NUL, or a lone UTF-16 surrogate (which UTF-8 would turn into U+FFFD).
 */
export function textArray(values: readonly (string | null | undefined)[]): Buffer {
  return arrayOf(
    values,
    OID.text,
    (v) => {
      if (unstorableText(v)) throw invalid(UNSTORABLE_TEXT);
      return Buffer.byteLength(v, 'utf8');
    },
    (buf, v, at) => buf.write(v, at, 'utf8'),
  );
}

function numberArray(values: readonly (number | null | undefined)[], oid: number, width: 2 | 4 | 8, write: (buf: Buffer, v: number, at: number) => void): Buffer {
  const checked = (v: number): number => {
    if (!Number.isSafeInteger(v)) throw new RangeError(`not an integer PostgreSQL can take: ${v}`);
    return width;
  };
  return arrayOf(values, oid, checked, (buf, v, at) => {
    write(buf, v, at);
    return width;
  });
}

/** A bigint[] parameter (whole numbers up to 2^53, as JavaScript holds them). */
export function int8Array(values: readonly (number | null | undefined)[]): Buffer {
  return numberArray(values, OID.int8, 8, (buf, v, at) => {
    const high = Math.floor(v / TWO_32);
    buf.writeInt32BE(high, at);
    buf.writeUInt32BE(v - high * TWO_32, at + 4);
  });
}

/** An int[] parameter. */
export function int4Array(values: readonly (number | null | undefined)[]): Buffer {
  return numberArray(values, OID.int4, 4, (buf, v, at) => buf.writeInt32BE(v, at));
}

/** A smallint[] parameter. */
export function int2Array(values: readonly (number | null | undefined)[]): Buffer {
  return numberArray(values, OID.int2, 2, (buf, v, at) => buf.writeInt16BE(v, at));
}
