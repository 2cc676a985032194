/**
 * Deterministic JSON: object keys sorted, numbers rounded to a fixed number of significant
 * digits (so summation-order noise in the last bits cannot change the bytes), non-finite
 * numbers as null, -0 as 0. Arrays keep their order (it carries meaning).
 */

export const SIGNIFICANT_DIGITS = 10;

export function roundSignificant(x: number, digits = SIGNIFICANT_DIGITS): number | null {
  if (!Number.isFinite(x)) return null;
  if (x === 0) return 0;
  const r = Number(x.toPrecision(digits));
  return r === 0 ? 0 : r;
}

/** A copy with sorted keys and rounded numbers; undefined members are dropped, as JSON does. */
export function canonicalize(value: unknown, digits = SIGNIFICANT_DIGITS): unknown {
  if (typeof value === 'number') return roundSignificant(value, digits);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    return value.map((v) => (v === undefined ? null : canonicalize(v, digits)));
  }
  const src = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(src).sort()) {
    const v = src[key];
    if (v === undefined || typeof v === 'function') continue;
    out[key] = canonicalize(v, digits);
  }
  return out;
}

/** Pretty, deterministic JSON text with a final newline. */
export function canonicalJson(value: unknown, digits = SIGNIFICANT_DIGITS): string {
  return `${JSON.stringify(canonicalize(value, digits), null, 2)}\n`;
}
