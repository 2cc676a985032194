export * from './distributions/index.js';
export { fromSequence, type SequenceSource } from './sequence.js';
export { SingleStream } from './singleStream.js';
export type { RandomSource } from './source.js';
export { type StreamSeed, streamKey } from './streamKey.js';
export { StreamTable } from './streams.js';
export { KeyedValues } from './keyedValues.js';
export { TimeKeyedDraws } from './timeKeyed.js';
