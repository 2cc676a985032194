/**
 * Charts over simulated time: carrier signaling per minute (chart 2) and the interval of
 * adaptive strategies against the NAT timeout (chart 4). Means over replications.
 */
import type { IntervalTrace, RunResult } from '../model/runResult.js';
import { baseOptions, type ChartSpec, type Json, num } from './chartSpec.js';
import { groupRuns, meanOfArrays } from './runs.js';
import { colorAt, dashAt, REFERENCE_COLOR, strategyLine, withAlpha } from './style.js';
import { fmtDuration } from './format.js';
import type { ExperimentResult } from './types.js';

/** At most this many points per line (long runs are averaged over wider windows). */
export const MAX_LINE_POINTS = 1000;

/** Hours for runs of 2 h and more, minutes below. */
export function timeAxis(durationS: number): { divisor: number; unit: string } {
  return durationS >= 7200 ? { divisor: 3600, unit: 'h' } : { divisor: 60, unit: 'min' };
}

/** Averages of `factor` adjacent values (the last window may be shorter). */
export function windowMeans(values: readonly number[], factor: number): number[] {
  if (factor <= 1) return [...values];
  const out: number[] = [];
  for (let i = 0; i < values.length; i += factor) {
    const w = values.slice(i, i + factor);
    out.push(w.reduce((a, b) => a + b, 0) / w.length);
  }
  return out;
}

/**
 * The warm-up window [0, cut) as a grey box from 0 to `top` (a filled line dataset: no
 * chart plugin needed), so every chart over simulated time shows what the metrics leave out.
 */
/** Simulated time of a measured run: the warm-up, then the measured window. */
export function runHorizonS(sc: { durationS: number; warmupS: number }): number {
  return sc.warmupS + sc.durationS;
}

export function warmupShade(
  warmupS: number,
  divisor: number,
  top: number,
): { [key: string]: Json } | null {
  if (!(warmupS > 0 && top > 0)) return null;
  return {
    label: `warm-up (${fmtDuration(warmupS)}, excluded from metrics)`,
    data: [
      { x: 0, y: top },
      { x: warmupS / divisor, y: top },
    ],
    borderColor: withAlpha('#777777', 0.6),
    borderWidth: 0,
    backgroundColor: withAlpha('#777777', 0.15),
    pointRadius: 0,
    fill: 'origin',
  };
}

/** Chart 2: carrier signaling messages per minute, mean over replications. */
export function signalingChart(result: ExperimentResult): ChartSpec | null {
  const groups = groupRuns(result);
  const { divisor, unit } = timeAxis(runHorizonS(result.scenario));
  const datasets: { [key: string]: Json }[] = [];
  let bucketS = 60;
  let factor = 1;
  let peak = 0;
  let i = 0;
  for (const [name, runs] of groups) {
    const idx = i++;
    const withSeries = runs.filter((r) => r.series && r.series.signaling.length > 0);
    if (withSeries.length === 0) continue;
    bucketS = withSeries[0].series.bucketS;
    const perMin = meanOfArrays(
      withSeries.map((r) => r.series.signaling.map((v) => (v * 60) / bucketS)),
    );
    factor = Math.max(1, Math.ceil(perMin.length / MAX_LINE_POINTS));
    const ys = windowMeans(perMin, factor);
    for (const y of ys) if (y > peak) peak = y;
    // Series start at the bucket holding the warm-up cut (nothing is counted before it).
    const startS = Math.floor(result.scenario.warmupS / bucketS) * bucketS;
    datasets.push(
      strategyLine(
        name,
        ys.map((y, k) => ({ x: (startS + k * factor * bucketS) / divisor, y: num(y) })),
        idx,
      ),
    );
  }
  if (datasets.length === 0) return null;
  const shade = warmupShade(result.scenario.warmupS, divisor, peak);
  if (shade) datasets.push(shade);
  const window = factor > 1 ? `, averaged over ${(factor * bucketS) / 60}-minute windows` : '';
  const title = 'Carrier signaling over time';
  return {
    id: 'signaling-timeseries',
    title,
    caption: `Carrier signaling messages per minute over simulated time, all phones, mean over replications${window}; one line per strategy.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: `${result.scenario.name}: all ${result.scenario.phones} phones, mean over replications${window}`,
        legend: true,
        lineLegend: true,
        x: {
          title: `Simulated time (${unit})`,
          min: 0,
          max: runHorizonS(result.scenario) / divisor,
        },
        y: { title: 'Signaling messages (msg/min)', beginAtZero: true },
      }),
    },
  };
}

function tracesOf(runs: readonly RunResult[]) {
  return runs.map((r) => r.intervals).filter((t) => t !== undefined && t.timesS.length > 0);
}

/** The part of an interval trace one chart draws: the population's band, or one group's. */
type Band = Pick<IntervalTrace, 'p10' | 'p50' | 'p90' | 'natTimeoutP50'>;

/** Chart 4: interval of each adaptive strategy over time (median, p10–p90) vs NAT timeout. */
export function intervalsChart(result: ExperimentResult): ChartSpec | null {
  const title = 'Heartbeat interval over time';
  return intervalBandChart(result, (t) => t, {
    id: 'intervals',
    title,
    natLabel: 'NAT idle timeout (median)',
    caption:
      "Heartbeat interval each strategy uses over time across sampled phones: line the median, band p10–p90, averaged over replications; dashed black the median NAT idle timeout of the sampled phones' current networks (with several carriers, no single phone faces that median: the per-group charts show each group against its own).",
    subtitle: `${result.scenario.name}: median line, p10–p90 band over sampled phones`,
  });
}

/**
 * Chart 4 per phone group (scenarios with several groups): each group's band against the
 * NAT timeout its own phones face, so a policy that is safe for the median carrier but
 * fails on a 5-min one shows it.
 */
export function intervalsByGroupCharts(result: ExperimentResult): ChartSpec[] {
  const first = result.runs.find((r) => r.intervals?.groups)?.intervals?.groups ?? [];
  return first
    .map((g, gi) => ({ g, gi }))
    .filter(({ g }) => g.phones > 0)
    .map(({ g, gi }) =>
      intervalBandChart(result, (t) => t.groups?.[gi], {
        id: `intervals-group-${slug(g.name)}`,
        title: `Heartbeat interval over time: ${g.name}`,
        natLabel: `NAT idle timeout of ${g.name} (median)`,
        caption: `Heartbeat interval each strategy uses over time on the ${g.phones} sampled phones of group ${g.name}: line the median, band p10–p90, averaged over replications; dashed black the median NAT idle timeout of those phones' current networks.`,
        subtitle: `${result.scenario.name}, group ${g.name} (${g.phones} sampled phones)`,
      }),
    )
    .filter((c): c is ChartSpec => c !== null);
}

function slug(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-');
}

interface BandChartText {
  id: string;
  title: string;
  natLabel: string;
  caption: string;
  subtitle: string;
}

function intervalBandChart(
  result: ExperimentResult,
  pick: (t: IntervalTrace) => Band | undefined,
  text: BandChartText,
): ChartSpec | null {
  const { divisor, unit } = timeAxis(runHorizonS(result.scenario));
  const datasets: { [key: string]: Json }[] = [];
  let nat: { x: number; y: number | null }[] | null = null;
  let i = 0;
  for (const [name, runs] of groupRuns(result)) {
    const idx = i++;
    const traces = tracesOf(runs);
    const bands = traces.map((t) => pick(t!)).filter((b): b is Band => b !== undefined);
    if (bands.length === 0) continue;
    const len = Math.min(...traces.map((t) => t!.timesS.length));
    const times = traces[0]!.timesS.slice(0, len).map((t) => t / divisor);
    const step = Math.max(1, Math.ceil(len / MAX_LINE_POINTS));
    const at = (ys: number[]) =>
      times.map((x, k) => ({ x, y: num(ys[k]) })).filter((_, k) => k % step === 0);
    const mean = (which: (b: Band) => number[]) =>
      meanOfArrays(bands.map((b) => which(b).slice(0, len)));
    const color = colorAt(idx);
    const common = { pointRadius: 0, hbsimGroup: name };
    datasets.push(
      {
        ...common,
        label: `${name} p10`,
        data: at(mean((b) => b.p10)),
        borderWidth: 0,
        borderColor: withAlpha(color, 0),
        fill: false,
        hbsimLegendHidden: true,
      },
      {
        ...common,
        label: `${name} p90`,
        data: at(mean((b) => b.p90)),
        borderWidth: 0,
        borderColor: withAlpha(color, 0),
        backgroundColor: withAlpha(color, 0.18),
        fill: '-1',
        hbsimLegendHidden: true,
      },
      {
        ...common,
        label: name,
        data: at(mean((b) => b.p50)),
        borderColor: color,
        backgroundColor: color,
        borderDash: dashAt(idx),
        borderWidth: 2.5,
        fill: false,
      },
    );
    nat ??= at(mean((b) => b.natTimeoutP50));
  }
  if (datasets.length === 0 || nat === null) return null;
  let top = 0;
  for (const d of datasets) {
    for (const p of d.data as { y: number | null }[]) if (p.y !== null && p.y > top) top = p.y;
  }
  for (const p of nat as { y: number | null }[]) if (p.y !== null && p.y > top) top = p.y;
  const shade = warmupShade(result.scenario.warmupS, divisor, top);
  if (shade) datasets.push(shade);
  datasets.push({
    label: text.natLabel,
    data: nat,
    borderColor: REFERENCE_COLOR,
    backgroundColor: REFERENCE_COLOR,
    borderDash: [6, 4],
    borderWidth: 2,
    pointRadius: 0,
    fill: false,
  });
  return {
    id: text.id,
    title: text.title,
    caption: text.caption,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        title: text.title,
        subtitle: text.subtitle,
        legend: true,
        lineLegend: true,
        x: {
          title: `Simulated time (${unit})`,
          min: 0,
          max: runHorizonS(result.scenario) / divisor,
        },
        y: { title: 'Interval (s)', beginAtZero: true },
      }),
    },
  };
}
