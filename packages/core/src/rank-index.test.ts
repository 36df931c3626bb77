import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RankIndex, type RankEntry } from './rank-index';

const RUNS = Number(process.env.PROP_RUNS ?? 100);

/** The obvious model: a Map, sorted in board order for a query after any change. */
class NaiveBoard {
  readonly map = new Map<string, number>();
  private sorted: RankEntry[] | undefined;

  add(subjectId: string, delta: number): number {
    const next = (this.map.get(subjectId) ?? 0) + delta;
    this.map.set(subjectId, next === 0 ? 0 : next);
    this.sorted = undefined;
    return this.map.get(subjectId) as number;
  }

  entries(): RankEntry[] {
    this.sorted ??= [...this.map].map(([subjectId, points]) => ({ subjectId, points })).sort((a, b) => b.points - a.points || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
    return this.sorted.slice();
  }

  top(n: number): RankEntry[] {
    return this.entries().slice(0, Math.max(0, n));
  }

  countAbove(points: number): number {
    let n = 0;
    for (const p of this.map.values()) if (p > points) n++;
    return n;
  }

  rankOf(subjectId: string): number | undefined {
    const p = this.map.get(subjectId);
    return p === undefined ? undefined : this.countAbove(p) + 1;
  }

  around(subjectId: string, n: number): RankEntry[] {
    const all = this.entries();
    const i = all.findIndex((e) => e.subjectId === subjectId);
    return i < 0 ? [] : all.slice(Math.max(0, i - n), i + n + 1);
  }
}

function board(rows: [string, number][], blockSize?: number): RankIndex {
  const index = new RankIndex(blockSize === undefined ? {} : { blockSize });
  for (const [id, delta] of rows) index.add(id, delta);
  return index;
}

/** Every query of the index against the model, for the given subjects (and some absent ones). */
function expectSame(index: RankIndex, model: NaiveBoard, subjects: readonly string[], ks: readonly number[]): void {
  const all = model.entries();
  expect(index.size).toBe(model.map.size);
  expect(index.entries()).toEqual(all);
  for (const n of [0, 1, 3, 10, all.length, all.length + 5]) expect(index.top(n)).toEqual(all.slice(0, n));
  const pointValues = new Set<number>([0, -1, 1, 1000, -1000]);
  for (const e of all) pointValues.add(e.points).add(e.points - 1).add(e.points + 1);
  const ps = [...pointValues];
  expect(ps.map((p) => index.countAbove(p))).toEqual(ps.map((p) => model.countAbove(p)));
  const ss = [...subjects, '\u0000absent', 'zzzz-absent'];
  expect(ss.map((s) => index.points(s))).toEqual(ss.map((s) => model.map.get(s)));
  expect(ss.map((s) => index.rankOf(s))).toEqual(ss.map((s) => model.rankOf(s)));
  expect(ss.flatMap((s) => ks.map((k) => index.around(s, k)))).toEqual(ss.flatMap((s) => ks.map((k) => model.around(s, k))));
}

describe('RankIndex examples', () => {
  it('uses competition ranks for ties (1, 2, 2, 4) and orders ties by subject id', () => {
    const index = board([
      ['d', 10],
      ['c', 20],
      ['b', 20],
      ['a', 30],
    ]);
    expect(index.entries()).toEqual([
      { subjectId: 'a', points: 30 },
      { subjectId: 'b', points: 20 },
      { subjectId: 'c', points: 20 },
      { subjectId: 'd', points: 10 },
    ]);
    expect(['a', 'b', 'c', 'd'].map((s) => index.rankOf(s))).toEqual([1, 2, 2, 4]);
    expect(index.countAbove(20)).toBe(1);
    expect(index.countAbove(19)).toBe(3);
    expect(index.countAbove(30)).toBe(0);
    expect(index.countAbove(-5)).toBe(4);
  });

  it('orders subject ids by plain string comparison, like ORDER BY subject_id', () => {
    const index = board([
      ['s2', 5],
      ['s10', 5],
      ['S3', 5],
      ['s1', 5],
    ]);
    expect(index.entries().map((e) => e.subjectId)).toEqual(['S3', 's1', 's10', 's2']);
  });

  it('returns the window around a subject, cut at the first and last standings', () => {
    const index = board(
      [
        ['a', 50],
        ['b', 40],
        ['c', 30],
        ['d', 20],
        ['e', 10],
      ],
      4,
    );
    const ids = (rows: RankEntry[]): string[] => rows.map((r) => r.subjectId);
    expect(ids(index.around('a', 2))).toEqual(['a', 'b', 'c']);
    expect(ids(index.around('e', 2))).toEqual(['c', 'd', 'e']);
    expect(ids(index.around('c', 1))).toEqual(['b', 'c', 'd']);
    expect(ids(index.around('c', 10))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(index.around('c', 0)).toEqual([{ subjectId: 'c', points: 30 }]);
    expect(ids(index.top(2))).toEqual(['a', 'b']);
    expect(index.top(0)).toEqual([]);
    expect(index.top(-3)).toEqual([]);
    expect(index.top(99)).toHaveLength(5);
  });

  it('answers absent subjects with undefined and an empty window', () => {
    const index = board([['a', 1]]);
    expect(index.points('x')).toBeUndefined();
    expect(index.rankOf('x')).toBeUndefined();
    expect(index.around('x', 3)).toEqual([]);
    const empty = new RankIndex();
    expect(empty.size).toBe(0);
    expect(empty.entries()).toEqual([]);
    expect(empty.top(10)).toEqual([]);
    expect(empty.countAbove(0)).toBe(0);
    expect(empty.around('x', 1)).toEqual([]);
  });

  it('keeps subjects whose points come back to zero, and handles negative totals', () => {
    const index = new RankIndex();
    expect(index.add('a', 10)).toBe(10);
    expect(index.add('b', 0)).toBe(0);
    expect(index.add('a', -10)).toBe(0);
    expect(index.add('c', -7)).toBe(-7);
    expect(index.add('d', 3)).toBe(3);
    expect(index.size).toBe(4);
    expect(index.points('a')).toBe(0);
    expect(Object.is(index.points('a'), 0)).toBe(true);
    expect(Object.is(new RankIndex().add('z', -0), 0)).toBe(true);
    expect(index.entries()).toEqual([
      { subjectId: 'd', points: 3 },
      { subjectId: 'a', points: 0 },
      { subjectId: 'b', points: 0 },
      { subjectId: 'c', points: -7 },
    ]);
    expect(['d', 'a', 'b', 'c'].map((s) => index.rankOf(s))).toEqual([1, 2, 2, 4]);
    expect(index.countAbove(-7)).toBe(3);
    expect(index.countAbove(-8)).toBe(4);
  });

  it('builds from rows in any order, summing a subject named twice', () => {
    const index = RankIndex.from([
      { subjectId: 'b', points: 5 },
      { subjectId: 'a', points: 5 },
      { subjectId: 'c', points: 9 },
      { subjectId: 'b', points: 1 },
    ]);
    expect(index.entries()).toEqual([
      { subjectId: 'c', points: 9 },
      { subjectId: 'b', points: 6 },
      { subjectId: 'a', points: 5 },
    ]);
    expect(RankIndex.from([]).size).toBe(0);
  });

  it('splits and merges blocks while staying in order', () => {
    const index = new RankIndex({ blockSize: 4 });
    const model = new NaiveBoard();
    const ids = Array.from({ length: 60 }, (_, i) => `p${i}`);
    for (const [i, id] of ids.entries()) {
      index.add(id, (i * 37) % 23);
      model.add(id, (i * 37) % 23);
    }
    expectSame(index, model, ids, [0, 1, 5]);
    // move everyone to the same points, then spread them out again
    for (const id of ids) {
      const p = model.map.get(id) as number;
      index.add(id, 100 - p);
      model.add(id, 100 - p);
    }
    expectSame(index, model, ids, [0, 2, 7]);
    for (const [i, id] of ids.entries()) {
      index.add(id, -i * 3);
      model.add(id, -i * 3);
    }
    expectSame(index, model, ids, [0, 3]);
  });

  it('merges a block that ran low with a full neighbour and splits the two evenly', () => {
    // blockSize 16: from() fills blocks of 8 -> [p00..p07] [p08..p15] [p16..p23]
    const rows = Array.from({ length: 24 }, (_, i) => ({ subjectId: `p${String(i).padStart(2, '0')}`, points: 1000 - i * 10 }));
    const index = RankIndex.from(rows, { blockSize: 16 });
    const model = new NaiveBoard();
    const apply = (id: string, delta: number): void => {
      expect(index.add(id, delta)).toBe(model.add(id, delta));
    };
    for (const r of rows) model.add(r.subjectId, r.points);
    // fill the middle block up to 16
    for (let k = 0; k < 8; k++) apply(`q${k}`, 915 - k * 10);
    expectSame(index, model, ['p00', 'p07', 'p08', 'q0', 'q7', 'p15', 'p16', 'p23'], [0, 3, 9]);
    // drain the first block into the last one: at 3 entries it merges with the full middle block
    for (let i = 0; i < 6; i++) {
      apply(`p0${i}`, -2000);
      expect(index.rankOf('p06')).toBe(model.rankOf('p06'));
      expect(index.rankOf('p23')).toBe(model.rankOf('p23'));
    }
    expectSame(index, model, [...model.map.keys()], [0, 1, 4, 12]);
  });

  it('rejects points that are not finite numbers and block sizes that are too small', () => {
    const index = new RankIndex();
    expect(() => index.add('a', Number.NaN)).toThrow(RangeError);
    expect(() => index.add('a', Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(index.size).toBe(0);
    expect(() => RankIndex.from([{ subjectId: 'a', points: Number.NaN }])).toThrow(RangeError);
    expect(() => new RankIndex({ blockSize: 2 })).toThrow(RangeError);
    expect(() => new RankIndex({ blockSize: 10.5 })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// properties

/** Subject ids with upper and lower case, digits, non-ASCII and astral characters. */
const idArb = fc.string({ minLength: 1, maxLength: 3, unit: fc.constantFrom('a', 'b', 'B', 'Z', '0', '1', '-', 'é', 'ß', '\u{1F600}') });
const deltaArb = fc.integer({ min: -50, max: 50 });
const blockSizeArb = fc.constantFrom(4, 5, 8, 16, undefined);

/** One step of a random session against the index and the model. */
type Op =
  | { kind: 'add'; pick: number; delta: number }
  /** a run of neighbours in board order all jump far away: empties blocks, so they merge */
  | { kind: 'sweep'; at: number; length: number; delta: number }
  /** reads between writes, so that cached block offsets are used while stale */
  | { kind: 'read'; pick: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ kind: fc.constant('add' as const), pick: fc.nat(), delta: deltaArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sweep' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }), delta: fc.constantFrom(-5_000, 5_000) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('read' as const), pick: fc.nat() }) },
);

/** Applies one op to both; `ids` names the subjects an op may pick (absent ones included). */
function step(index: RankIndex, model: NaiveBoard, ids: readonly string[], op: Op): void {
  if (op.kind === 'add') {
    const id = ids[op.pick % ids.length];
    expect(index.add(id, op.delta)).toBe(model.add(id, op.delta));
  } else if (op.kind === 'sweep') {
    const all = model.entries();
    for (const e of all.slice(op.at % Math.max(1, all.length), (op.at % Math.max(1, all.length)) + op.length)) {
      expect(index.add(e.subjectId, op.delta)).toBe(model.add(e.subjectId, op.delta));
    }
  } else {
    const id = ids[op.pick % ids.length];
    expect(index.rankOf(id)).toBe(model.rankOf(id));
    const p = model.map.get(id) ?? op.pick % 100;
    expect(index.countAbove(p)).toBe(model.countAbove(p));
    expect(index.countAbove(p - 1)).toBe(model.countAbove(p - 1));
  }
}

describe('RankIndex agrees with a naive sorted Map', () => {
  it('after every step, on a small pool of subjects (many ties and moves)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(idArb, { minLength: 1, maxLength: 30, size: 'max' }),
        fc.array(opArb, { maxLength: 200, size: 'max' }),
        blockSizeArb,
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
        (ids, ops, blockSize, ks) => {
          const index = new RankIndex(blockSize === undefined ? {} : { blockSize });
          const model = new NaiveBoard();
          for (const op of ops) {
            step(index, model, ids, op);
            expect(index.entries()).toEqual(model.entries());
            expect(ids.map((id) => index.rankOf(id))).toEqual(ids.map((id) => model.rankOf(id)));
          }
          expectSame(index, model, ids, ks);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('built with from() and then updated, with boards large enough to split blocks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000 }),
        fc.integer({ min: 1, max: 400 }),
        fc.array(opArb, { maxLength: 1_000, size: 'max' }),
        blockSizeArb,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (rowCount, pointSpread, ops, blockSize, seed) => {
          // cheap deterministic rows from the seed: ids from a pool larger than the rows, so some repeat
          let s = seed;
          const next = (): number => {
            s = (Math.imul(s, 1103515245) + 12345) >>> 0;
            return s;
          };
          const pool = Math.max(1, Math.floor(rowCount * 1.3));
          const rows: RankEntry[] = Array.from({ length: rowCount }, () => ({ subjectId: `u${next() % pool}`, points: (next() % (2 * pointSpread + 1)) - pointSpread }));
          const index = RankIndex.from(rows, blockSize === undefined ? {} : { blockSize });
          const model = new NaiveBoard();
          for (const r of rows) model.add(r.subjectId, r.points);
          expect(index.entries()).toEqual(model.entries());
          const ids = Array.from({ length: pool + 10 }, (_, i) => `u${i}`);
          for (const op of ops) step(index, model, ids, op);
          const sample = Array.from({ length: 25 }, () => `u${next() % (pool + 10)}`);
          const all = model.entries();
          if (all.length > 0) sample.push(all[0].subjectId, all[all.length - 1].subjectId);
          expectSame(index, model, sample, [0, 1, 10]);
        },
      ),
      { numRuns: Math.max(10, Math.floor(RUNS / 3)) },
    );
  });

  it('grown one add at a time past the default block size (default blocks split)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2_000, max: 4_000 }), fc.integer({ min: 0, max: 2 ** 31 - 1 }), (subjects, seed) => {
        let s = seed;
        const next = (): number => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return s;
        };
        const index = new RankIndex();
        const model = new NaiveBoard();
        const ids = Array.from({ length: subjects }, (_, i) => `m${i}`);
        for (let i = 0; i < subjects * 2; i++) {
          const pick = next();
          step(index, model, ids, i % 50 === 49 ? { kind: 'read', pick } : { kind: 'add', pick, delta: (next() % 101) - 50 });
        }
        const sample = Array.from({ length: 20 }, () => `m${next() % subjects}`);
        expectSame(index, model, sample, [0, 2, 10]);
      }),
      { numRuns: 5 },
    );
  });
});
