/**
 * Units a researcher writes by hand: durations ("250ms", "4.5m", "1h30m") and rates ("3/h",
 * "1/10m"). The model only ever sees seconds and per-hour (or per-day) numbers.
 */

const UNIT_SECONDS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  min: 60,
  h: 3600,
  d: 86400,
};

/** One "<number><unit>" part of a duration; "m" is minutes (never months or metres). */
const PART = String.raw`(?:\d+(?:\.\d*)?|\.\d+)\s*(?:ms|s|min|m|h|d)`;

/** The whole-string form of a duration, also published as the JSON Schema pattern. */
export const DURATION_PATTERN = String.raw`^\s*(?:${PART}\s*)+$`;
const DURATION_RE = new RegExp(DURATION_PATTERN);
const PART_RE = /(\d+(?:\.\d*)?|\.\d+)\s*(ms|s|min|m|h|d)/g;

/** What a duration may look like, for error messages. */
export const DURATION_EXPECTED =
  'a duration: a number of seconds, or a string like "250ms", "30s", "4.5m", "2h", "1d", "1h30m"';

/** Seconds in a duration string, or undefined if it is not one. Parts add up: "1h30m" = 5400. */
export function parseDuration(text: string): number | undefined {
  if (!DURATION_RE.test(text)) return undefined;
  let total = 0;
  for (const m of text.matchAll(PART_RE)) total += Number(m[1]) * UNIT_SECONDS[m[2]];
  return total;
}

/** Seconds from a number (already seconds) or a duration string. */
export function toSeconds(value: number | string): number {
  if (typeof value === 'number') return value;
  const s = parseDuration(value);
  if (s === undefined) throw new RangeError(`not a duration: ${JSON.stringify(value)}`);
  return s;
}

/** A compact label for a number of seconds: 300 → "5m", 5400 → "1h30m", 0.25 → "250ms". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds === 0) return '0s';
  if (seconds < 1) return `${round(seconds * 1000)}ms`;
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['d', 86400],
    ['h', 3600],
    ['m', 60],
  ] as const) {
    if (rest >= size && Number.isInteger(seconds)) {
      const n = Math.floor(rest / size);
      parts.push(`${n}${unit}`);
      rest -= n * size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${round(rest)}s`);
  return parts.join('');
}

function round(x: number): number {
  return Number(x.toPrecision(6));
}

/** A rate string: a count per a duration, the unit alone meaning one of it ("3/h", "1/10m", "2/min"). */
export const RATE_PATTERN = String.raw`^\s*(?:\d+(?:\.\d*)?|\.\d+)\s*/\s*(?:(?:\d+(?:\.\d*)?|\.\d+)?\s*(?:ms|s|min|m|h|d)\s*)+$`;
const RATE_RE = new RegExp(RATE_PATTERN);

export function rateExpected(unitName: string): string {
  return `a rate: a number per ${unitName}, or a string like "3/h", "1/d", "2/min", "1/10m"`;
}

/** A rate string converted to events per `perSeconds` seconds (3600 for per hour), or undefined. */
export function parseRate(text: string, perSeconds: number): number | undefined {
  if (!RATE_RE.test(text)) return undefined;
  const slash = text.indexOf('/');
  const count = Number(text.slice(0, slash));
  const den = text.slice(slash + 1).trim();
  // "h" alone means "1h": prefix the 1 so the duration parser reads it.
  const window = parseDuration(/^\d|^\./.test(den) ? den : `1${den}`);
  if (window === undefined || window <= 0) return undefined;
  return (count / window) * perSeconds;
}
