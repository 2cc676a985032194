import type { Distribution } from './distribution.js';
import { requireFinite } from './validate.js';

/** Always `value`. Draws 0 uniforms. */
export function constant(value: number): Distribution {
  requireFinite('constant', 'value', value);
  return {
    sample: () => value,
    mean: () => value,
    describe: () => `constant(${value})`,
  };
}
