import fc from 'fast-check';
import { z } from 'zod';
import { HOSTILE_STRINGS, ODD_KEYS, encode, hostileString, hostileValue, isContainer, nearValidArb, textArb, unicodeString, validArb, type ArbOptions } from './fuzz-arbitraries';

/** Request-shaped fuzz input built from the value arbitraries: bodies (JSON, raw, import files), query strings and path segments. */
// ---- request bodies -----------------------------------------------------------------------------

/** What goes in a request body: a JSON value (sent stringified) or raw text, with its content type. */
export type BodyCase = { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; contentType: string } | { kind: 'none' };

// Deeper than the server's 64-level limit (limitJsonDepth), and deep enough to overflow a recursive JSON.stringify.
const deepNesting = fc.tuple(fc.constantFrom(50, 500, 5000, 20_000), fc.constantFrom('[', '{"a":')).map(([n, open]) => open.repeat(n) + (open === '[' ? ']' : '}').repeat(n));

/** Text that claims to be JSON and is not, or is JSON in an awkward way. */
export const rawJsonArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('{', '}', '[', '{"a":', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '-', '1e309', '"\\ud800"', '{"a":1}{"b":2}', '\u0000', '\uFEFF{}', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', ' ', 'null', 'true', '0'),
  textArb(60),
  deepNesting,
);

/** A body for a JSON route: mostly schema-derived, some arbitrary JSON, some broken text. */
export function jsonBodyArb(schema: z.ZodType | undefined, opts: ArbOptions = {}): fc.Arbitrary<BodyCase> {
  const json = (a: fc.Arbitrary<unknown>): fc.Arbitrary<BodyCase> => a.map((value): BodyCase => ({ kind: 'json', value }));
  const raw = rawJsonArb.map((text): BodyCase => ({ kind: 'raw', text, contentType: 'application/json' }));
  if (!schema) return fc.oneof({ weight: 4, arbitrary: json(fc.jsonValue()) }, { weight: 2, arbitrary: json(hostileValue) }, { weight: 1, arbitrary: raw }, { weight: 1, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) });
  const deepKey = fc.tuple(validArb(schema, opts), deepNesting).map(([v, deep]): BodyCase => {
    const text = JSON.stringify(v ?? {});
    return { kind: 'raw', text: text.startsWith('{') && text !== '{}' ? `${text.slice(0, -1)},"deep":${deep}}` : `{"deep":${deep}}`, contentType: 'application/json' };
  });
  return fc.oneof(
    { weight: 4, arbitrary: json(validArb(schema, opts)) },
    { weight: 7, arbitrary: json(nearValidArb(schema, opts)) },
    { weight: 1, arbitrary: json(fc.jsonValue()) },
    { weight: 1, arbitrary: json(hostileValue) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: deepKey },
    { weight: 1, arbitrary: fc.constant<BodyCase>({ kind: 'none' }) },
  );
}

/** History import bodies: CSV or JSON lines built from valid and broken events, and junk. */
export function importBodyArb(eventSchema: z.ZodType, opts: ArbOptions = {}): fc.Arbitrary<BodyCase> {
  const events = fc.array(fc.oneof(validArb(eventSchema, opts), nearValidArb(eventSchema, opts), hostileValue), { minLength: 0, maxLength: 6 });
  const jsonl = fc.tuple(events, fc.array(fc.oneof(rawJsonArb, hostileString), { maxLength: 2 }), fc.constantFrom('application/x-ndjson', 'application/jsonl')).map(([evs, junk, contentType]): BodyCase => ({
    kind: 'raw',
    text: [...evs.map((e) => JSON.stringify(e) ?? ''), ...junk].join('\n'),
    contentType,
  }));
  const csvCell = fc.oneof(hostileString, textArb(20), fc.constantFrom('"', '""', '","', '\n', 'a,b', '=cmd|calc', '+1', '@SUM(A1)'));
  const csv = fc
    .tuple(
      fc.oneof(fc.constant(['source', 'stream', 'externalKey', 'transition', 'occurredAt', 'title', 'priority', 'vip']), fc.array(fc.oneof(fc.constantFrom('source', 'stream', 'title', 'actor'), textArb(8)), { maxLength: 6 })),
      fc.array(fc.array(fc.oneof(csvCell, fc.constantFrom('nms', 'alarm', 'raised', 'K-1', new Date().toISOString(), '2', 'true')), { maxLength: 9 }), { maxLength: 5 }),
    )
    .map(([header, rows]): BodyCase => ({
      kind: 'raw',
      text: [header, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) && c !== '"' ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n'),
      contentType: 'text/csv',
    }));
  return fc.oneof({ weight: 3, arbitrary: jsonl }, { weight: 3, arbitrary: csv }, { weight: 1, arbitrary: rawJsonArb.map((text): BodyCase => ({ kind: 'raw', text, contentType: 'text/csv' })) });
}

// ---- query strings ------------------------------------------------------------------------------

const QUERY_VALUES: readonly string[] = ['', ' ', '-1', '0', '1', '1.5', '1e309', '1e3', '99999999999999999999999', '9007199254740993', 'NaN', 'Infinity', '-Infinity', '0x1F', ' 5', '5abc', 'true', 'false', 'null', 'undefined', '[]', '{}', 'all', 'week', 'day', ','];

function queryValueString(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

const queryHostileValue = fc.oneof(fc.constantFrom(...QUERY_VALUES), hostileString, unicodeString, fc.integer({ min: 1000, max: 5000 }).map((n) => 'x'.repeat(n)));

type Pair = [string, string];

/** How one key=value pair is written: encoded, left raw, key only, or with broken percent escapes. */
function writePair([k, v]: Pair, style: number): string {
  switch (style % 6) {
    case 0:
    case 1:
    case 2:
      return `${encode(k)}=${encode(v)}`;
    case 3:
      return `${k}=${v}`.replace(/[#\s]/g, (c) => encodeURIComponent(c));
    case 4:
      return encode(k);
    default:
      return `${encode(k)}=${encode(v)}%${['', 'z', 'E0%A4', 'C0%AE'][style % 4]}`;
  }
}

/** Query strings: valid parameters of the schema, then broken values, unknown, repeated and bracketed keys. */
export function queryArb(schema: z.ZodType | undefined, opts: ArbOptions = {}): fc.Arbitrary<string> {
  const known = schema instanceof z.ZodObject ? Object.keys(schema.shape as Record<string, unknown>) : [];
  const keyArb = fc.oneof(
    ...(known.length ? [fc.constantFrom(...known), fc.constantFrom(...known).map((k) => `${k}[]`), fc.constantFrom(...known).map((k) => `${k}[0]`)] : []),
    fc.constantFrom(...ODD_KEYS, 'a[]', 'a[b]', 'a[b][c]', 'limit', 'offset', 'sort', 'fields'),
    textArb(10),
  );
  const validPairs: fc.Arbitrary<Pair[]> =
    schema instanceof z.ZodObject
      ? validArb(schema, opts).map((o) => Object.entries(isContainer(o) ? o : {}).map(([k, v]): Pair => [k, queryValueString(v)]))
      : fc.constant([]);
  const extra = fc.array(fc.tuple(keyArb, queryHostileValue), { maxLength: 4 });
  return fc
    .tuple(validPairs, extra, fc.array(fc.nat(), { minLength: 12, maxLength: 12 }), fc.nat({ max: 9 }))
    .map(([valid, more, styles, shape]) => {
      // a few cases keep only valid pairs, so the query reaches the service
      const pairs = shape < 3 ? valid : [...valid, ...more];
      const parts = pairs.map((p, i) => writePair(p, styles[i % styles.length] ?? 0));
      const q = shape === 9 ? `${parts.join('&')}&&=&` : parts.join('&');
      // stay below Node's 16 KB header limit (a longer URL is refused before Express: see transport tests)
      return q.length > 8000 ? q.slice(0, 8000) : q;
    });
}

// ---- path segments ------------------------------------------------------------------------------

// Includes broken percent-escapes ('%', '%zz', '%E0%A4%A', '%FF'): the router's URIError must become a JSON 400.
const ODD_SEGMENTS: readonly string[] = ['..', '.', '%2e%2e', '%2E%2E%2F%2E%2E', '%2F', '%5C', '%00', '%', '%zz', '%E0%A4%A', '%C0%AE', '%FF', '-1', '0', '1.5', '1e309', '9007199254740993', '99999999999999999999999999', 'NaN', 'Infinity', 'null', 'undefined', '__proto__', 'constructor', '%20', '+', ';', 'a;b=c', '~', '%3Cscript%3Ealert(1)%3C%2Fscript%3E', '%27%3B%20DROP%20TABLE%20events%3B%20--', '0x10', ' 1', '1%20', 'env'];

/** A path parameter: a real id, a valid-looking one, or something odd, long or badly encoded. */
export function segmentArb(schema: z.ZodType | undefined, known: readonly string[], avoid: readonly string[] = []): fc.Arbitrary<string> {
  const choices: fc.Arbitrary<string>[] = [
    fc.constantFrom(...ODD_SEGMENTS),
    unicodeString.filter((s) => s.length > 0).map(encode),
    fc.integer({ min: 65, max: 6000 }).map((n) => 'i'.repeat(n)),
    fc.integer({ min: 10, max: 600 }).map((n) => encode('é🔥'.repeat(n))),
    fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '')).map(encode),
  ];
  if (schema) choices.push(validArb(schema).map((v) => encode(queryValueString(v))).filter((s) => s.length > 0));
  if (known.length) choices.push(fc.constantFrom(...known.map(encode)), fc.constantFrom(...known.map(encode)));
  return fc.oneof(...choices).filter((s) => !avoid.includes(decodeSafe(s)));
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
