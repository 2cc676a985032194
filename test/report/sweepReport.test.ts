import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLINE_METRICS } from '../../src/report/metrics.js';
import {
  numericValue,
  type SweepInput,
  sweepAxes,
  sweepCharts,
  sweepEntries,
  writeSweepReport,
} from '../../src/report/sweepReport.js';
import { makeExperiment } from './fixture.js';
import { inkStats, rasterize } from './imageChecks.js';

const PATH = 'carriers.0.nat.idleTimeout';
const TIMEOUTS = [60, 300, 1800];

/** 3 points × 2 strategies × 2 replications; reconnects and energy fall as the NAT timeout grows. */
function sweepFixture(): SweepInput[] {
  return TIMEOUTS.map((t, index) => {
    const result = makeExperiment({ strategies: 2, replications: 2, seed: 42 + index });
    for (const run of result.runs) {
      run.metrics.reconnectsPerPhoneDay *= 300 / t;
      run.metrics.energyJPerPhoneDay *= 0.5 + 150 / t;
    }
    return {
      point: { index, label: `${PATH}=${t}`, overrides: [{ path: PATH, value: t }] },
      result,
    };
  });
}

/** A grid over several paths, for the pure chart builder (no files). */
function gridFixture(first: unknown[], second: unknown[]): SweepInput[] {
  const points: SweepInput[] = [];
  for (const a of first) {
    for (const b of second) {
      const index = points.length;
      points.push({
        point: {
          index,
          label: `a=${String(a)}, b=${String(b)}`,
          overrides: [
            { path: 'a', value: a },
            { path: 'b', value: b },
          ],
        },
        result: makeExperiment({ strategies: 2, replications: 2, seed: 7 + index }),
      });
    }
  }
  return points;
}

let root: string;
let dir: string;
let files: string[];

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hbsim-sweep-'));
  dir = join(root, 'sweep');
  ({ files } = await writeSweepReport(dir, sweepFixture(), { charts: true }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function csvRows(text: string): string[][] {
  return text
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describe('writeSweepReport', () => {
  it('writes the sweep files and one report per point; the returned files exist', async () => {
    for (const name of ['sweep.csv', 'sweep.json', 'summary.md', 'report.html']) {
      expect(files).toContain(join(dir, name));
    }
    for (const metric of HEADLINE_METRICS) {
      expect(files).toContain(join(dir, 'charts', `sweep-${metric}.png`));
      expect(files).toContain(join(dir, 'charts', `sweep-${metric}.svg`));
    }
    for (const f of files) expect((await stat(f)).isFile()).toBe(true);
    expect((await readdir(join(dir, 'points'))).sort()).toEqual(['00', '01', '02']);
    for (const p of ['00', '01', '02']) {
      const summary = JSON.parse(await readFile(join(dir, 'points', p, 'summary.json'), 'utf8'));
      expect(summary.schema).toBe('hbsim.summary/1');
      expect(files).toContain(join(dir, 'points', p, 'report.html'));
      expect(files).toContain(join(dir, 'points', p, 'charts', 'latency-cdf.png'));
    }
    expect(await readdir(root)).toEqual(['sweep']); // no temp dirs left
    expect((await readdir(join(dir, 'points'))).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('sweep.csv: a header, then points × strategies × metrics rows', async () => {
    const rows = csvRows(await readFile(join(dir, 'sweep.csv'), 'utf8'));
    expect(rows[0]).toEqual([
      'point',
      'label',
      PATH,
      'strategy',
      'metric',
      'mean',
      'ci95Low',
      'ci95High',
      'n',
    ]);
    const metrics = new Set<string>();
    for (const p of ['00', '01', '02']) {
      const s = JSON.parse(await readFile(join(dir, 'points', p, 'summary.json'), 'utf8'));
      for (const st of s.strategies) for (const m of Object.keys(st.metrics)) metrics.add(m);
    }
    expect(metrics.has('learnedIntervalS')).toBe(true); // only the adaptive strategy has it
    expect(rows.length - 1).toBe(3 * 2 * metrics.size);
    // The label holds "=" but no comma: unquoted; the swept value is its own column.
    const row = rows.find(
      (r) => r[0] === '2' && r[3] === 'smart' && r[4] === 'reconnectsPerPhoneDay',
    );
    expect(row?.slice(0, 3)).toEqual(['2', `${PATH}=1800`, '1800']);
    expect(Number(row?.[6])).toBeLessThanOrEqual(Number(row?.[5]));
    expect(Number(row?.[7])).toBeGreaterThanOrEqual(Number(row?.[5]));
    expect(row?.[8]).toBe('2');
    // A strategy without the metric: empty estimate, n = 0.
    const missing = rows.find((r) => r[3] === 'fixed-270' && r[4] === 'learnedIntervalS');
    expect(missing?.slice(5)).toEqual(['', '', '', '0']);
  });

  it('sweep.json is deterministic and holds the points and their summaries', async () => {
    const again = join(root, 'again');
    await writeSweepReport(again, sweepFixture(), { charts: false });
    const a = await readFile(join(dir, 'sweep.json'), 'utf8');
    expect(await readFile(join(again, 'sweep.json'), 'utf8')).toBe(a);
    await writeSweepReport(again, sweepFixture(), { charts: false }); // replaces itself
    expect(await readFile(join(again, 'sweep.json'), 'utf8')).toBe(a);
    await rm(again, { recursive: true });
    const json = JSON.parse(a);
    expect(json.schema).toBe('hbsim.sweep/1');
    expect(json.parameters).toEqual([{ path: PATH, values: TIMEOUTS }]);
    expect(json.strategies).toEqual(['fixed-270', 'smart']);
    expect(json.points.map((p: { index: number }) => p.index)).toEqual([0, 1, 2]);
    expect(json.points[1]).toMatchObject({
      label: `${PATH}=300`,
      overrides: [{ path: PATH, value: 300 }],
      dir: 'points/01',
    });
    const point1 = await readFile(join(dir, 'points', '01', 'summary.json'), 'utf8');
    expect(json.points[1].summary).toEqual(JSON.parse(point1));
  });

  it('each sweep chart PNG decodes and is drawn', async () => {
    for (const metric of HEADLINE_METRICS) {
      const r = await rasterize(await readFile(join(dir, 'charts', `sweep-${metric}.png`)));
      expect(r.width).toBeGreaterThan(1000);
      const ink = inkStats(r);
      expect(ink.variance).toBeGreaterThan(100);
      expect(ink.inkShare).toBeGreaterThan(0.02);
    }
  });

  it('summary.md and report.html index the points', async () => {
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('# hbsim sweep: fixture-commute');
    expect(md).toContain('does an adaptive heartbeat beat');
    expect(md).toContain('[points/02/summary.md](points/02/summary.md)');
    expect(md).toContain('## Reconnects (/phone/day)');
    expect(md).toMatch(/\| 01: 300 \| [\d.]+ ± [\d.]+ \| [\d.]+ ± [\d.]+ \|/);
    expect(md).toContain(
      '[`charts/sweep-energyJPerPhoneDay.svg`](charts/sweep-energyJPerPhoneDay.svg)',
    );
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<a href="points/00/report.html">');
    expect(html).toContain('<a href="#points">Points</a>');
    expect(html).toContain('id="chart-sweep-reconnectsPerPhoneDay"');
  });
});

describe('sweepCharts', () => {
  it('a log x axis when the values span more than a factor of 20, one line per strategy', () => {
    const entries = sweepEntries(sweepFixture());
    const charts = sweepCharts(entries, sweepAxes(entries));
    expect(charts.map((c) => c.id)).toEqual(HEADLINE_METRICS.map((m) => `sweep-${m}`));
    const scales = charts[0].config.options.scales as Record<string, { type: string }>;
    expect(scales.x.type).toBe('logarithmic');
    const lines = charts[0].config.data.datasets.filter((d) => !d.hbsimLegendHidden);
    expect(lines.map((d) => d.label)).toEqual(['fixed-270', 'smart']);
    expect((lines[0].data as { x: number }[]).map((p) => p.x)).toEqual(TIMEOUTS);
  });

  it('several paths: the first on x, one chart per combination of the others', () => {
    const entries = sweepEntries(gridFixture(['1m', '2m', '5m'], [100, 200]));
    const axes = sweepAxes(entries);
    expect(axes.map((a) => a.path)).toEqual(['a', 'b']);
    const charts = sweepCharts(entries, axes);
    expect(charts).toHaveLength(2 * HEADLINE_METRICS.length);
    expect(charts.slice(0, 2).map((c) => c.id)).toEqual([
      'sweep-reconnectsPerPhoneDay-00',
      'sweep-reconnectsPerPhoneDay-01',
    ]);
    expect(charts[1].caption).toContain('Other swept paths at b=200.');
    const scales = charts[0].config.options.scales as Record<
      string,
      { type: string; title: { text: string } }
    >;
    expect(scales.x.type).toBe('linear'); // 60..300 s: a factor of 5
    expect(scales.x.title.text).toBe('A (s)');
    const line = charts[0].config.data.datasets.find((d) => d.label === 'smart');
    expect((line!.data as { x: number }[]).map((p) => p.x)).toEqual([60, 120, 300]);
  });

  it('non-numeric values: a category axis in grid order', () => {
    const entries = sweepEntries(gridFixture(['lte', '3g'], [1]));
    const chart = sweepCharts(entries, sweepAxes(entries))[0];
    expect(chart.id).toBe('sweep-reconnectsPerPhoneDay');
    expect(chart.config.data.labels).toEqual(['lte', '3g']);
    const scales = chart.config.options.scales as Record<string, { type: string }>;
    expect(scales.x.type).toBe('category');
    const line = chart.config.data.datasets.find((d) => d.label === 'fixed-270');
    expect((line!.data as { x: string }[]).map((p) => p.x)).toEqual(['lte', '3g']);
  });

  it('reads numbers, numeric strings and durations as numbers', () => {
    expect(numericValue(300)).toBe(300);
    expect(numericValue('2.5')).toBe(2.5);
    expect(numericValue('4.5m')).toBe(270);
    expect(numericValue('lte')).toBeUndefined();
    expect(numericValue('')).toBeUndefined();
    expect(numericValue(true)).toBeUndefined();
  });
});
