import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';
import { requireFinite } from './validate.js';

/** Uniform on (min, max); min = max is allowed and degenerates to a constant. Draws 1 uniform. */
export function uniform(min: number, max: number): Distribution {
  requireFinite('uniform', 'min', min);
  requireFinite('uniform', 'max', max);
  if (max < min) throw new RangeError(`uniform: max (${max}) must be >= min (${min})`);
  const width = max - min;
  return {
    sample: (src: RandomSource) => min + width * src.uniform(),
    mean: () => min + width / 2,
    describe: () => `uniform(${min}, ${max})`,
  };
}
