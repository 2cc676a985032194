import { C_INTERVAL, connF } from './records.js';
import type { IntervalBand, IntervalTrace } from './runResult.js';
import type { World } from './world.js';

/** What a world's sampled connections showed (plain data; partitions' samples are merged). */
export interface IntervalSamples {
  timesS: number[];
  /** Per sample time, per sampled connection in sample order: its interval (0: none). */
  values: number[][];
  /** Per sample time, per sampled connection: its current mapping's NAT timeout (0: none). */
  truths: number[][];
  /** Per sampled connection: its phone's group index. */
  groupOfSample: number[];
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
 * in sample order (mergeSamples) are the whole run's: the band, and each phone group's
 * band (samplesTrace), are computed from them alike for any number of partitions.
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
      // Phones stay in their group, so a sampled connection's group is fixed.
      groupOfSample: local.map((c) => w.groupIdx(w.phoneOf(c))),
      lastValue: new Array<number>(k).fill(Number.NaN),
      lastChangeS: new Array<number>(k).fill(0),
      stableSinceS: new Array<number>(k).fill(Number.NaN),
      hasStableFlag: false,
    };
    this.everyS = Math.max(w.config.bucketS, w.duration / 240);
  }

  sample(w: World, t: number): void {
    const s = this.samples;
    // 0 where a connection has no interval or mapping (NaN included).
    const values = new Array<number>(this.conns.length).fill(0);
    const truths = new Array<number>(this.conns.length).fill(0);
    for (let k = 0; k < this.conns.length; k++) {
      const c = this.conns[k];
      const st = w.strategyOf(c);
      const v = st.learnedInterval
        ? st.learnedInterval(w.ctxFor(c, t))
        : w.cf[connF(c) + C_INTERVAL];
      if (v > 0) values[k] = v;
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
      if (truth > 0) truths[k] = truth;
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
    groupOfSample: parts.flatMap((p) => p.groupOfSample),
    lastValue: parts.flatMap((p) => p.lastValue),
    lastChangeS: parts.flatMap((p) => p.lastChangeS),
    stableSinceS: parts.flatMap((p) => p.stableSinceS),
    hasStableFlag: parts.some((p) => p.hasStableFlag),
  };
}

/** The p10/p50/p90 of the positive values of the samples `take` keeps, and the truths' median. */
function band(
  values: readonly number[],
  truths: readonly number[],
  take: (k: number) => boolean,
): { p10: number; p50: number; p90: number; nat: number } {
  const vs: number[] = [];
  const ts: number[] = [];
  for (let k = 0; k < values.length; k++) {
    if (!take(k)) continue;
    if (values[k] > 0) vs.push(values[k]);
    if (truths[k] > 0) ts.push(truths[k]);
  }
  const v = Float64Array.from(vs).sort();
  const tr = Float64Array.from(ts).sort();
  return {
    p10: quantileSorted(v, 0.1),
    p50: quantileSorted(v, 0.5),
    p90: quantileSorted(v, 0.9),
    nat: quantileSorted(tr, 0.5),
  };
}

/**
 * The quantile band over time of the samples, and per phone group when there are several
 * (`groupNames`, in group order): each group's band against the NAT timeout its own phones
 * face, which a population median hides.
 */
export function samplesTrace(s: IntervalSamples, groupNames: readonly string[]): IntervalTrace {
  const trace: IntervalTrace = { timesS: [], p10: [], p50: [], p90: [], natTimeoutP50: [] };
  const groups: IntervalBand[] | undefined =
    groupNames.length > 1
      ? groupNames.map((name, gi) => ({
          name,
          phones: s.groupOfSample.filter((x) => x === gi).length,
          p10: [],
          p50: [],
          p90: [],
          natTimeoutP50: [],
        }))
      : undefined;
  if (groups) trace.groups = groups;
  s.timesS.forEach((t, i) => {
    const all = band(s.values[i], s.truths[i], () => true);
    trace.timesS.push(t);
    trace.p10.push(all.p10);
    trace.p50.push(all.p50);
    trace.p90.push(all.p90);
    trace.natTimeoutP50.push(all.nat);
    groups?.forEach((g, gi) => {
      const b = band(s.values[i], s.truths[i], (k) => s.groupOfSample[k] === gi);
      g.p10.push(b.p10);
      g.p50.push(b.p50);
      g.p90.push(b.p90);
      g.natTimeoutP50.push(b.nat);
    });
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
