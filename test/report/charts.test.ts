import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paretoFront, reportCharts } from '../../src/report/charts.js';
import { cdfSteps } from '../../src/report/distributionCharts.js';
import { scaleTypeFor } from '../../src/report/chartSpec.js';
import { figureStyle, parseFigureSize } from '../../src/report/figureStyle.js';
import { renderPng, renderSvg } from '../../src/report/render.js';
import { CHART_HEIGHT, CHART_WIDTH, PNG_PIXEL_RATIO } from '../../src/report/style.js';
import { summarize } from '../../src/report/summary.js';
import { sweepChart } from '../../src/report/sweep.js';
import { writeReport } from '../../src/report/writeReport.js';
import { makeExperiment } from './fixture.js';
import { checkXmlBalanced, inkStats, rasterize, transparentShare } from './imageChecks.js';

const EXPECTED_CHARTS = [
  'tradeoff-reconnectsPerPhoneDay',
  'tradeoff-pushLatencyP95S',
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

const specs = (() => {
  const r = makeExperiment();
  return reportCharts(r, summarize(r));
})();

/** The text content of every <text> element, entities decoded. */
function svgTexts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1]
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
}

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
  it('writes a PNG, an SVG and a PDF for each expected chart', async () => {
    const files = (await readdir(chartsDir)).sort();
    const expected = EXPECTED_CHARTS.flatMap((id) => [
      `${id}.png`,
      `${id}.svg`,
      `${id}.pdf`,
    ]).sort();
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
      // Real text, not glyph outlines: the title and both axis titles are <text> elements.
      const words = svgTexts(text);
      const spec = specs.find((c) => c.id === id)!;
      expect(words).toContain(spec.title);
      const scales = spec.config.options.scales as Record<string, { title: { text: string } }>;
      expect(words).toContain(scales.x.title.text);
      expect(words).toContain(scales.y.title.text);
      const r = await rasterize(buf);
      const stats = inkStats(r);
      expect(stats.variance).toBeGreaterThan(100);
      expect(inkStats(r, 0, Math.round(r.height * 0.08)).inkShare).toBeGreaterThan(0.005);
    });
  }
});

describe('chart specs', () => {
  it('include the trade-off chart for every run with two strategies or more', () => {
    for (const n of [2, 3]) {
      const r = makeExperiment({ strategies: n });
      expect(reportCharts(r, summarize(r)).map((c) => c.id)).toContain(
        'tradeoff-reconnectsPerPhoneDay',
      );
    }
    const one = makeExperiment({ strategies: 1 });
    expect(reportCharts(one, summarize(one)).map((c) => c.id)).not.toContain(
      'tradeoff-reconnectsPerPhoneDay',
    );
  });

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
    const bar = reportCharts(one, summarize(one)).find((c) => c.id.startsWith('bar-'))!;
    expect(bar.config.options.plugins).toBeDefined();
    await expectDrawnPng(renderPng(bar));
  });
});

describe('PDF files', () => {
  for (const id of EXPECTED_CHARTS) {
    it(`${id}.pdf opens and renders non-blank (pdftoppm)`, async () => {
      const pdf = join(chartsDir, `${id}.pdf`);
      const head = (await readFile(pdf)).subarray(0, 5).toString('latin1');
      expect(head).toBe('%PDF-');
      const png = join(root, `${id}-pdf`);
      execFileSync('pdftoppm', ['-png', '-r', '50', '-singlefile', pdf, png]);
      const r = await rasterize(await readFile(`${png}.png`));
      expect(r.width).toBeGreaterThan(400);
      expect(inkStats(r).variance).toBeGreaterThan(100);
      expect(inkStats(r).inkShare).toBeGreaterThan(0.02);
    });
  }
});

describe('paper style', () => {
  const spec = specs.find((c) => c.id === 'tradeoff-reconnectsPerPhoneDay')!;

  it('drops the title, keeps the axis titles, takes the size and font asked for', async () => {
    const style = figureStyle('paper', {
      width: 252,
      height: 180,
      fontFamily: 'Times',
      fontSize: 8,
    });
    const svg = renderSvg(spec, style).toString('utf8');
    expect(svg).toMatch(/<svg [^>]*width="252" height="180"/);
    const words = svgTexts(svg);
    expect(words).not.toContain(spec.title);
    expect(words).toContain('Reconnects (/phone/day)');
    expect(svg).toContain('font-family="Times"');
    expect(svg).toMatch(/font-size="8px"/);
    expect(svg).not.toMatch(/font-size="(1[0-9]|[2-9][0-9])px"/);
    const r = await rasterize(renderPng(spec, style));
    expect(r.width).toBe(252 * PNG_PIXEL_RATIO);
    expect(inkStats(r).variance).toBeGreaterThan(100);
  });

  it('parses figure sizes with units and names what it expected otherwise', () => {
    expect(parseFigureSize('3.5x2.5in')).toEqual({ width: 252, height: 180 });
    expect(parseFigureSize('360x240')).toEqual({ width: 360, height: 240 });
    expect(parseFigureSize('big')).toMatch(/expected WIDTHxHEIGHT/);
    expect(parseFigureSize('10x10')).toMatch(/between 100/);
  });
});

describe('trade-off chart', () => {
  it('finds the Pareto front (both axes minimised)', () => {
    const pts = [
      { name: 'a', x: 1, y: 5 },
      { name: 'b', x: 2, y: 2 },
      { name: 'c', x: 3, y: 3 }, // dominated by b
      { name: 'd', x: 4, y: 1 },
      { name: 'e', x: 2, y: 2 }, // ties b: neither dominates
    ];
    expect(paretoFront(pts).map((i) => pts[i].name)).toEqual(['a', 'b', 'e', 'd']);
  });

  it('chooses a log axis when values span more than 20×', () => {
    expect(scaleTypeFor([2, 1172])).toBe('logarithmic');
    expect(scaleTypeFor([2, 30])).toBe('linear');
    expect(scaleTypeFor([0, 1172])).toBe('linear');
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

describe('latency CDF staircase', () => {
  it('finds the buckets holding at least 5% of the messages, merging neighbours', () => {
    // F: 0.4 at 0.31 s (a 40% step), creeping to 0.5, 0.03 + 0.04 around 2 s (below the
    // threshold each, not merged into a step), a 30% step split over 60 s and 62 s.
    const pts: [number, number][] = [
      [0.31, 0.4],
      [0.5, 0.43],
      [0.9, 0.46],
      [1.4, 0.5],
      [2.0, 0.53],
      [2.1, 0.57],
      [60, 0.77],
      [62, 0.87],
      [300, 0.9],
      [1000, 1],
    ];
    const steps = cdfSteps(pts);
    expect(steps.map((s) => s.x)).toEqual([0.31, 60, 1000]);
    expect(steps[0].mass).toBeCloseTo(0.4, 12);
    expect(steps[1].mass).toBeCloseTo(0.3, 12);
    expect(steps[2].mass).toBeCloseTo(0.1, 12);
  });

  it('names the steps in the caption and draws them', () => {
    const cdf = specs.find((c) => c.id === 'latency-cdf')!;
    const lines = cdf.config.data.datasets.filter((d) => d.label === 'steps of the staircase');
    if (lines.length > 0)
      expect(cdf.caption).toMatch(/steps at [\d.]+ s \(up to \d+% of messages\)/);
    else expect(cdf.caption).not.toContain('staircase');
  });
});
