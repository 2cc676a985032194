import seedrandom from 'seedrandom';
import type { TuneParam } from '../scenario/tune.js';

/**
 * The search space: every parameter mapped to the unit interval [0, 1] (linear, or on the
 * log of the value), integers rounded, choices cut into equal cells. The search works in
 * unit coordinates; a candidate is the vector of values its coordinates decode to, so two
 * coordinates that decode to the same values are one candidate.
 */

/** Significant digits kept in decoded values: labels and scenario hashes stay stable. */
function tidy(x: number): number {
  return Number(x.toPrecision(6));
}

export function decode(p: TuneParam, u: number): unknown {
  const c = Math.min(1, Math.max(0, u));
  if (p.kind === 'choices')
    return p.choices[Math.min(p.choices.length - 1, Math.floor(c * p.choices.length))];
  const v =
    p.scale === 'log' ? p.min * Math.exp(c * Math.log(p.max / p.min)) : p.min + c * (p.max - p.min);
  if (p.integer) return Math.min(Math.floor(p.max), Math.max(Math.ceil(p.min), Math.round(v)));
  return tidy(v);
}

/** The unit coordinate of a value (the cell centre for a choice); undefined when outside. */
export function encode(p: TuneParam, value: unknown): number | undefined {
  if (p.kind === 'choices') {
    const i = p.choices.findIndex((c) => JSON.stringify(c) === JSON.stringify(value));
    return i < 0 ? undefined : (i + 0.5) / p.choices.length;
  }
  if (typeof value !== 'number' || value < p.min || value > p.max) return undefined;
  return p.scale === 'log'
    ? Math.log(value / p.min) / Math.log(p.max / p.min)
    : (value - p.min) / (p.max - p.min);
}

/**
 * A Latin hypercube of n points in [0, 1]^d (McKay, Beckman & Conover 1979): each axis cut
 * into n equal strata, one point per stratum on every axis, strata paired by independent
 * random permutations, each point at a random place in its cell. Deterministic for a seed.
 * Written here (20 lines) rather than taken from npm: the packages found are unmaintained
 * single-author ports without a seedable generator (docs/tune.md).
 */
export function latinHypercube(n: number, d: number, seed: string): number[][] {
  const rng = seedrandom(seed);
  const columns: number[][] = [];
  for (let k = 0; k < d; k++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    columns.push(perm.map((stratum) => (stratum + rng()) / n));
  }
  return Array.from({ length: n }, (_, i) => columns.map((col) => col[i]));
}

export function decodeAll(params: readonly TuneParam[], u: readonly number[]): unknown[] {
  return params.map((p, k) => decode(p, u[k]));
}

/** A stable key of a candidate's values (equal keys = one candidate). */
export function valuesKey(values: readonly unknown[]): string {
  return JSON.stringify(values);
}

/**
 * Neighbours of a point for the local refinement (a compass / pattern search step): ± step
 * along each range axis (clamped to [0, 1]; integers move at least one unit), and every
 * other choice of a choice axis.
 */
export function neighbours(
  params: readonly TuneParam[],
  u: readonly number[],
  step: number,
): number[][] {
  const out: number[][] = [];
  params.forEach((p, k) => {
    if (p.kind === 'choices') {
      for (let i = 0; i < p.choices.length; i++) {
        const c = (i + 0.5) / p.choices.length;
        if (Math.abs(c - u[k]) > 1e-12) out.push(u.map((x, j) => (j === k ? c : x)));
      }
      return;
    }
    let s = step;
    if (p.integer) {
      const span = p.scale === 'log' ? Math.log(p.max / p.min) : p.max - p.min;
      const v = decode(p, u[k]) as number;
      // At least one integer away on this axis, on its own scale.
      const oneUnit = p.scale === 'log' ? Math.log((v + 1) / v) / span : 1 / Math.max(1e-12, span);
      s = Math.max(step, oneUnit);
    }
    for (const sign of [-1, 1]) {
      const x = Math.min(1, Math.max(0, u[k] + sign * s));
      if (Math.abs(x - u[k]) > 1e-12) out.push(u.map((y, j) => (j === k ? x : y)));
    }
  });
  return out;
}
