/**
 * Per-group panels: each phone group's interval band is drawn against the NAT timeout its
 * own phones face, and battery drain is shown per group, so a population whose groups
 * differ (a 5-min NAT carrier beside home Wi-Fi) is not hidden behind one median.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src/experiment/experiment.js';
import { batteryByGroupChart } from '../../src/report/distributionCharts.js';
import { renderSvg } from '../../src/report/render.js';
import { summarize } from '../../src/report/summary.js';
import { intervalsByGroupCharts } from '../../src/report/timeCharts.js';
import type { ExperimentResult, Summary } from '../../src/report/types.js';
import { load } from '../scenario/helpers.js';

const TEXT = `name: group-charts
duration: 3h
analysis: terminating
startSpread: 5m
carriers:
  - lte-5min
  - { name: wifi, kind: wifi, nat: { idleTimeout: 40m } }
groups:
  - { name: five-min, count: 30, carrier: lte-5min }
  - { name: on-wifi, count: 30, carrier: wifi }
strategies:
  - gcm
  - { name: fixed-4min, type: fixed, params: { intervalS: 4m } }
`;

type Pt = { x: number; y: number | null };
let result: ExperimentResult;
let summary: Summary;

beforeAll(async () => {
  result = await runExperiment(load(TEXT), { jobs: 0 });
  summary = summarize(result);
}, 120_000);

describe('intervals per phone group', () => {
  it('draws one chart per group, each with the NAT timeout its own phones face', () => {
    const charts = intervalsByGroupCharts(result);
    expect(charts.map((c) => c.id)).toEqual([
      'intervals-group-five-min',
      'intervals-group-on-wifi',
    ]);
    const natOf = (i: number) => {
      const ds = charts[i].config.data.datasets as { label: string; data: Pt[] }[];
      const line = ds.find((d) => d.label.startsWith('NAT idle timeout'))!;
      return [...new Set(line.data.map((p) => p.y).filter((y) => y !== null))];
    };
    // Constant timeouts: 5 min on lte-5min, 40 min on the Wi-Fi network.
    expect(natOf(0)).toEqual([300]);
    expect(natOf(1)).toEqual([2400]);
    // gcm's median on Wi-Fi is its 15-min Wi-Fi interval; on mobile 28 min.
    const median = (i: number, name: string) => {
      const ds = charts[i].config.data.datasets as { label: string; data: Pt[] }[];
      const ys = ds.find((d) => d.label === name)!.data.map((p) => p.y);
      return ys[ys.length - 1];
    };
    expect(median(0, 'gcm')).toBe(28 * 60);
    expect(median(1, 'gcm')).toBe(15 * 60);
    expect(median(0, 'fixed-4min')).toBe(240);
  });

  it('renders with its words as text', () => {
    const svg = renderSvg(intervalsByGroupCharts(result)[0]).toString('utf8');
    expect(svg).toContain('<text');
    expect(svg).toContain('five-min');
  });
});

describe('battery per phone group', () => {
  it("puts one box per strategy in each group, from that group's phones", () => {
    const chart = batteryByGroupChart(summary)!;
    expect(chart.config.data.labels).toEqual(['five-min', 'on-wifi']);
    const ds = chart.config.data.datasets as { label: string; data: { mean: number }[] }[];
    expect(ds.map((d) => d.label)).toEqual(['gcm', 'fixed-4min']);
    // The group means are the per-group battery metric of the summary.
    for (const d of ds) {
      const s = summary.strategies.find((x) => x.name === d.label)!;
      d.data.forEach((box, gi) => {
        const g = ['five-min', 'on-wifi'][gi];
        expect(box.mean).toBeCloseTo(s.groups[g].metrics.batteryPctPerDay.mean, 9);
      });
    }
  });

  it('is absent with one group', async () => {
    const one = summarize(
      await runExperiment(
        load(
          `duration: 1h\nanalysis: terminating\ncarriers: [lte-5min]\ngroups: [{ count: 5 }]\nstrategies: [gcm]\n`,
        ),
        { jobs: 0 },
      ),
    );
    expect(batteryByGroupChart(one)).toBeNull();
  });
});
