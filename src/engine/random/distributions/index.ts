export { constant } from './constant.js';
export type { Distribution } from './distribution.js';
export { empiricalCdf } from './empiricalCdf.js';
export { exponential } from './exponential.js';
export { logNormal, logNormalFromMedian } from './logNormal.js';
export { normal, standardNormal } from './normal.js';
export { uniform } from './uniform.js';
export { weightedChoice } from './weightedChoice.js';
