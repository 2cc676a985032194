import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';
import { requireFinite, requireNonNegative } from './validate.js';

const TWO_PI = 2 * Math.PI;

/**
 * Standard normal by Box–Muller from two uniforms: radius from the first,
 * angle from the second. The second variate of the pair is deliberately
 * dropped: caching it would make the draw count depend on call parity.
 */
export function standardNormal(src: RandomSource): number {
  const radius = Math.sqrt(-2 * Math.log(src.uniform()));
  return radius * Math.cos(TWO_PI * src.uniform());
}

/** Normal(mu, sigma); sigma = 0 degenerates to mu. Draws exactly 2 uniforms. */
export function normal(mu: number, sigma: number): Distribution {
  requireFinite('normal', 'mu', mu);
  requireNonNegative('normal', 'sigma', sigma);
  return {
    sample: (src: RandomSource) => mu + sigma * standardNormal(src),
    mean: () => mu,
    describe: () => `normal(mu=${mu}, sigma=${sigma})`,
  };
}
