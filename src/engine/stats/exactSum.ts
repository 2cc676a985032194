/**
 * A sum of doubles whose value does not depend on the order of the terms: the terms are kept
 * as a short list of non-overlapping partials that represent the sum exactly (Shewchuk,
 * "Adaptive precision floating-point arithmetic", 1997: the grow-expansion step), and
 * `value` rounds that exact sum once, to nearest-even (the method of Python's math.fsum).
 *
 * Why: a run split into population partitions adds the same terms in another order (each
 * partition in its own event order, then partition by partition). A plain `+=` then differs
 * in the last bits; an exact sum gives the same double either way, so a partitioned run's
 * summary.json is byte-identical to the unpartitioned one. Two exact sums merge exactly.
 *
 * Cost: the list holds a few partials in practice (terms of similar magnitude), so `add` is
 * a handful of flops; it is used for the run-wide sums of real-valued terms (zombie seconds,
 * push latencies, time per carrier), not for per-event counters (integers add exactly).
 */
export class ExactSum {
  private parts: number[] = [];

  add(x: number): void {
    const p = this.parts;
    let n = 0;
    for (let j = 0; j < p.length; j++) {
      let y = p[j];
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      const lo = y - (hi - x);
      if (lo !== 0) p[n++] = lo;
      x = hi;
    }
    p.length = n;
    p.push(x);
  }

  /** Adds another exact sum's terms (exact, so merging in any order gives the same value). */
  merge(other: ExactSum | readonly number[]): this {
    const parts = other instanceof ExactSum ? other.parts : other;
    for (const x of parts.slice()) this.add(x);
    return this;
  }

  /** The exact sum rounded once to the nearest double (ties to even). */
  get value(): number {
    const p = this.parts;
    let n = p.length;
    if (n === 0) return 0;
    let hi = p[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n];
      hi = x + y;
      lo = y - (hi - x);
      if (lo !== 0) break;
    }
    // The partials below lo push a halfway case one way or the other.
    if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
      const y = lo * 2;
      const x = hi + y;
      if (y === x - hi) hi = x;
    }
    return hi;
  }

  /** The partials (plain data, for checkpoints and worker messages). */
  toJSON(): number[] {
    return this.parts.slice();
  }

  static fromParts(parts: readonly number[]): ExactSum {
    const s = new ExactSum();
    s.merge(parts);
    return s;
  }
}
