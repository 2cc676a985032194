import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';
import { standardNormal } from './normal.js';
import { requireFinite, requireNonNegative, requirePositive } from './validate.js';

/**
 * exp(Normal(mu, sigma)): mu and sigma are those of ln(x).
 * Mean exp(mu + sigma²/2), median exp(mu). Draws exactly 2 uniforms.
 */
export function logNormal(mu: number, sigma: number): Distribution {
  requireFinite('logNormal', 'mu', mu);
  requireNonNegative('logNormal', 'sigma', sigma);
  return {
    sample: (src: RandomSource) => Math.exp(mu + sigma * standardNormal(src)),
    mean: () => Math.exp(mu + (sigma * sigma) / 2),
    describe: () => `logNormal(mu=${mu}, sigma=${sigma})`,
  };
}

/**
 * Log-normal given its median (e.g. a measured NAT timeout) and the standard
 * deviation of ln(x): mu = ln(median).
 */
export function logNormalFromMedian(median: number, sigmaLog: number): Distribution {
  requirePositive('logNormalFromMedian', 'median', median);
  requireNonNegative('logNormalFromMedian', 'sigmaLog', sigmaLog);
  return logNormal(Math.log(median), sigmaLog);
}
