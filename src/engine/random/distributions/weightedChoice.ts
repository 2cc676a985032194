import type { RandomSource } from '../source.js';
import type { Distribution } from './distribution.js';

/**
 * values[i] with probability weights[i] / Σweights. Weights need not sum to 1.
 * Draws 1 uniform; O(log n) by binary search on the cumulative weights.
 */
export function weightedChoice(
  values: readonly number[],
  weights: readonly number[],
): Distribution {
  const n = values.length;
  if (n === 0) throw new RangeError('weightedChoice: needs at least one value');
  if (weights.length !== n) {
    throw new RangeError(`weightedChoice: ${n} values but ${weights.length} weights`);
  }
  const cumulative = new Float64Array(n);
  let total = 0;
  let weightedSum = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(Number.isFinite(w) && w >= 0)) {
      throw new RangeError(`weightedChoice: weights[${i}] must be finite and >= 0, got ${w}`);
    }
    if (!Number.isFinite(values[i])) {
      throw new RangeError(`weightedChoice: values[${i}] must be finite, got ${values[i]}`);
    }
    total += w;
    weightedSum += w * values[i];
    cumulative[i] = total;
  }
  if (!(total > 0)) throw new RangeError('weightedChoice: weights must sum to more than 0');
  const choices = Float64Array.from(values);

  return {
    sample(src: RandomSource): number {
      // target lies in (0, total): u < 1 - 2^-33 keeps u·total below total
      // after rounding, so the search always ends inside the array.
      const target = src.uniform() * total;
      // First index whose cumulative weight exceeds target; a zero-weight
      // entry repeats its predecessor's cumulative value, so it is never first.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > target) hi = mid;
        else lo = mid + 1;
      }
      return choices[lo];
    },
    mean: () => weightedSum / total,
    describe: () => `weightedChoice(${n} values)`,
  };
}
