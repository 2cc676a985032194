export { Counter } from './counter.js';
export { LogHistogram, type LogHistogramJSON, type LogHistogramOptions } from './logHistogram.js';
export { Tally, type TallyJSON } from './tally.js';
export { TimeSeries, type TimeSeriesOptions } from './timeSeries.js';
export { TimeWeighted, type TimeWeightedOptions } from './timeWeighted.js';
export type { WarmupOptions } from './warmup.js';
export {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrapReplications,
  DEFAULT_RESAMPLES,
} from './bootstrap.js';
export { MSER_BATCH, type MserResult, mser } from './mser.js';
export { PooledHistograms } from './pooledHistograms.js';
export { ExactSum } from './exactSum.js';
