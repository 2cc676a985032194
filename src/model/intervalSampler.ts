import { C_INTERVAL, connF } from './records.js';
import type { IntervalTrace } from './runResult.js';
import type { World } from './world.js';

/** What a world's sampled connections showed (plain data; partitions' samples are merged). */
export interface IntervalSamples {
  timesS: number[];
  /** Per sample time: the positive intervals of the sampled connections (unordered). */
  values: number[][];
  /** Per sample time: the positive NAT timeouts of their current mappings (unordered). */
  truths: number[][];
  /** Per sampled connection, in sample order: interval at the last sample and when it last changed. */
  lastValue: number[];
  lastChangeS: number[];
  /** Per sampled connection: since when the policy has declared itself stable (NaN: not stable now). */
  stableSinceS: number[];
  /** Whether the sampled policies have a stable flag at all. */
  hasStableFlag: boolean;
}

/**
 * Samples, at regular times, the heartbeat interval in use (or learned, for adaptive
 * policies) by a fixed set of connections spread evenly over the population, with the
 * idle timeout of their current NAT mapping: the "interval against the true NAT timeout"
 * chart. A few hundred connections are enough for the p10–p90 band.
 *
 * The set is chosen over the whole population's connection ids, so a world holding one
 * partition samples exactly its share of the set, and the partitions' raw samples merged
 * (samplesTrace) give the same band as the whole run.
 */
export class IntervalSampler {
  /** Local ids of the sampled connections this world holds, in sample order. */
  readonly conns: Int32Array;
  readonly everyS: number;
  readonly samples: IntervalSamples;

  constructor(w: World, samples: number) {
    const total = w.totalConnections;
    const n = Math.min(samples, total);
    const local: number[] = [];
    for (let i = 0; i < n; i++) {
      const c = Math.floor((i * total) / n) - w.connBase;
      if (c >= 0 && c < w.connections) local.push(c);
    }
    this.conns = Int32Array.from(local);
    const k = local.length;
    this.samples = {
      timesS: [],
      values: [],
      truths: [],
      lastValue: new Array<number>(k).fill(Number.NaN),
      lastChangeS: new Array<number>(k).fill(0),
      stableSinceS: new Array<number>(k).fill(Number.NaN),
      hasStableFlag: false,
    };
    this.everyS = Math.max(w.config.bucketS, w.duration / 240);
  }

  sample(w: World, t: number): void {
    const s = this.samples;
    const values: number[] = [];
    const truths: number[] = [];
    for (let k = 0; k < this.conns.length; k++) {
      const c = this.conns[k];
      const st = w.strategyOf(c);
      const v = st.learnedInterval
        ? st.learnedInterval(w.ctxFor(c, t))
        : w.cf[connF(c) + C_INTERVAL];
      if (v > 0) values.push(v);
      if (v > 0 && v !== s.lastValue[k]) {
        s.lastValue[k] = v;
        s.lastChangeS[k] = t;
      }
      if (st.isStable) {
        s.hasStableFlag = true;
        if (!st.isStable(w.ctxFor(c, t))) s.stableSinceS[k] = Number.NaN;
        else if (Number.isNaN(s.stableSinceS[k])) s.stableSinceS[k] = t;
      }
      const truth = w.nat.timeoutOf(c);
      if (truth > 0) truths.push(truth);
    }
    s.timesS.push(t);
    s.values.push(values);
    s.truths.push(truths);
  }
}

/** The samples of partitions (in phone-id order) as one set: the whole run's samples. */
export function mergeSamples(parts: readonly IntervalSamples[]): IntervalSamples {
  const first = parts[0];
  return {
    timesS: first.timesS,
    values: first.timesS.map((_, i) => parts.flatMap((p) => p.values[i])),
    truths: first.timesS.map((_, i) => parts.flatMap((p) => p.truths[i])),
    lastValue: parts.flatMap((p) => p.lastValue),
    lastChangeS: parts.flatMap((p) => p.lastChangeS),
    stableSinceS: parts.flatMap((p) => p.stableSinceS),
    hasStableFlag: parts.some((p) => p.hasStableFlag),
  };
}

/** The quantile band over time of the samples. */
export function samplesTrace(s: IntervalSamples): IntervalTrace {
  const trace: IntervalTrace = { timesS: [], p10: [], p50: [], p90: [], natTimeoutP50: [] };
  s.timesS.forEach((t, i) => {
    const vs = Float64Array.from(s.values[i]).sort();
    const ts = Float64Array.from(s.truths[i]).sort();
    trace.timesS.push(t);
    trace.p10.push(quantileSorted(vs, 0.1));
    trace.p50.push(quantileSorted(vs, 0.5));
    trace.p90.push(quantileSorted(vs, 0.9));
    trace.natTimeoutP50.push(quantileSorted(ts, 0.5));
  });
  return trace;
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
