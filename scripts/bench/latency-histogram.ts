/** 0.1 ms buckets up to 120 s; exact max and mean beside it. */
export class Histogram {
  private readonly buckets = new Uint32Array(1_200_000);
  n = 0;
  private sum = 0;
  max = Number.NEGATIVE_INFINITY;
  min = Number.POSITIVE_INFINITY;

  add(ms: number): void {
    this.n += 1;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
    const i = Math.min(this.buckets.length - 1, Math.max(0, Math.round(ms * 10)));
    this.buckets[i] = (this.buckets[i] ?? 0) + 1;
  }

  percentile(p: number): number {
    if (this.n === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.n));
    let seen = 0;
    for (let i = 0; i < this.buckets.length; i += 1) {
      seen += this.buckets[i] ?? 0;
      if (seen >= rank) return i / 10;
    }
    return this.max;
  }

  get mean(): number {
    return this.n === 0 ? Number.NaN : this.sum / this.n;
  }
}
