import { InvalidArgumentError } from 'commander';
import type { Override } from '../scenario/overrides.js';
import { parseDuration } from '../scenario/units.js';
import { UsageError } from './errors.js';

/**
 * Parsers for flag values (commander calls them; InvalidArgumentError becomes a usage error
 * with exit code 2) and the translation of run flags into scenario overrides, so that
 * `--duration 2h` is validated exactly like `duration: 2h` in the file.
 */

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('expected a whole number >= 0.');
  return Number(value);
}

export function positiveInt(value: string): number {
  const n = nonNegativeInt(value);
  if (n < 1) throw new InvalidArgumentError('expected a whole number >= 1.');
  return n;
}

/** A duration flag (seconds or "2h"); returns the text, checked. */
export function durationText(value: string): string {
  const ok = /^\d+(\.\d+)?$/.test(value.trim()) || parseDuration(value) !== undefined;
  if (!ok) throw new InvalidArgumentError('expected a duration like 3600, 30m, 2h, 1d or 1h30m.');
  return value;
}

export function durationSeconds(value: string): number {
  const t = value.trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : (parseDuration(t) as number);
}

/** Repeatable option: `--set a=1 --set b=2`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export interface ScenarioFlags {
  seed?: number;
  replications?: number;
  duration?: string;
  /** `--sweep path=v1,v2,…` or `--sweep path=60s..30m x 12` (repeatable: a grid). */
  sweep?: string[];
}

/** `path=v1,v2,…` (values as YAML scalars) or `path=<range>` → one sweep grid entry. */
export function sweepOverride(arg: string): Override {
  const eq = arg.indexOf('=');
  if (eq <= 0 || arg.slice(eq + 1).trim() === '') {
    // Not an InvalidArgumentError: this runs after commander's parsing, where that error
    // would be taken for one commander had already printed.
    throw new UsageError(
      `--sweep ${arg}: expected path=v1,v2,… or path=60s..30m x 12. To fix this, name a scenario path and its values.`,
    );
  }
  const path = arg.slice(0, eq).trim();
  const text = arg.slice(eq + 1).trim();
  const value = text.includes('..') ? text : text.split(',').map((v) => scalar(v.trim()));
  return { path: ['sweep', 'grid', path], value, label: `--sweep ${arg}` };
}

/** A number when it reads as one, else the text (durations stay strings for the schema). */
function scalar(v: string): unknown {
  if (/^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/** --seed, --replications, --duration as overrides labelled with the flag. */
export function flagOverrides(flags: ScenarioFlags): Override[] {
  const out: Override[] = [];
  if (flags.seed !== undefined)
    out.push({ path: ['seed'], value: flags.seed, label: `--seed ${flags.seed}` });
  if (flags.replications !== undefined) {
    out.push({
      path: ['replications'],
      value: flags.replications,
      label: `--replications ${flags.replications}`,
    });
  }
  if (flags.duration !== undefined) {
    out.push({
      path: ['duration'],
      value: durationSeconds(flags.duration),
      label: `--duration ${flags.duration}`,
    });
  }
  for (const arg of flags.sweep ?? []) out.push(sweepOverride(arg));
  return out;
}

/** A memory size: bytes, or a number with K, M, G or T (binary units, optional B): "4G", "512MB". */
export function memorySize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(value);
  const scale: Record<string, number> = {
    '': 1,
    k: 1024,
    m: 1024 ** 2,
    g: 1024 ** 3,
    t: 1024 ** 4,
  };
  const bytes = m ? Number(m[1]) * scale[m[2].toLowerCase()] : Number.NaN;
  if (!Number.isFinite(bytes) || bytes < 1) {
    throw new InvalidArgumentError('expected a memory size like 512M, 4G or 16GB.');
  }
  return Math.floor(bytes);
}

/** A positive duration flag in seconds ("30s", "2m", 10). */
export function positiveDurationSeconds(value: string): number {
  durationText(value);
  const s = durationSeconds(value);
  if (!(s > 0) || !Number.isFinite(s)) throw new InvalidArgumentError('expected a duration > 0.');
  return s;
}
