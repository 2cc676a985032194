/** Number formatting for tables: a value with its 95% half-interval at matching precision. */
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

/**
 * "mean ± half": the half-width with two significant digits and the mean to the same
 * decimal place. Without a spread (n = 1 or zero variance) the mean alone, with a note.
 */
export function fmtMeanHalf(mean: number, ci: readonly [number, number], n: number): string {
  if (!Number.isFinite(mean)) return MISSING;
  const half = (ci[1] - ci[0]) / 2;
  if (n < 2) return `${fmtNumber(mean)} (n=${n})`;
  // A half-width below 1e-6 of the mean is rounding noise: show the mean, not ten zeros.
  if (!(half > 1e-6 * Math.abs(mean))) return `${fmtNumber(mean)} ± 0`;
  const decimals = Math.min(10, Math.max(0, 1 - Math.floor(Math.log10(half))));
  return `${mean.toFixed(decimals)} ± ${half.toFixed(decimals)}`;
}

export function fmtEstimate(e: Estimate | undefined): string {
  return e ? fmtMeanHalf(e.mean, e.ci95, e.n) : MISSING;
}

/** Paired difference "+Δ ± half (rel %)", with * when the 95% CI excludes 0. */
export function fmtPaired(p: PairedEstimate | undefined): string {
  if (!p || !Number.isFinite(p.meanDiff)) return MISSING;
  let s = fmtMeanHalf(p.meanDiff, p.ci95, p.n);
  if (p.meanDiff > 0) s = `+${s}`;
  if (Number.isFinite(p.relDiff)) {
    const pct = 100 * p.relDiff;
    s += ` (${pct > 0 ? '+' : ''}${fmtNumber(pct, 3)}%)`;
  }
  if (p.n >= 2 && (p.ci95[0] > 0 || p.ci95[1] < 0)) s += ' *';
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
