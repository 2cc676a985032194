import { describe, expect, it } from 'vitest';
import { SingleStream } from '../../src/engine/random/index.js';
import { LogHistogram } from '../../src/engine/stats/index.js';
import type { RunResult } from '../../src/model/runResult.js';
import { pooledLatencyEstimates } from '../../src/report/latency.js';

/** A run carrying only what the latency statistics read: replication and histogram. */
function run(replication: number, h: LogHistogram): RunResult {
  return { replication, strategy: 's', latency: h.toJSON() } as unknown as RunResult;
}

/** R replications of m exponential(1) latencies each, from experiment `e`'s own stream. */
function experiment(e: number, replications: number, m: number, scale = 1): RunResult[] {
  const rng = new SingleStream(11, e, 'latency-coverage');
  return Array.from({ length: replications }, (_, r) => {
    const h = new LogHistogram();
    for (let i = 0; i < m; i++) h.observe(0, -scale * Math.log(rng.uniform()));
    return run(r, h);
  });
}

const REPS = Number(process.env.HBSIM_COVERAGE_REPS ?? 10); // measured: 274/300 at 5, 285/300 at 10, 290/300 at 20;
const TRIALS = Number(process.env.HBSIM_COVERAGE_TRIALS ?? 40);

describe('pooled latency quantile intervals (expanded percentile bootstrap over replications)', () => {
  it(`cover the true p95 of an exponential distribution in >= 90% of ${TRIALS} independent experiments`, () => {
    const truth = Math.log(20); // p95 of exponential(1): −ln(0.05)
    let covered = 0;
    for (let e = 0; e < TRIALS; e++) {
      const est = pooledLatencyEstimates(experiment(e, REPS, 300), null).metrics.pushLatencyP95S;
      expect(est.interval).toBe('bootstrap');
      const [lo, hi] = est.ci95!;
      expect(lo).toBeGreaterThanOrEqual(0);
      if (lo <= truth && truth <= hi) covered++;
    }
    if (TRIALS !== 40) console.log(`coverage ${covered}/${TRIALS}`);
    expect(covered).toBeGreaterThanOrEqual(Math.ceil(0.9 * TRIALS));
  });
});

describe('pooled latency estimates: edge cases', () => {
  it('give no interval with one replication', () => {
    const est = pooledLatencyEstimates(experiment(0, 1, 100), null).metrics.pushLatencyP95S;
    expect(est.ci95).toBeNull();
    expect(est.interval).toBe('none');
  });

  it('flag an interval that is zero because nothing varied, and the paired difference too', () => {
    // Every replication delivers every message in exactly 2.03 s: a point mass.
    const point = (r: number, x: number) => {
      const h = new LogHistogram();
      for (let i = 0; i < 100; i++) h.observe(0, x);
      return run(r, h);
    };
    const runs = [0, 1, 2].map((r) => point(r, 2.03));
    const base = [0, 1, 2].map((r) => point(r, 60.09));
    const { metrics, vsBaseline } = pooledLatencyEstimates(runs, base);
    expect(metrics.pushLatencyP95S.noVariation).toBe(true);
    expect(vsBaseline.pushLatencyP95S.noVariation).toBe(true);
    expect(vsBaseline.pushLatencyP95S.meanDiff).toBeCloseTo(2.03 - 60.09, 1);
  });

  it('pool every delivery: the estimate is the quantile of the merged histogram', () => {
    const runs = experiment(3, 4, 250);
    const merged = new LogHistogram();
    for (const r of runs) merged.merge(LogHistogram.fromJSON(r.latency as never));
    const { metrics } = pooledLatencyEstimates(runs, null);
    expect(metrics.pushLatencyP90S.mean).toBe(merged.quantile(0.9));
    expect(metrics.pushLatencyMeanS.mean).toBeCloseTo(merged.mean, 12);
    expect(metrics.pushLatencyP90S.n).toBe(4);
  });
});
