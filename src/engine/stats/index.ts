export { Counter } from './counter.js';
export { LogHistogram, type LogHistogramJSON, type LogHistogramOptions } from './logHistogram.js';
export { Tally, type TallyJSON } from './tally.js';
export { TimeSeries, type TimeSeriesOptions } from './timeSeries.js';
export { TimeWeighted, type TimeWeightedOptions } from './timeWeighted.js';
export type { WarmupOptions } from './warmup.js';
