/**
 * The warm-up chart: Welch's (1983) graphical procedure. Each strategy's reconnect rate
 * over simulated time, smoothed by a centred moving average, with the warm-up cut shaded:
 * the curve should be flat to the right of the shade. Drawn from the warm-up pilots (which
 * measure from time 0) when the cut was chosen automatically, else from the measured runs
 * (mean over replications, from the cut on).
 */
import type { RunSeries } from '../model/runResult.js';
import { baseOptions, type ChartSpec, type Json, num } from './chartSpec.js';
import { groupRuns, meanOfArrays } from './runs.js';
import { strategyLine } from './style.js';
import { MAX_LINE_POINTS, runHorizonS, timeAxis, warmupShade, windowMeans } from './timeCharts.js';
import type { ExperimentResult } from './types.js';

/** Half-width of the moving average, in buckets (30 buckets = 1 h of 1-min buckets, 61 in all). */
export const WELCH_HALF_WINDOW = 30;

/** Centred moving average; the window shrinks near the ends (Welch 1983). */
export function movingAverage(values: readonly number[], half: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const w = Math.min(half, i, values.length - 1 - i);
    let s = 0;
    for (let k = i - w; k <= i + w; k++) s += values[k];
    out.push(s / (2 * w + 1));
  }
  return out;
}

export function warmupChart(result: ExperimentResult): ChartSpec | null {
  const sc = result.scenario;
  const fromPilots = (result.pilots ?? []).length > 0;
  // Pilots run from time 0, the longest over several measured windows.
  const spanS = fromPilots
    ? Math.max(...result.pilots!.map((p) => p.series.reconnects.length * p.series.bucketS))
    : runHorizonS(sc);
  const { divisor, unit } = timeAxis(spanS);
  const sources: { name: string; series: RunSeries[]; startS: number }[] = fromPilots
    ? result.pilots!.map((p) => ({ name: p.strategy, series: [p.series], startS: 0 }))
    : [...groupRuns(result)].map(([name, runs]) => ({
        name,
        series: runs.map((r) => r.series).filter((s) => s && s.reconnects.length > 0),
        startS: sc.warmupS,
      }));
  const datasets: { [key: string]: Json }[] = [];
  let top = 0;
  const order = sc.strategies;
  for (const src of sources) {
    if (src.series.length === 0) continue;
    const bucketS = src.series[0].bucketS;
    const perPhoneDay = 86_400 / bucketS / Math.max(1, sc.phones);
    const rate = meanOfArrays(src.series.map((s) => s.reconnects.map((v) => v * perPhoneDay)));
    const smooth = movingAverage(rate, WELCH_HALF_WINDOW);
    const factor = Math.max(1, Math.ceil(smooth.length / MAX_LINE_POINTS));
    const ys = windowMeans(smooth, factor);
    for (const y of ys) if (y > top) top = y;
    const first = Math.floor(src.startS / bucketS) * bucketS;
    const idx = Math.max(0, order.indexOf(src.name));
    datasets.push(
      strategyLine(
        src.name,
        ys.map((y, k) => ({ x: (first + k * factor * bucketS) / divisor, y: num(y) })),
        idx,
      ),
    );
  }
  if (datasets.length === 0) return null;
  const shade = warmupShade(sc.warmupS, divisor, top);
  if (shade) datasets.push(shade);
  const title = 'Warm-up: reconnect rate over time (Welch plot)';
  const basis = fromPilots
    ? 'one warm-up pilot run per strategy (measured from time 0)'
    : 'measured runs, mean over replications';
  return {
    id: 'warmup-welch',
    title,
    caption: `Reconnects per phone-day over simulated time, centred ${2 * WELCH_HALF_WINDOW + 1}-bucket moving average (Welch's procedure), from ${basis}; the shaded warm-up is left out of every metric.`,
    config: {
      type: 'line',
      data: { datasets },
      options: baseOptions({
        title,
        subtitle: `${sc.name}: ${basis}`,
        legend: true,
        lineLegend: true,
        x: { title: `Simulated time (${unit})`, min: 0, max: spanS / divisor },
        y: { title: 'Reconnects (/phone/day), moving average', beginAtZero: true },
      }),
    },
  };
}
