import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportCharts } from '../../src/report/charts.js';
import { renderPng, renderSvg } from '../../src/report/render.js';
import { CHART_HEIGHT, CHART_WIDTH, PNG_PIXEL_RATIO } from '../../src/report/style.js';
import { summarize } from '../../src/report/summary.js';
import { sweepChart } from '../../src/report/sweep.js';
import { writeReport } from '../../src/report/writeReport.js';
import { makeExperiment } from './fixture.js';
import { checkXmlBalanced, inkStats, rasterize, transparentShare } from './imageChecks.js';

const EXPECTED_CHARTS = [
  'bar-reconnectsPerPhoneDay',
  'bar-signalingPerPhoneDay',
  'bar-energyJPerPhoneDay',
  'bar-batteryPctPerDay',
  'bar-pushLatencyP95S',
  'signaling-timeseries',
  'warmup-welch',
  'latency-cdf',
  'intervals',
  'battery-boxplot',
];

let root: string;
let chartsDir: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hbsim-charts-'));
  await writeReport(join(root, 'report'), makeExperiment(), { charts: true });
  chartsDir = join(root, 'report', 'charts');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function expectDrawnPng(buf: Buffer): Promise<void> {
  const r = await rasterize(buf);
  expect(r.width).toBe(CHART_WIDTH * PNG_PIXEL_RATIO);
  expect(r.height).toBe(CHART_HEIGHT * PNG_PIXEL_RATIO);
  expect(transparentShare(r)).toBe(0); // white background plugin
  const all = inkStats(r);
  expect(all.variance).toBeGreaterThan(100);
  expect(all.inkShare).toBeGreaterThan(0.02);
  // The title band (top 8%) holds dark text.
  expect(inkStats(r, 0, Math.round(r.height * 0.08)).inkShare).toBeGreaterThan(0.005);
}

describe('chart files', () => {
  it('writes a PNG and an SVG for each expected chart', async () => {
    const files = (await readdir(chartsDir)).sort();
    const expected = EXPECTED_CHARTS.flatMap((id) => [`${id}.png`, `${id}.svg`]).sort();
    expect(files).toEqual(expected);
  });

  for (const id of EXPECTED_CHARTS) {
    it(`${id}.png decodes, has the expected size and is not blank`, async () => {
      await expectDrawnPng(await readFile(join(chartsDir, `${id}.png`)));
    });

    it(`${id}.svg is well-formed SVG with drawn content`, async () => {
      const buf = await readFile(join(chartsDir, `${id}.svg`));
      const text = buf.toString('utf8');
      expect(text.startsWith('<?xml')).toBe(true);
      expect(text).toMatch(/<svg [^>]*width="800" height="500"/);
      expect(text.trimEnd().endsWith('</svg>')).toBe(true);
      const xml = checkXmlBalanced(text);
      expect(xml.error).toBeUndefined();
      expect(xml).toMatchObject({ ok: true, root: 'svg' });
      expect((text.match(/<path/g) ?? []).length).toBeGreaterThan(10);
      const r = await rasterize(buf);
      const stats = inkStats(r);
      expect(stats.variance).toBeGreaterThan(100);
      expect(inkStats(r, 0, Math.round(r.height * 0.08)).inkShare).toBeGreaterThan(0.005);
    });
  }
});

describe('chart specs', () => {
  const result = makeExperiment();
  const charts = reportCharts(result, summarize(result));

  it('are plain JSON (the HTML embeds them as they are)', () => {
    expect(charts.map((c) => c.id)).toEqual(EXPECTED_CHARTS);
    for (const c of charts) expect(JSON.parse(JSON.stringify(c))).toEqual(c);
  });

  it('colour strategies consistently across charts', () => {
    const bar = charts.find((c) => c.id === 'bar-reconnectsPerPhoneDay')!;
    const line = charts.find((c) => c.id === 'signaling-timeseries')!;
    expect(bar.config.data.datasets.map((d) => d.borderColor)).toEqual(
      line.config.data.datasets.slice(0, 3).map((d) => d.borderColor),
    );
  });

  it('leave out the interval chart when no strategy is adaptive', () => {
    const fixedOnly = makeExperiment({ strategies: 1 });
    const ids = reportCharts(fixedOnly, summarize(fixedOnly)).map((c) => c.id);
    expect(ids).not.toContain('intervals');
    expect(ids).toContain('latency-cdf');
  });

  it('render with a single replication (zero-width error bars)', async () => {
    const one = makeExperiment({ replications: 1 });
    const bar = reportCharts(one, summarize(one))[0];
    expect(bar.config.options.plugins).toBeDefined();
    await expectDrawnPng(renderPng(bar));
  });
});

describe('sweepChart', () => {
  it('draws one line with a CI band per strategy against the swept parameter', async () => {
    const points = [120, 180, 240, 300, 360].flatMap((x, i) => [
      { strategy: 'fixed', x, mean: 10 - i, ci95: [9 - i, 11 - i] as [number, number] },
      {
        strategy: 'smart',
        x,
        mean: 6 - 0.5 * i,
        ci95: [5.5 - 0.5 * i, 6.5 - 0.5 * i] as [number, number],
      },
    ]);
    const spec = sweepChart(points, {
      metric: 'reconnectsPerPhoneDay',
      parameter: 'NAT idle timeout (s)',
    });
    expect(spec.config.data.datasets).toHaveLength(6);
    await expectDrawnPng(renderPng(spec));
    const svg = renderSvg(spec).toString('utf8');
    expect(checkXmlBalanced(svg).ok).toBe(true);
  });
});
