import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../src/report/compare.js';
import { escapeHtml, jsonForScript } from '../../src/report/html.js';
import { rebuildReport, writeReport } from '../../src/report/writeReport.js';
import { makeExperiment } from './fixture.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'hbsim-write-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const CORE_FILES = [
  'meta.json',
  'report.html',
  'runs.csv',
  'runs.json',
  'summary.json',
  'summary.md',
  'timeseries.csv',
];

describe('writeReport', () => {
  it('writes the report files of reports/README.md and returns their paths; no temp files remain', async () => {
    const dir = join(root, 'a', 'report');
    const { files } = await writeReport(dir, makeExperiment(), { charts: false });
    expect(files.map((f) => f.slice(dir.length + 1)).sort()).toEqual(CORE_FILES);
    // The marker that makes the directory hbsim's (ownership.ts) lists exactly those files.
    expect((await readdir(dir)).sort()).toEqual(['.hbsim.json', ...CORE_FILES]);
    const marker = JSON.parse(await readFile(join(dir, '.hbsim.json'), 'utf8'));
    expect(marker).toMatchObject({ schema: 'hbsim.dir/1', kind: 'report', files: CORE_FILES });
    expect(await readdir(join(root, 'a'))).toEqual(['report']); // no <dir>.tmp-<pid> left
  });

  it('meta.json has versions, wall time and events/s', async () => {
    const dir = join(root, 'meta');
    await writeReport(dir, makeExperiment(), { charts: false });
    const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8'));
    expect(meta).toMatchObject({
      schema: 'hbsim.meta/1',
      hbsimVersion: '0.1.0',
      node: process.version,
      wallS: 12.5,
      events: 4_200_000,
      eventsPerS: 336_000,
      jobs: 2,
    });
    expect(meta.chartJs).toMatch(/^4\./);
  });

  it('summary.md has one table per family, the vs-baseline table and the chart list', async () => {
    const dir = join(root, 'md');
    await writeReport(dir, makeExperiment(), { charts: true });
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    for (const title of [
      '## Reconnects & heartbeats',
      '## Signaling & radio',
      '## Energy & battery',
      '## Push delivery',
      '## Server',
      '## Adaptive policies',
      '## Difference vs baseline (fixed-270)',
      '## Charts',
    ]) {
      expect(md).toContain(title);
    }
    expect(md).toMatch(/\| smart \| \d[\d.]* ± [\d.]+ \|/);
    expect(md).toContain('[`charts/latency-cdf.svg`](charts/latency-cdf.svg)');
  });

  it('replaces a previous report whole, and refuses to replace a foreign directory', async () => {
    const dir = join(root, 'replace');
    await writeReport(dir, makeExperiment(), { charts: true });
    expect(await readdir(join(dir, 'charts'))).not.toHaveLength(0);
    await writeReport(dir, makeExperiment(), { charts: false });
    await expect(stat(join(dir, 'charts'))).rejects.toThrow(); // old charts gone with the old report
    const foreign = join(root, 'foreign');
    await mkdir(foreign);
    await writeFile(join(foreign, 'thesis.tex'), 'precious');
    await expect(writeReport(foreign, makeExperiment(), { charts: false })).rejects.toThrow(
      /refusing to write into a directory hbsim did not create/,
    );
    expect(await readFile(join(foreign, 'thesis.tex'), 'utf8')).toBe('precious');
    expect((await readdir(root)).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('rebuildReport redraws everything from runs.json, identical summary', async () => {
    const dir = join(root, 'rebuild');
    await writeReport(dir, makeExperiment(), { charts: false });
    const before = await readFile(join(dir, 'summary.json'), 'utf8');
    const { files } = await rebuildReport(dir);
    expect(files.some((f) => f.endsWith('charts/latency-cdf.svg'))).toBe(true);
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe(before);
  });

  it('escapes scenario text in the HTML', async () => {
    const dir = join(root, 'escape');
    const result = makeExperiment();
    result.scenario.name = 'evil</script><img src=x onerror=alert(1)>';
    result.scenario.echo = { note: '</script><script>alert(2)</script>' };
    await writeReport(dir, result, { charts: false });
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<script>alert(2)');
    expect(html).toContain('evil&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(escapeHtml(`a&b"'<>`)).toBe('a&amp;b&quot;&#39;&lt;&gt;');
    expect(jsonForScript({ s: '</script>' })).toBe('{"s":"\\u003c/script\\u003e"}');
  });
});

describe('sparse runs', () => {
  it('a report without latency, series, intervals or baseline runs still builds', async () => {
    const result = makeExperiment({ strategies: 2, replications: 2 });
    result.scenario.baseline = 'missing-strategy';
    for (const run of result.runs) {
      run.latency = null;
      run.intervals = undefined;
      run.series = { ...run.series, signaling: [] };
      run.metrics.pushLatencyP95S = Number.NaN;
    }
    const dir = join(root, 'sparse');
    const { files } = await writeReport(dir, result, { charts: true });
    const charts = files.filter((f) => f.includes('/charts/')).map((f) => f.split('/').pop());
    expect(charts).not.toContain('latency-cdf.png');
    expect(charts).not.toContain('signaling-timeseries.png');
    expect(charts).not.toContain('bar-pushLatencyP95S.png');
    expect(charts).toContain('bar-reconnectsPerPhoneDay.png');
    const summary = JSON.parse(await readFile(join(dir, 'summary.json'), 'utf8'));
    expect(summary.strategies[0].vsBaseline).toEqual({});
    expect(summary.strategies[0].metrics.pushLatencyP95S).toEqual({
      ci95: null,
      interval: 'none',
      mean: null,
      n: 0,
      noVariation: false,
    });
    expect(summary.strategies[0].pushLatencyPooled).toBeNull();
  });
});

describe('compareReports', () => {
  it('tables and grouped bar charts with one group per input', async () => {
    const a = join(root, 'cmp-a');
    const b = join(root, 'cmp-b');
    await writeReport(a, makeExperiment({ name: 'lte-only' }), { charts: false });
    await writeReport(b, makeExperiment({ name: 'wifi-mix', seed: 7 }), { charts: false });
    const out = join(root, 'cmp-out');
    const { files } = await compareReports([a, b], out);
    const names = files.map((f) => f.slice(out.length + 1));
    expect(names).toContain('compare.json');
    expect(names).toContain('summary.md');
    expect(names).toContain('report.html');
    expect(names).toContain('charts/compare-reconnectsPerPhoneDay.png');
    const md = await readFile(join(out, 'summary.md'), 'utf8');
    expect(md).toMatch(/\| lte-only \| smart \|/);
    expect(md).toMatch(/\| wifi-mix \| fixed-270 \(baseline\) \|/);
    const cmp = JSON.parse(await readFile(join(out, 'compare.json'), 'utf8'));
    expect(cmp.schema).toBe('hbsim.compare/1');
    expect(cmp.inputs.map((x: { label: string }) => x.label)).toEqual(['lte-only', 'wifi-mix']);
  });

  it('labels inputs with the same scenario name apart', async () => {
    const a = join(root, 'same-1');
    const b = join(root, 'same-2');
    await writeReport(a, makeExperiment(), { charts: false });
    await writeReport(b, makeExperiment(), { charts: false });
    const out = join(root, 'same-out');
    await compareReports([a, b], out, { charts: false });
    const cmp = JSON.parse(await readFile(join(out, 'compare.json'), 'utf8'));
    expect(cmp.inputs.map((x: { label: string }) => x.label)).toEqual([
      'fixture-commute (same-1)',
      'fixture-commute (same-2)',
    ]);
  });
});
