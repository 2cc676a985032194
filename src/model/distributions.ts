import {
  constant,
  type Distribution,
  empiricalCdf,
  exponential,
  logNormalFromMedian,
  normal,
  uniform,
  weightedChoice,
} from '../engine/random/index.js';
import type { DistributionSpec } from './config.js';

/** Builds the engine distribution a scenario names (see docs/scenario.md for the forms). */
export function buildDistribution(spec: DistributionSpec): Distribution {
  switch (spec.type) {
    case 'constant':
      return constant(spec.value);
    case 'exponential':
      return exponential(1 / spec.mean);
    case 'uniform':
      return uniform(spec.min, spec.max);
    case 'normal':
      return normal(spec.mean, spec.sd);
    case 'lognormal':
      return logNormalFromMedian(spec.median, spec.sigma);
    case 'choice':
      return weightedChoice(spec.values, spec.weights);
    case 'empirical':
      return empiricalCdf(spec.points);
  }
}

/** Median of a distribution spec (the "true NAT timeout" line of the interval chart). */
export function specMedian(spec: DistributionSpec): number {
  switch (spec.type) {
    case 'constant':
      return spec.value;
    case 'exponential':
      return spec.mean * Math.LN2;
    case 'uniform':
      return (spec.min + spec.max) / 2;
    case 'normal':
      return spec.mean;
    case 'lognormal':
      return spec.median;
    case 'choice': {
      const order = spec.values
        .map((v, i) => [v, spec.weights[i]] as const)
        .sort((a, b) => a[0] - b[0]);
      const total = order.reduce((s, [, w]) => s + w, 0);
      let acc = 0;
      for (const [v, w] of order) {
        acc += w;
        if (acc >= total / 2) return v;
      }
      return order[order.length - 1][0];
    }
    case 'empirical': {
      const pts = spec.points;
      for (let i = 1; i < pts.length; i++) {
        const [x0, p0] = pts[i - 1];
        const [x1, p1] = pts[i];
        if (p1 >= 0.5) return p1 === p0 ? x1 : x0 + ((0.5 - p0) / (p1 - p0)) * (x1 - x0);
      }
      return pts[pts.length - 1][0];
    }
  }
}
