import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { welchDiff } from '../../src/report/aggregate.js';
import { canonicalJson } from '../../src/report/canonicalJson.js';
import { summarize } from '../../src/report/summary.js';
import { writeReport } from '../../src/report/writeReport.js';
import { makeExperiment } from './fixture.js';

/** Metric names (docs/model.md §8) every fixture run carries. */
const DESIGN_METRICS = [
  'reconnectsPerPhoneDay',
  'heartbeatsPerPhoneDay',
  'failedHeartbeatsPerPhoneDay',
  'promotionsPerPhoneDay',
  'signalingPerPhoneDay',
  'signalingPeakPerS',
  'energyJPerPhoneDay',
  'batteryPctPerDay',
  'pushArrived',
  'pushDelivered',
  'pushExpired',
  'pushPending',
  'pushLatencyP50S',
  'pushLatencyP95S',
  'pushLatencyP99S',
  'pushLatencyMaxS',
  'serverHandshakesPeakPerS',
  'serverHeartbeatsPerSMean',
  'zombieSessionSecondsSumPerPhoneDay',
];

/** Every object's keys, in file order, must be sorted (arrays keep their order). */
function expectSortedKeys(value: unknown, path = '$'): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      expectSortedKeys(v, `${path}[${i}]`);
    });
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const keys = Object.keys(value);
  expect(keys, path).toEqual([...keys].sort());
  for (const k of keys) expectSortedKeys((value as Record<string, unknown>)[k], `${path}.${k}`);
}

/** Every number has at most 10 significant digits. */
function expectRounded(value: unknown): void {
  if (typeof value === 'number') expect(Number(value.toPrecision(10))).toBe(value);
  else if (value !== null && typeof value === 'object') Object.values(value).forEach(expectRounded);
}

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('summarize', () => {
  const result = makeExperiment();
  const summary = summarize(result);

  it('has the schema and the scenario block of summary.json', () => {
    expect(summary.schema).toBe('hbsim.summary/1');
    for (const key of ['name', 'hash', 'seed', 'durationS', 'replications', 'phones']) {
      expect(summary.scenario).toHaveProperty(key);
    }
    expect(summary.scenario.replications).toBe(3);
  });

  it('lists strategies in scenario order with metrics {mean, ci95, n} and vsBaseline', () => {
    expect(summary.strategies.map((s) => s.name)).toEqual(['fixed-270', 'smart', 'aimd']);
    for (const s of summary.strategies) {
      for (const m of DESIGN_METRICS) {
        const e = s.metrics[m];
        expect(e, `${s.name}.${m}`).toBeDefined();
        expect(e.n).toBe(3);
        expect(e.ci95![0]).toBeLessThanOrEqual(e.mean);
        expect(e.ci95![1]).toBeGreaterThanOrEqual(e.mean);
        expect(s.vsBaseline[m]).toHaveProperty('meanDiff');
        expect(s.vsBaseline[m].ci95).toHaveLength(2);
      }
    }
    const adaptive = summary.strategies.find((s) => s.name === 'smart')!;
    expect(adaptive.metrics.learnedIntervalS.mean).toBeGreaterThan(200);
    expect(summary.strategies[0].metrics.learnedIntervalS).toBeUndefined();
  });

  it('baseline differences are zero; common random numbers make the others tight', () => {
    const [base, smart] = summary.strategies;
    expect(base.isBaseline).toBe(true);
    expect(base.vsBaseline.reconnectsPerPhoneDay).toMatchObject({ meanDiff: 0, ci95: [0, 0] });
    const d = smart.vsBaseline.reconnectsPerPhoneDay;
    expect(d.ci95![1]).toBeLessThan(0); // smart reconnects less, significantly
    const values = (name: string) =>
      result.runs.filter((r) => r.strategy === name).map((r) => r.metrics.reconnectsPerPhoneDay);
    const unpaired = welchDiff(values('smart'), values('fixed-270'));
    expect(d.meanDiff).toBeCloseTo(unpaired.meanDiff, 12);
    expect(d.ci95![1] - d.ci95![0]).toBeLessThan(unpaired.ci95[1] - unpaired.ci95[0]);
    // Push arrivals are exogenous: identical under every strategy, difference exactly 0.
    expect(smart.vsBaseline.pushArrived.meanDiff).toBeCloseTo(0, 12);
  });

  it('carries reconnect causes, carriers, per-phone distributions and pooled latency', () => {
    const s = summary.strategies[1];
    expect(Object.keys(s.reconnectCauses)).toEqual([
      'natEviction',
      'networkChange',
      'serverTimeout',
    ]);
    expect(Object.keys(s.carriers)).toEqual(['lte-a', 'wifi-home']);
    expect(s.perPhone.batteryPctPerDay.p5).toBeLessThan(s.perPhone.batteryPctPerDay.p95);
    const p = s.pushLatencyPooled!;
    expect(p.count).toBe(4500);
    expect(p.p50).toBeLessThan(p.p95);
    expect(p.within1sPct).toBeGreaterThan(80);
    expect(p.within60sPct).toBeGreaterThanOrEqual(p.within1sPct);
    expect(s.metrics.pushWithin1sPct.n).toBe(3);
  });

  it('works with a single replication (no interval: null, n = 1)', () => {
    const one = summarize(makeExperiment({ replications: 1 }));
    const e = one.strategies[1].metrics.energyJPerPhoneDay;
    expect(e.n).toBe(1);
    expect(e.ci95).toBeNull();
    expect(one.strategies[1].vsBaseline.energyJPerPhoneDay.n).toBe(1);
    expect(one.strategies[1].vsBaseline.energyJPerPhoneDay.ci95).toBeNull();
  });
});

describe('summary.json', () => {
  it('is byte-identical for identical input, with sorted keys and rounded numbers', async () => {
    const a = await mkdtemp(join(tmpdir(), 'hbsim-sum-a-'));
    const b = await mkdtemp(join(tmpdir(), 'hbsim-sum-b-'));
    dirs.push(a, b);
    await writeReport(join(a, 'r'), makeExperiment(), { charts: false });
    // Same experiment, runs handed over in another order and metric keys in another order.
    const shuffled = makeExperiment();
    shuffled.runs.reverse();
    for (const run of shuffled.runs) {
      run.metrics = Object.fromEntries(Object.entries(run.metrics).reverse());
    }
    await writeReport(join(b, 'r'), shuffled, { charts: false });
    const textA = await readFile(join(a, 'r', 'summary.json'), 'utf8');
    const textB = await readFile(join(b, 'r', 'summary.json'), 'utf8');
    expect(textA).toBe(textB);
    for (const other of ['summary.md', 'runs.csv', 'timeseries.csv']) {
      const x = await readFile(join(a, 'r', other), 'utf8');
      expect(x, other).toBe(await readFile(join(b, 'r', other), 'utf8'));
    }
    const parsed = JSON.parse(textA);
    expect(parsed.schema).toBe('hbsim.summary/1');
    expectSortedKeys(parsed);
    expectRounded(parsed);
    expect(textA.endsWith('\n')).toBe(true);
  });

  it('canonicalJson: NaN → null, -0 → 0, undefined dropped', () => {
    expect(canonicalJson({ b: Number.NaN, a: -0, c: undefined, d: [1 / 3] })).toBe(
      '{\n  "a": 0,\n  "b": null,\n  "d": [\n    0.3333333333\n  ]\n}\n',
    );
  });
});
