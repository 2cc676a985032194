import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';
import { requirePositive } from './validate.js';

/**
 * Exponential with the given rate (mean 1/rate), by inverse CDF:
 * x = -ln(u) / rate. u lies in (0, 1), so x is finite and > 0.
 * Draws 1 uniform.
 */
export function exponential(rate: number): Distribution {
  requirePositive('exponential', 'rate', rate);
  return {
    sample: (src: RandomSource) => -Math.log(src.uniform()) / rate,
    mean: () => 1 / rate,
    describe: () => `exponential(rate=${rate})`,
  };
}
