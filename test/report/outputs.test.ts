/**
 * One small experiment, its report written to disk, and the outputs checked against the
 * metric catalogue (both ways) and the units of the breakdown tables (oracle identities).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_DOCS } from '../../src/cli/metricList.js';
import { runExperiment } from '../../src/experiment/experiment.js';
import { METRIC_CATALOG } from '../../src/report/metrics.js';
import type { ExperimentResult } from '../../src/report/types.js';
import { writeReport } from '../../src/report/writeReport.js';
import { load } from '../scenario/helpers.js';

const PLUGIN = join(process.cwd(), 'test/report/fixtures/stablePlugin.mjs');

const SCENARIO = `name: outputs
duration: 4h
warmup: 30m
replications: 2
carriers:
  - { name: a, preset: lte-5min }
  - { name: b, preset: lte-10to30min }
  - { name: w, preset: wifi-home }
groups:
  - { name: static, count: 40, carrier: a, doze: { whileIdle: compat } }
  - name: movers
    count: 30
    networks:
      - { carrier: w, meanDwell: 1h }
      - { carrier: b, meanDwell: 1h }
strategies:
  - smart
  - gcm
  - { name: stable-learner, type: ${JSON.stringify(PLUGIN)} }
`;

let dir: string;
let result: ExperimentResult;
let summary: {
  strategies: { name: string; metrics: Record<string, unknown> }[];
};
let csvHeader: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hbsim-outputs-'));
  result = await runExperiment(load(SCENARIO, join(process.cwd(), 'outputs.yaml')), { jobs: 0 });
  await writeReport(dir, result, { charts: false });
  summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
  csvHeader = (await readFile(join(dir, 'runs.csv'), 'utf8')).split('\r\n')[0].split(',');
}, 120_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the metric catalogue', () => {
  it('lists exactly the metrics of runs.csv and summary.json, and hbsim list metrics is it', () => {
    const catalogue = METRIC_CATALOG.map((m) => m.name).sort();
    const inSummary = [
      ...new Set(summary.strategies.flatMap((s) => Object.keys(s.metrics))),
    ].sort();
    const fixed = new Set([
      'scenario',
      'scenarioHash',
      'seed',
      'replication',
      'strategy',
      'hbsimVersion',
      'phones',
      'durationS',
      'warmupS',
      'events',
    ]);
    const inCsv = csvHeader.filter((h) => !fixed.has(h) && !h.startsWith('reconnects.')).sort();
    expect(inSummary).toEqual(catalogue);
    expect(inCsv).toEqual(catalogue);
    expect(METRIC_DOCS.map((m) => m.name).sort()).toEqual(catalogue);
    for (const m of METRIC_CATALOG) expect(m.description.length).toBeGreaterThan(10);
  });
});

describe('units of the breakdown tables', () => {
  const DAY = 86_400;

  it('per group: phone-weighted group figures add up to the whole population', () => {
    for (const run of result.runs) {
      const groups = run.groups ?? [];
      expect(groups.map((g) => g.phones)).toEqual([40, 30]);
      for (const name of [
        'reconnectsPerPhoneDay',
        'heartbeatsPerPhoneDay',
        'promotionsPerPhoneDay',
        'energyJPerPhoneDay',
        'batteryPctPerDay',
      ]) {
        const weighted = groups.reduce((s, g) => s + g.phones * g.metrics[name], 0) / run.phones;
        expect(weighted).toBeCloseTo(run.metrics[name], 6);
      }
      const total = groups.reduce((s, g) => s + g.phones * g.metrics.energyTotalJPerPhoneDay, 0);
      expect(total / run.phones).toBeCloseTo(run.metrics.energyTotalJPerPhoneDay, 6);
    }
  });

  it('per carrier: msg/phone/day × phone-days = the carrier total; carriers add up', () => {
    for (const run of result.runs) {
      const days = (run.durationS - run.warmupS) / DAY;
      let phoneDays = 0;
      let signaling = 0;
      for (const c of run.carriers) {
        phoneDays += c.phoneDays!;
        signaling += c.signalingTotal;
        if (c.phoneDays! > 0) {
          expect(c.signalingPerPhoneDay! * c.phoneDays!).toBeCloseTo(c.signalingTotal, 6);
        }
      }
      // Every phone is on some carrier all the measured time.
      expect(phoneDays).toBeCloseTo(run.phones * days, 6);
      expect(signaling / (run.phones * days)).toBeCloseTo(run.metrics.signalingPerPhoneDay, 6);
      // The static group's carrier: exactly its 40 phones all the time.
      expect(run.carriers[0].phoneDays).toBeCloseTo(40 * days, 9);
    }
  });

  it('energy: total = attributable + idle baseline', () => {
    for (const run of result.runs) {
      const m = run.metrics;
      expect(m.energyTotalJPerPhoneDay).toBeCloseTo(
        m.energyJPerPhoneDay + m.energyIdleJPerPhoneDay,
        6,
      );
      expect(m.energyIdleJPerPhoneDay).toBeGreaterThan(0);
    }
  });

  it('summary.md: the per-carrier signaling column holds per-phone-day values, not totals', async () => {
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    const section = md.split('## Per carrier')[1].split('\n## ')[0];
    const header = section
      .split('\n')
      .find((l) => l.startsWith('| Strategy'))!
      .split('|')
      .map((x) => x.trim());
    const col = header.indexOf('Signaling (msg/phone/day)');
    expect(col).toBeGreaterThan(0);
    const row = section.split('\n').find((l) => l.startsWith('| smart') && l.includes('| a |'))!;
    const cell = Number.parseFloat(row.split('|').map((x) => x.trim())[col]);
    const smartRuns = result.runs.filter((r) => r.strategy === 'smart');
    const expected =
      smartRuns.reduce((s, r) => s + r.carriers[0].signalingPerPhoneDay!, 0) / smartRuns.length;
    expect(cell).toBeCloseTo(expected, -1);
  });

  it('summary.md: no starred zero-width difference, no negative bound outside the differences', async () => {
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    const cells = md
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .flatMap((l) => l.split('|'));
    expect(cells.filter((c) => /± 0(?![.\d])/.test(c) && c.includes('*'))).toEqual([]);
    // The check can fail: a starred difference exists in this report.
    expect(cells.some((c) => c.trim().endsWith('*'))).toBe(true);
    const sections = md.split('\n## ').filter((s) => !s.startsWith('Difference vs baseline'));
    for (const s of sections) {
      expect(s).not.toMatch(/\[-\d/);
      // A symmetric cell "m ± h" with m ≥ 0 never reaches below 0.
      for (const [, m, h] of s.matchAll(/(?<![-\d.])(\d+(?:\.\d+)?) ± (\d+(?:\.\d+)?)/g)) {
        expect(Number(m) - Number(h)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('stable learners report when they became stable and how many are', () => {
    const runs = result.runs.filter((r) => r.strategy === 'stable-learner');
    for (const r of runs) {
      expect(r.metrics.stableAtEndPct).toBeGreaterThan(0);
      expect(r.metrics.stableAtEndPct).toBeLessThanOrEqual(100);
      expect(r.metrics.timeToStableS).toBeGreaterThanOrEqual(0);
      expect(r.metrics.timeToStableS).toBeLessThan(r.durationS);
    }
  });
});
