import fc from 'fast-check';
import { z } from 'zod';

/**
 * fast-check arbitraries for fuzzing the HTTP API: values derived from the real zod schemas
 * (valid ones, and near-valid ones with a few fields broken), hostile strings and numbers.
 * Request bodies, query strings and path segments are built from them in fuzz-request-arbitraries.ts.
 * Pure: nothing here talks to a server.
 */

/** Strings that mean something to the server (usernames, person and team ids) mixed into generated text. */
export interface ArbOptions {
  strings?: readonly string[];
}

export const SQL_INJECTIONS = ["'; DROP TABLE events; --", '" OR 1=1 --', "Robert'); DROP TABLE people;--", "1' UNION SELECT password_hash FROM people --"] as const;
export const SCRIPT_INJECTIONS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>'] as const;

/** Short strings that break naive code: injections, control and format characters, odd unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  ...SQL_INJECTIONS,
  ...SCRIPT_INJECTIONS,
  '',
  ' ',
  '\t\n\r',
  '\u0000',
  'a\u0000b',
  '\r\nSet-Cookie: x=1',
  '%s%s%n%x',
  '{{7*7}}',
  '${process.exit()}',
  '../../../etc/passwd',
  '%00',
  '%2e%2e%2f',
  '\u202Eevil\u202C',
  '\u200B\u200D\uFEFF',
  'Z\u0351\u0358\u035Ca\u0353l\u0359g\u035Co',
  '🔥💯👩‍👩‍👧‍👦',
  '\uD800',
  '\uDFFF\uD800',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  'ｆｕｌｌｗｉｄｔｈ',
  '__proto__',
  'constructor',
  'null',
  'undefined',
  'NaN',
  'true',
  '[object Object]',
];

/** Numbers at the edges: zero, negative zero, fractions, beyond safe integers, tiny and huge. */
export const EDGE_NUMBERS: readonly number[] = [-0, 0, -1, 1, 1.5, -1.5, 0.1, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53) - 2, 5e-324, 1e21, 4294967296, 999999999999];
/** What a NaN or an infinity looks like once it has been through JSON or a query string. */
export const NAN_LIKE: readonly string[] = ['NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '-0', '0x10', '0b11', '1_000', '١٢٣', '1e3', ' 7 ', '7abc', ''];

/** Keys a strict schema must name, including ones that poke at prototypes. */
export const ODD_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'a.b', '0', 'points', 'role', 'id', '$where', 'password_hash'];

export const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

/** A long string, mostly one character: usually up to 30 KB, now and then 600 KB (two of those pass the 1 MB limit). */
export const hugeString: fc.Arbitrary<string> = fc
  .tuple(fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 300, max: 30_000 }) }, { weight: 1, arbitrary: fc.constant(600_000) }), fc.constantFrom('x', 'é', '🔥', ' ', '\u0000', "'"))
  .map(([n, ch]) => ch.repeat(Math.max(1, Math.floor(n / ch.length))));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** encodeURIComponent that does not throw on lone surrogates (they cannot be in a URL: sent as U+FFFD). */
export function encode(s: string): string {
  return encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
}

/**
 * Text from code points: printable ASCII, anything in Unicode (emoji, RTL, combining marks), and
 * lone surrogates. Built from an array rather than fc.string, which re-tokenises its bias strings
 * on every value and was the fuzzer's largest cost.
 */
const codeUnit = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.constantFrom('\u0000', '\n', '\u200B', '\u202E', '\u0301', '👩‍👩‍👧', '"', '\\', "'", '%', '&', '=', '.') },
);
export const textArb = (maxLength: number): fc.Arbitrary<string> => fc.array(codeUnit, { maxLength }).map((cs) => cs.join(''));
export const unicodeString = textArb(40);

/** Any hostile JSON value: odd strings and numbers, wrong types, nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 1, arbitrary: hugeString },
  { weight: 3, arbitrary: unicodeString },
  { weight: 3, arbitrary: fc.constantFrom(...EDGE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom(...NAN_LIKE) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>([], {}, [null], [[]], { '': '' }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

// ---- values from zod schemas ------------------------------------------------------------------

function checkDefs(schema: z.ZodType): Record<string, unknown>[] {
  return (schema._zod.def.checks ?? []).map((c) => c._zod.def as unknown as Record<string, unknown>);
}

function lengthBounds(schema: z.ZodType): { min: number; max: number | undefined; exact: number | undefined } {
  let min = 0;
  let max: number | undefined;
  let exact: number | undefined;
  for (const c of checkDefs(schema)) {
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    if (c.check === 'max_length' && typeof c.maximum === 'number') max = max === undefined ? c.maximum : Math.min(max, c.maximum);
    if (c.check === 'length_equals' && typeof c.length === 'number') exact = c.length;
  }
  return { min, max, exact };
}

function regexOf(schema: z.ZodType): RegExp | undefined {
  for (const c of checkDefs(schema)) if (c.check === 'string_format' && c.format === 'regex' && c.pattern instanceof RegExp) return c.pattern;
  return undefined;
}

const isoDateTimeArb = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }), fc.constantFrom('Z', '+02:00', '-05:30', '.123Z'))
  .map(([d, zone]) => {
    const base = d.toISOString().slice(0, 19);
    return zone === '.123Z' ? `${base}.123Z` : `${base}${zone}`;
  });

/** Nearby times matter more than random ones (SLA clocks, "today" budgets): a good share is within a day of now. */
const recentIso = fc.integer({ min: -86_400_000, max: 3_600_000 }).map((ms) => new Date(Date.now() + ms).toISOString());

/** Callback URLs only ever point at a closed local port: fuzzed webhooks must not reach the network. */
const localUrlArb = fc.webSegment().map((s) => `http://127.0.0.1:9/${encode(s)}`);

function stringArb(schema: z.ZodType, format: string | null | undefined, opts: ArbOptions): fc.Arbitrary<string> {
  if (format === 'datetime') return fc.oneof(isoDateTimeArb, recentIso);
  if (format === 'url') return localUrlArb;
  const { min, max, exact } = lengthBounds(schema);
  const lo = exact ?? Math.max(min, 0);
  const hi = exact ?? Math.min(max ?? 60, Math.max(lo, 60));
  const pattern = regexOf(schema);
  if (pattern) return fc.stringMatching(pattern).filter((s) => s.length >= lo && s.length <= hi && s.trim() === s);
  const fits = (s: string) => s.trim().length >= Math.max(lo, 1) && s.length <= hi;
  // an array joined, not fc.string with a custom unit: that one re-tokenises its bias strings on every value (slow)
  const words = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz ABCXYZ0123456789-_.'), { minLength: lo, maxLength: Math.min(hi, lo + 40) }).map((cs) => cs.join(''));
  const choices: fc.Arbitrary<string>[] = [words, words, unicodeString, fc.constantFrom('🔥 fast fix', '⭐', 'Night owl 🦉', 'Zoë Ångström', 'ناحية', '東京')];
  const known = (opts.strings ?? []).filter(fits);
  if (known.length) choices.push(fc.constantFrom(...known), fc.constantFrom(...known));
  const injections = [...SQL_INJECTIONS, ...SCRIPT_INJECTIONS].filter(fits);
  if (injections.length) choices.push(fc.constantFrom(...injections));
  return fc.oneof(...choices).filter(fits);
}

function numberArb(schema: z.ZodNumber): fc.Arbitrary<number> {
  const min = Number.isFinite(schema.minValue ?? Number.NaN) ? (schema.minValue as number) : -1_000_000;
  const max = Number.isFinite(schema.maxValue ?? Number.NaN) ? (schema.maxValue as number) : 1_000_000;
  if (schema.isInt) {
    const lo = Math.ceil(Math.max(min, -1e9));
    const hi = Math.floor(Math.min(max, 1e9));
    return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi), fc.integer({ min: lo, max: Math.min(hi, lo + 10) }));
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function unwrapBase(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodPipe) return unwrapBase(schema.in as z.ZodType);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault || schema instanceof z.ZodNullable) return unwrapBase(schema.unwrap() as z.ZodType);
  return schema;
}

function isNever(schema: z.ZodType): boolean {
  const inner = schema instanceof z.ZodOptional ? (schema.unwrap() as z.ZodType) : schema;
  return inner instanceof z.ZodNever;
}

/**
 * A value the schema should accept (best effort: refinements across fields, such as "title is
 * required without a templateId", are not known here, so some samples are still refused).
 */
export function validArb(schema: z.ZodType, opts: ArbOptions = {}): fc.Arbitrary<unknown> {
  if (schema instanceof z.ZodOptional) return fc.option(validArb(schema.unwrap() as z.ZodType, opts), { nil: undefined, freq: 4 });
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) return fc.option(validArb(schema.unwrap() as z.ZodType, opts), { nil: undefined, freq: 3 });
  if (schema instanceof z.ZodNullable) return fc.option(validArb(schema.unwrap() as z.ZodType, opts), { nil: null, freq: 4 });
  if (schema instanceof z.ZodCatch || schema instanceof z.ZodReadonly) return validArb(schema.unwrap() as z.ZodType, opts);
  if (schema instanceof z.ZodString) return stringArb(schema, schema.format, opts);
  if (schema instanceof z.ZodStringFormat) return stringArb(schema, schema.format, opts);
  if (schema instanceof z.ZodNumber) return numberArb(schema);
  if (schema instanceof z.ZodBoolean) return fc.boolean();
  if (schema instanceof z.ZodEnum) return fc.constantFrom(...(schema.options as (string | number)[]));
  if (schema instanceof z.ZodLiteral) return fc.constantFrom(...[...schema.values].filter((v) => v !== undefined));
  if (schema instanceof z.ZodNever) return fc.constant(undefined);
  if (schema instanceof z.ZodUnknown || schema instanceof z.ZodAny) return fc.jsonValue({ maxDepth: 2 });
  if (schema instanceof z.ZodArray) {
    const { min, max, exact } = lengthBounds(schema);
    const lo = exact ?? min;
    return fc.array(validArb(schema.element as z.ZodType, opts), { minLength: lo, maxLength: exact ?? Math.min(max ?? lo + 4, lo + 4) });
  }
  if (schema instanceof z.ZodTuple) return fc.tuple(...(schema._zod.def.items as z.ZodType[]).map((item) => validArb(item, opts)));
  if (schema instanceof z.ZodRecord) return fc.dictionary(validArb(schema.keyType as z.ZodType, opts) as fc.Arbitrary<string>, validArb(schema.valueType as z.ZodType, opts), { maxKeys: 4 });
  if (schema instanceof z.ZodUnion) return fc.oneof(...(schema.options as z.ZodType[]).map((o) => validArb(o, opts)));
  if (schema instanceof z.ZodPipe) {
    const out = schema.out as z.ZodType;
    if (out instanceof z.ZodTransform) return validArb(schema.in as z.ZodType, opts);
    // a string turned into a list (`state=raised,updated`) is sent as the joined string
    const fromString = unwrapBase(schema.in as z.ZodType) instanceof z.ZodString;
    return validArb(out, opts).map((v) => (fromString && Array.isArray(v) ? v.join(',') : v));
  }
  if (schema instanceof z.ZodObject) {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      if (isNever(field)) continue;
      model[key] = validArb(field, opts);
      if (!field.safeParse(undefined).success) required.push(key);
    }
    return fc.record(model, { requiredKeys: required }).map((o) => {
      // fc.option leaves optional fields as undefined; JSON leaves them out, and so do we
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
      return out;
    });
  }
  return fc.jsonValue({ maxDepth: 2 });
}

// ---- near-valid: a valid value with a few things broken -----------------------------------------

const MUTATIONS = ['wrongType', 'huge', 'unicode', 'edgeNumber', 'nanLike', 'extraKey', 'dropKey', 'null', 'injection', 'emptyArray', 'longArray', 'stringify'] as const;
type MutationKind = (typeof MUTATIONS)[number];

interface Mutation {
  at: number;
  kind: MutationKind;
  value: unknown;
  key: string;
  count: number;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom(...MUTATIONS),
  value: hostileValue,
  key: fc.oneof(fc.constantFrom(...ODD_KEYS), textArb(12)),
  count: fc.integer({ min: 101, max: 3000 }),
});

type Container = Record<string, unknown> | unknown[];
interface Slot {
  parent: Container | undefined;
  key: string | number;
  value: unknown;
}

export function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function slotsOf(root: unknown): Slot[] {
  const out: Slot[] = [{ parent: undefined, key: '', value: root }];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => {
        out.push({ parent: value, key: i, value: v });
        walk(v);
      });
    } else if (isContainer(value)) {
      for (const [k, v] of Object.entries(value)) {
        out.push({ parent: value, key: k, value: v });
        walk(v);
      }
    }
  };
  walk(root);
  return out;
}

/** Sets an own, enumerable property (so `__proto__` becomes a key JSON.stringify sends, not a prototype). */
function setOwn(target: Container, key: string | number, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function wrongTypeOf(value: unknown, m: Mutation): unknown {
  if (typeof value === 'string') return m.at % 3 === 0 ? Number(value.length) : m.at % 3 === 1 ? [value] : { value };
  if (typeof value === 'number') return m.at % 2 === 0 ? String(value) : [value];
  if (typeof value === 'boolean') return m.at % 2 === 0 ? String(value) : value ? 1 : 0;
  if (Array.isArray(value)) return value.length ? value[0] : {};
  if (isContainer(value)) return m.at % 2 === 0 ? [value] : JSON.stringify(value);
  return m.value;
}

function replacementFor(slot: Slot, m: Mutation): unknown {
  switch (m.kind) {
    case 'wrongType':
      return wrongTypeOf(slot.value, m);
    case 'huge':
      return 'x'.repeat(m.count * 10);
    case 'unicode':
      return typeof m.value === 'string' ? m.value : HOSTILE_STRINGS[m.at % HOSTILE_STRINGS.length];
    case 'edgeNumber':
      return EDGE_NUMBERS[m.at % EDGE_NUMBERS.length];
    case 'nanLike':
      return NAN_LIKE[m.at % NAN_LIKE.length];
    case 'null':
      return null;
    case 'injection':
      return [...SQL_INJECTIONS, ...SCRIPT_INJECTIONS][m.at % (SQL_INJECTIONS.length + SCRIPT_INJECTIONS.length)];
    case 'emptyArray':
      return [];
    case 'longArray':
      return Array.from({ length: m.count }, () => (Array.isArray(slot.value) ? (slot.value[0] ?? 1) : slot.value));
    case 'stringify':
      return JSON.stringify(slot.value ?? null);
    default:
      return m.value;
  }
}

/** Applies the mutations to a deep copy of `value`; each picks its place by `at` among the places that exist then. */
export function applyMutations(value: unknown, mutations: readonly Mutation[]): unknown {
  let root: unknown = value === undefined ? undefined : structuredClone(value);
  for (const m of mutations) {
    const slots = slotsOf(root);
    const slot = slots[m.at % slots.length];
    if (!slot) continue;
    if (m.kind === 'extraKey') {
      const target = isContainer(slot.value) && !Array.isArray(slot.value) ? slot.value : isContainer(root) && !Array.isArray(root) ? root : undefined;
      if (target) setOwn(target, m.key, m.value);
      else root = m.value;
      continue;
    }
    if (m.kind === 'dropKey') {
      if (slot.parent && !Array.isArray(slot.parent)) delete slot.parent[slot.key as string];
      else if (slot.parent && Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
      else root = undefined;
      continue;
    }
    const next = replacementFor(slot, m);
    if (slot.parent) setOwn(slot.parent, slot.key, next);
    else root = next;
  }
  return root;
}

/** A valid value with one to three things broken: wrong types, huge or odd strings, edge numbers, extra or missing keys. */
export function nearValidArb(schema: z.ZodType, opts: ArbOptions = {}): fc.Arbitrary<unknown> {
  return fc.tuple(validArb(schema, opts), fc.array(mutationArb, { minLength: 1, maxLength: 3 })).map(([v, ms]) => applyMutations(v, ms));
}
