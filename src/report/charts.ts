/**
 * The report's charts as specs (pure): bars with CI per headline metric, signaling over
 * time, push-latency CDF, adaptive intervals against the NAT timeout, battery box plot.
 * Each builder returns null when the experiment has nothing to draw.
 */
import { headlineBarCharts } from './barCharts.js';
import type { ChartSpec } from './chartSpec.js';
import { batteryBoxChart, batteryByGroupChart, latencyCdfChart } from './distributionCharts.js';
import { intervalsByGroupCharts, intervalsChart, signalingChart } from './timeCharts.js';
import { tradeoffCharts } from './tradeoffCharts.js';
import type { ExperimentResult, Summary } from './types.js';
import { warmupChart } from './warmupChart.js';

export { barChart, headlineBarCharts, metricBarChart } from './barCharts.js';
export { batteryBoxChart, batteryByGroupChart, latencyCdfChart } from './distributionCharts.js';
export { paretoFront, tradeoffChart, tradeoffCharts } from './tradeoffCharts.js';
export {
  intervalsByGroupCharts,
  intervalsChart,
  MAX_LINE_POINTS,
  signalingChart,
  timeAxis,
  windowMeans,
} from './timeCharts.js';

/** Every chart of one report, in reading order. */
export function reportCharts(result: ExperimentResult, summary: Summary): ChartSpec[] {
  return [
    ...tradeoffCharts(summary),
    ...headlineBarCharts(summary),
    signalingChart(result),
    warmupChart(result),
    latencyCdfChart(result),
    intervalsChart(result),
    ...intervalsByGroupCharts(result),
    batteryBoxChart(summary),
    batteryByGroupChart(summary),
  ].filter((c): c is ChartSpec => c !== null);
}
