/** Number formatting for tables: a value with its 95% half-interval at matching precision. */
import { isSignificant } from './aggregate.js';
import type { Estimate, PairedEstimate } from './types.js';

export const MISSING = '—';

/** A number with `sig` significant digits, without exponent notation for everyday ranges. */
export function fmtNumber(x: number, sig = 4): string {
  if (!Number.isFinite(x)) return MISSING;
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 1e9 || abs < 1e-4) return x.toExponential(sig - 1);
  const decimals = Math.max(0, sig - 1 - Math.floor(Math.log10(abs)));
  return trimZeros(x.toFixed(Math.min(decimals, 10)));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Shown where an interval cannot exist (one replication). */
export const NO_INTERVAL = 'n/a';

/**
 * "mean ± half": the half-width with two significant digits and the mean to the same
 * decimal place. No interval (one replication): "mean ± n/a". An asymmetric interval
 * (log/logit scale, bootstrap): "mean [low, high]". Values that did not vary: "mean ± 0
 * (no variation)", never a precision claim.
 */
export function fmtMeanHalf(
  mean: number,
  ci: readonly [number, number] | null,
  noVariation = false,
  symmetric = true,
): string {
  if (!Number.isFinite(mean)) return MISSING;
  if (ci === null) return `${fmtNumber(mean)} ± ${NO_INTERVAL}`;
  // Nothing happened in any replication: a plain 0 says it without a precision claim.
  if (noVariation && mean === 0) return '0';
  if (noVariation) return `${fmtNumber(mean)} ± 0 (no variation)`;
  const half = (ci[1] - ci[0]) / 2;
  if (!(half > 1e-6 * Math.abs(mean)))
    return mean === 0 ? '0' : `${fmtNumber(mean)} ± 0 (no variation)`;
  const decimals = Math.min(10, Math.max(0, 1 - Math.floor(Math.log10(half))));
  if (!symmetric) {
    return `${mean.toFixed(decimals)} [${ci[0].toFixed(decimals)}, ${ci[1].toFixed(decimals)}]`;
  }
  return `${mean.toFixed(decimals)} ± ${half.toFixed(decimals)}`;
}

export function fmtEstimate(e: Estimate | undefined): string {
  if (!e) return MISSING;
  return fmtMeanHalf(e.mean, e.ci95, e.noVariation, e.interval === 't');
}

/** Paired difference "+Δ ± half (rel %)", with * when significant (isSignificant). */
export function fmtPaired(p: PairedEstimate | undefined): string {
  if (!p || !Number.isFinite(p.meanDiff)) return MISSING;
  let s = fmtMeanHalf(p.meanDiff, p.ci95, p.noVariation, p.interval === 't');
  if (p.meanDiff > 0) s = `+${s}`;
  if (Number.isFinite(p.relDiff) && p.meanDiff !== 0) {
    const pct = 100 * p.relDiff;
    s += ` (${pct > 0 ? '+' : ''}${fmtNumber(pct, 3)}%)`;
  }
  if (isSignificant(p)) s += ' *';
  return s;
}

/** Simulated duration for humans: "1 d", "6 h", "30 min", "45 s". */
export function fmtDuration(s: number): string {
  if (!Number.isFinite(s)) return MISSING;
  if (s >= 86400 && s % 3600 === 0) return `${fmtNumber(s / 86400, 3)} d`;
  if (s >= 3600) return `${fmtNumber(s / 3600, 3)} h`;
  if (s >= 60) return `${fmtNumber(s / 60, 3)} min`;
  return `${fmtNumber(s, 3)} s`;
}
