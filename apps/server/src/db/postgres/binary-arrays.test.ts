import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithPostgres } from '../../../test-support/postgres/describe-with-postgres';
import { DomainError } from '../../services/domain-errors';
import { int2Array, int4Array, int8Array, textArray } from './binary-arrays';
import { createPgPool, type PgPool } from './pool.postgres';

it('refuses text PostgreSQL cannot store (a 400 naming why) and numbers that are not whole, before anything is sent', () => {
  for (const bad of ['a\u0000b', 'x\uD800', '\uDC00y']) {
    expect(() => textArray(['fine', bad])).toThrow(DomainError);
    expect(() => textArray([bad])).toThrow(/cannot be stored/);
  }
  expect(() => int8Array([1.5])).toThrow(RangeError);
  expect(() => int8Array([2 ** 53])).toThrow(RangeError);
  expect(() => int4Array([2 ** 31])).toThrow(RangeError);
  expect(() => int2Array([40_000])).toThrow(RangeError);
});

describeWithPostgres('binary array parameters on a real PostgreSQL', (server) => {
  let pool: PgPool;
  beforeAll(async () => {
    pool = createPgPool(await server().createDatabase(), 2);
  });
  afterAll(async () => {
    await pool.end();
  });

  const texts = async (param: Buffer): Promise<(string | null)[]> =>
    (await pool.query<{ v: string | null }>('SELECT v FROM unnest($1::text[]) WITH ORDINALITY AS r(v, n) ORDER BY n', [param])).rows.map((r) => r.v);
  const numbers = async (param: Buffer, type: string): Promise<(number | null)[]> =>
    (await pool.query<{ v: string | null }>(`SELECT v::text FROM unnest($1::${type}[]) WITH ORDINALITY AS r(v, n) ORDER BY n`, [param])).rows.map((r) => (r.v === null ? null : Number(r.v)));

  it('reads back exactly the text sent: quotes, backslashes, braces, commas, the word NULL, empty text, nulls, accents and emoji', async () => {
    const sent = ['{"a":"b\\"c"}', 'back\\slash', '{1,2}', 'a,b', 'NULL', '', null, 'Ærø – ĳ 日本', '👩🏽‍🔧', ' spaced ', undefined];
    expect(await texts(textArray(sent))).toEqual(sent.map((v) => v ?? null));
    expect(await texts(textArray([]))).toEqual([]);
  });

  it('reads back every whole number at the edges of each type, negative ones and nulls included', async () => {
    const big = [0, 1, -1, 2 ** 32, -(2 ** 32), 2 ** 32 + 7, -(2 ** 32) - 7, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 1_765_000_000_000, null];
    expect(await numbers(int8Array(big), 'bigint')).toEqual(big);
    const mid = [0, 2 ** 31 - 1, -(2 ** 31), null, 42];
    expect(await numbers(int4Array(mid), 'int')).toEqual(mid);
    const small = [0, 32_767, -32_768, null, 1];
    expect(await numbers(int2Array(small), 'smallint')).toEqual(small);
    expect(await numbers(int8Array([]), 'bigint')).toEqual([]);
  });

  it('round-trips any storable text and any safe integer (property)', async () => {
    const storable = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\u0000'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(storable), { maxLength: 30 }), fc.array(fc.option(fc.maxSafeInteger()), { maxLength: 30 }), async (t, n) => {
        expect(await texts(textArray(t))).toEqual(t);
        expect(await numbers(int8Array(n), 'bigint')).toEqual(n);
      }),
      { numRuns: 60 },
    );
  });

  it('is refused by PostgreSQL when the element type is not the one the statement casts to', async () => {
    await expect(pool.query('SELECT unnest($1::bigint[])', [int4Array([1])])).rejects.toThrow(/element type 23 \(integer\) instead of expected 20 \(bigint\)/);
  });
});
