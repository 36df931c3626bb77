/**
 * An in-memory order-statistics index for one leaderboard board: a set of subjects with points,
 * kept in board order (points DESC, then subjectId ASC by plain string comparison, exactly like
 * SQL `ORDER BY points DESC, subject_id`).
 *
 * A "sorted list of blocks" (square-root decomposition, as in Python's sortedcontainers): the board
 * is cut into consecutive blocks of at most `blockSize` entries, each block held as two parallel
 * arrays (ids, points). Finding an entry is a binary search over the blocks by their last entry and
 * then one inside the block; a point change removes the entry and inserts it at its new place.
 * The number of entries before each block is cached and rebuilt lazily from the first block that
 * changed. Every operation is O(sqrt n) or better (O(log n + blockSize + blocks)).
 *
 * Pure and synchronous; no I/O.
 */

/** One standing of a board. */
export interface RankEntry {
  subjectId: string;
  points: number;
}

export interface RankIndexOptions {
  /** Largest number of entries in one block before it is split in two (default 512, at least 4). */
  blockSize?: number;
}

/** A run of consecutive entries of the board, in board order. */
interface Block {
  ids: string[];
  pts: number[];
}

const DEFAULT_BLOCK_SIZE = 512;

/** True when (pa, ia) comes strictly before (pb, ib) in board order. */
function before(pa: number, ia: string, pb: number, ib: string): boolean {
  return pa > pb || (pa === pb && ia < ib);
}

/** A non-negative whole count from a caller's `n` (NaN and negatives are 0). */
function count(n: number): number {
  return n > 0 ? Math.floor(n) : 0;
}

function checkPoints(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new RangeError(`RankIndex: ${what} must be a finite number, got ${String(value)}`);
}

export class RankIndex {
  private readonly max: number;
  /** Smallest block kept on its own after a removal; smaller ones merge with a neighbour. */
  private readonly min: number;
  private readonly blocks: Block[] = [];
  private readonly current = new Map<string, number>();
  /** offsets[b] = number of entries before block b; valid for b < validUpTo. */
  private readonly offsets: number[] = [];
  private validUpTo = 0;

  constructor(options: RankIndexOptions = {}) {
    const size = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    if (!Number.isInteger(size) || size < 4) throw new RangeError(`RankIndex: blockSize must be an integer of at least 4, got ${String(size)}`);
    this.max = size;
    this.min = Math.max(1, Math.floor(size / 4));
  }

  /**
   * Builds an index from rows in any order: sorts once, then cuts the board into blocks.
   * A subject named more than once gets the sum of its rows' points.
   */
  static from(rows: Iterable<RankEntry>, options: RankIndexOptions = {}): RankIndex {
    const index = new RankIndex(options);
    const map = index.current;
    for (const row of rows) {
      checkPoints(row.points, 'points');
      const prev = map.get(row.subjectId);
      const next = normalise(prev === undefined ? row.points : prev + row.points);
      checkPoints(next, 'points');
      map.set(row.subjectId, next);
    }
    // Sort once: group subjects by points, order the distinct points numerically (typed array)
    // and each group of ties with the default sort, which compares UTF-16 code units exactly as
    // `<` does. Much faster than one comparator sort over all rows.
    const ties = new Map<number, string[]>();
    for (const [id, p] of map) {
      const group = ties.get(p);
      if (group === undefined) ties.set(p, [id]);
      else group.push(id);
    }
    const distinct = Float64Array.from(ties.keys()).sort();
    // Fill blocks to about half of the limit (as sortedcontainers does) so that the first
    // inserts do not split every block at once.
    const fill = Math.max(1, Math.floor(index.max / 2));
    let ids: string[] = [];
    let pts: number[] = [];
    for (let d = distinct.length - 1; d >= 0; d--) {
      const p = distinct[d];
      const group = (ties.get(p) as string[]).sort();
      for (const id of group) {
        ids.push(id);
        pts.push(p);
        if (ids.length === fill) {
          index.blocks.push({ ids, pts });
          ids = [];
          pts = [];
        }
      }
    }
    if (ids.length > 0) index.blocks.push({ ids, pts });
    return index;
  }

  /** Number of subjects on the board. */
  get size(): number {
    return this.current.size;
  }

  /** The subject's points, or undefined when it is not on the board. */
  points(subjectId: string): number | undefined {
    return this.current.get(subjectId);
  }

  /**
   * Adds `delta` to the subject's points (a subject not on the board joins it with `delta`) and
   * returns its new points. A subject stays on the board when its points come back to 0.
   */
  add(subjectId: string, delta: number): number {
    checkPoints(delta, 'delta');
    const old = this.current.get(subjectId);
    const next = normalise(old === undefined ? delta : old + delta);
    checkPoints(next, 'points');
    if (old !== undefined) {
      if (old === next) return next;
      this.remove(subjectId, old);
    }
    this.insert(subjectId, next);
    this.current.set(subjectId, next);
    return next;
  }

  /** The first `n` standings in board order. */
  top(n: number): RankEntry[] {
    let left = Math.min(count(n), this.current.size);
    const out: RankEntry[] = [];
    for (let b = 0; left > 0 && b < this.blocks.length; b++) {
      const { ids, pts } = this.blocks[b];
      const end = Math.min(ids.length, left);
      for (let i = 0; i < end; i++) out.push({ subjectId: ids[i], points: pts[i] });
      left -= end;
    }
    return out;
  }

  /** Competition rank ("1224"): 1 + the number of subjects with strictly more points. */
  rankOf(subjectId: string): number | undefined {
    const p = this.current.get(subjectId);
    return p === undefined ? undefined : this.countAbove(p) + 1;
  }

  /** Number of subjects with strictly more than `points` points. */
  countAbove(points: number): number {
    const blocks = this.blocks;
    // first block whose last entry has points <= the given points
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const pts = blocks[mid].pts;
      if (pts[pts.length - 1] > points) lo = mid + 1;
      else hi = mid;
    }
    if (lo === blocks.length) return this.current.size;
    const pts = blocks[lo].pts;
    let i = 0;
    let j = pts.length;
    while (i < j) {
      const mid = (i + j) >>> 1;
      if (pts[mid] > points) i = mid + 1;
      else j = mid;
    }
    return this.offsetOf(lo) + i;
  }

  /**
   * Up to `n` standings before the subject, the subject, and up to `n` after it, in board order;
   * empty when the subject is not on the board.
   */
  around(subjectId: string, n: number): RankEntry[] {
    const p = this.current.get(subjectId);
    if (p === undefined) return [];
    const k = count(n);
    const blocks = this.blocks;
    const b = this.findBlock(p, subjectId);
    const i = lowerBound(blocks[b], p, subjectId);

    const above: RankEntry[] = [];
    let bb = b;
    let ii = i - 1;
    while (above.length < k) {
      if (ii < 0) {
        if (--bb < 0) break;
        ii = blocks[bb].ids.length - 1;
      }
      above.push({ subjectId: blocks[bb].ids[ii], points: blocks[bb].pts[ii] });
      ii--;
    }
    above.reverse();
    above.push({ subjectId, points: p });

    bb = b;
    ii = i + 1;
    let taken = 0;
    while (taken < k) {
      if (ii >= blocks[bb].ids.length) {
        if (++bb >= blocks.length) break;
        ii = 0;
      }
      above.push({ subjectId: blocks[bb].ids[ii], points: blocks[bb].pts[ii] });
      ii++;
      taken++;
    }
    return above;
  }

  /** The whole board in order. */
  entries(): RankEntry[] {
    const out: RankEntry[] = new Array<RankEntry>(this.current.size);
    let at = 0;
    for (const { ids, pts } of this.blocks) {
      for (let i = 0; i < ids.length; i++) out[at++] = { subjectId: ids[i], points: pts[i] };
    }
    return out;
  }

  /** Index of the first block whose last entry is not before (p, id); blocks.length when none is. */
  private findBlock(p: number, id: string): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const { ids, pts } = blocks[mid];
      const last = ids.length - 1;
      if (before(pts[last], ids[last], p, id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insert(id: string, p: number): void {
    const blocks = this.blocks;
    if (blocks.length === 0) {
      blocks.push({ ids: [id], pts: [p] });
      this.invalidate(0);
      return;
    }
    let b = this.findBlock(p, id);
    let block: Block;
    let i: number;
    if (b === blocks.length) {
      b = blocks.length - 1;
      block = blocks[b];
      i = block.ids.length;
    } else {
      block = blocks[b];
      i = lowerBound(block, p, id);
    }
    block.ids.splice(i, 0, id);
    block.pts.splice(i, 0, p);
    if (block.ids.length > this.max) {
      const half = block.ids.length >>> 1;
      blocks.splice(b + 1, 0, { ids: block.ids.splice(half), pts: block.pts.splice(half) });
    }
    this.invalidate(b + 1);
  }

  private remove(id: string, p: number): void {
    const blocks = this.blocks;
    const b = this.findBlock(p, id);
    const block: Block | undefined = blocks[b];
    const i = block === undefined ? -1 : lowerBound(block, p, id);
    if (block === undefined || block.ids[i] !== id) throw new Error(`RankIndex: internal order broken near ${id}`);
    block.ids.splice(i, 1);
    block.pts.splice(i, 1);
    if (block.ids.length === 0) {
      blocks.splice(b, 1);
      this.invalidate(b);
    } else if (block.ids.length < this.min && blocks.length > 1) {
      // merge with a neighbour, splitting again evenly when the two are too many for one block
      const first = b + 1 < blocks.length ? b : b - 1;
      const a = blocks[first];
      const c = blocks[first + 1];
      const ids = a.ids.concat(c.ids);
      const pts = a.pts.concat(c.pts);
      if (ids.length > this.max) {
        const half = ids.length >>> 1;
        blocks.splice(first, 2, { ids: ids.slice(0, half), pts: pts.slice(0, half) }, { ids: ids.slice(half), pts: pts.slice(half) });
      } else {
        blocks.splice(first, 2, { ids, pts });
      }
      this.invalidate(first);
    } else {
      this.invalidate(b + 1);
    }
  }

  /** The cached offsets of blocks from `b` on are stale. */
  private invalidate(b: number): void {
    if (b < this.validUpTo) this.validUpTo = b;
  }

  /** Number of entries before block `b`. */
  private offsetOf(b: number): number {
    const offsets = this.offsets;
    let v = this.validUpTo;
    if (v <= b) {
      const blocks = this.blocks;
      if (v === 0) {
        offsets[0] = 0;
        v = 1;
      }
      for (; v <= b; v++) offsets[v] = offsets[v - 1] + blocks[v - 1].ids.length;
      this.validUpTo = v;
    }
    return offsets[b];
  }
}

/** First index in the block whose entry is not before (p, id). */
function lowerBound(block: Block, p: number, id: string): number {
  const { ids, pts } = block;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(pts[mid], ids[mid], p, id)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** -0 becomes 0 so that boards never show a negative zero. */
function normalise(p: number): number {
  return p === 0 ? 0 : p;
}
