import { C_INTERVAL, connF } from './records.js';
import type { IntervalTrace } from './runResult.js';
import type { World } from './world.js';

/**
 * Samples, at regular times, the heartbeat interval in use (or learned, for adaptive
 * policies) by a fixed set of connections spread evenly over the population, with the
 * idle timeout of their current NAT mapping: the "interval against the true NAT timeout"
 * chart. A few hundred connections are enough for the p10–p90 band.
 */
export class IntervalSampler {
  readonly conns: Int32Array;
  readonly everyS: number;
  readonly trace: IntervalTrace = { timesS: [], p10: [], p50: [], p90: [], natTimeoutP50: [] };
  private readonly values: Float64Array;
  private readonly truths: Float64Array;
  /** Per sampled connection: interval at the previous sample and when it last changed. */
  readonly lastValue: Float64Array;
  readonly lastChangeS: Float64Array;
  /** Per sampled connection: since when the policy has declared itself stable (NaN: not stable now). */
  readonly stableSinceS: Float64Array;
  /** Whether the sampled policies have a stable flag at all. */
  hasStableFlag = false;
  /** Per sampled connection: its phone's group, and its value and NAT timeout at the last sample. */
  private readonly groupOfSample: Int32Array;
  private readonly sampledValue: Float64Array;
  private readonly sampledTruth: Float64Array;

  constructor(w: World, samples: number) {
    const n = Math.min(samples, w.connections);
    this.conns = new Int32Array(n);
    for (let i = 0; i < n; i++) this.conns[i] = Math.floor((i * w.connections) / n);
    this.values = new Float64Array(n);
    this.truths = new Float64Array(n);
    this.sampledValue = new Float64Array(n);
    this.sampledTruth = new Float64Array(n);
    this.lastValue = new Float64Array(n).fill(Number.NaN);
    this.lastChangeS = new Float64Array(n);
    this.stableSinceS = new Float64Array(n).fill(Number.NaN);
    this.everyS = Math.max(w.config.bucketS, w.duration / 240);
    // Per phone group (phones stay in their group), when there are several: each group's
    // band against the NAT timeout its own phones face, which a population median hides.
    this.groupOfSample = new Int32Array(n);
    for (let k = 0; k < n; k++) this.groupOfSample[k] = w.groupIdx(w.phoneOf(this.conns[k]));
    if (w.groups.length > 1) {
      this.trace.groups = w.groups.map((g, gi) => ({
        name: g.name,
        phones: this.groupOfSample.filter((x) => x === gi).length,
        p10: [],
        p50: [],
        p90: [],
        natTimeoutP50: [],
      }));
    }
  }

  /** Quantiles of one group's sampled values at this sample time (NaN where it has none). */
  private sampleGroup(gi: number, values: Float64Array, truths: Float64Array): void {
    const g = this.trace.groups![gi];
    let nv = 0;
    let nt = 0;
    for (let k = 0; k < this.conns.length; k++) {
      if (this.groupOfSample[k] !== gi) continue;
      if (this.sampledValue[k] > 0) values[nv++] = this.sampledValue[k];
      if (this.sampledTruth[k] > 0) truths[nt++] = this.sampledTruth[k];
    }
    const vs = values.subarray(0, nv).sort();
    const ts = truths.subarray(0, nt).sort();
    g.p10.push(quantileSorted(vs, 0.1));
    g.p50.push(quantileSorted(vs, 0.5));
    g.p90.push(quantileSorted(vs, 0.9));
    g.natTimeoutP50.push(quantileSorted(ts, 0.5));
  }

  sample(w: World, t: number): void {
    let nv = 0;
    let nt = 0;
    for (let k = 0; k < this.conns.length; k++) {
      const c = this.conns[k];
      const s = w.strategyOf(c);
      const v = s.learnedInterval ? s.learnedInterval(w.ctxFor(c, t)) : w.cf[connF(c) + C_INTERVAL];
      if (v > 0) this.values[nv++] = v;
      if (v > 0 && v !== this.lastValue[k]) {
        this.lastValue[k] = v;
        this.lastChangeS[k] = t;
      }
      if (s.isStable) {
        this.hasStableFlag = true;
        if (!s.isStable(w.ctxFor(c, t))) this.stableSinceS[k] = Number.NaN;
        else if (Number.isNaN(this.stableSinceS[k])) this.stableSinceS[k] = t;
      }
      const truth = w.nat.timeoutOf(c);
      if (truth > 0) this.truths[nt++] = truth;
      this.sampledValue[k] = v;
      this.sampledTruth[k] = truth;
    }
    const vs = this.values.subarray(0, nv).sort();
    const ts = this.truths.subarray(0, nt).sort();
    this.trace.timesS.push(t);
    this.trace.p10.push(quantileSorted(vs, 0.1));
    this.trace.p50.push(quantileSorted(vs, 0.5));
    this.trace.p90.push(quantileSorted(vs, 0.9));
    this.trace.natTimeoutP50.push(quantileSorted(ts, 0.5));
    // values/truths are free again: reused as scratch for the groups.
    if (this.trace.groups) {
      for (let gi = 0; gi < this.trace.groups.length; gi++) {
        this.sampleGroup(gi, this.values, this.truths);
      }
    }
  }
}

/** Linear-interpolated quantile of sorted values (NaN when empty). */
export function quantileSorted(xs: ArrayLike<number>, q: number): number {
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? xs[i] * (1 - f) + xs[i + 1] * f : xs[i];
}
