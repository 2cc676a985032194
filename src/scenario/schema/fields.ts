import { z } from 'zod';
import type { DistributionSpec } from '../../model/config.js';
import {
  DURATION_EXPECTED,
  DURATION_PATTERN,
  parseRate,
  RATE_PATTERN,
  rateExpected,
  toSeconds,
} from '../units.js';

/**
 * Building blocks of the scenario schema: strict mappings that remember their keys (for
 * "did you mean" hints), unions that say what they expected, durations, rates and
 * distributions. Values come out in model units (seconds, per hour), so the resolver never
 * sees a unit string.
 */

/** Known keys of each mapping zod rejected for an unknown key, keyed by the rejected input. */
const knownKeysByInput = new WeakMap<object, string[]>();

/** The keys the schema allows in the mapping `input` (recorded when it had an unknown key). */
export function knownKeysOf(input: unknown): string[] | undefined {
  return typeof input === 'object' && input !== null ? knownKeysByInput.get(input) : undefined;
}

/**
 * A mapping with exactly these keys. Unknown keys are errors (a typo must not silently fall
 * back to a default); the rejected mapping is remembered with its allowed keys for the hint.
 */
export function strict<T extends z.ZodRawShape>(shape: T) {
  const keys = Object.keys(shape);
  return z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys' && typeof iss.input === 'object' && iss.input !== null) {
        knownKeysByInput.set(iss.input, keys);
      }
      return undefined;
    },
  });
}

/** A union whose failure message is the plain-words description of what it accepts. */
export function oneOf<const T extends readonly [z.ZodType, z.ZodType, ...z.ZodType[]]>(
  options: T,
  expected: string,
) {
  return z.union(options, { error: expected });
}

/** Marks a custom issue with the fields of a ScenarioIssue (read back in zodIssues.ts). */
export interface IssueParams {
  expected: string;
  hint?: string;
}

type DurationBound = 'nonnegative' | 'positive';

/** A duration in seconds: a number, or a string like "4.5m" or "1h30m". */
export function duration(bound: DurationBound = 'nonnegative') {
  const input = oneOf(
    [
      z.number().nonnegative(),
      z.string().regex(new RegExp(DURATION_PATTERN), { error: DURATION_EXPECTED }),
    ],
    DURATION_EXPECTED,
  );
  const seconds = input.transform((v) => toSeconds(v));
  if (bound === 'nonnegative') return seconds;
  return seconds.refine((v) => v > 0, {
    error: 'must be longer than 0',
    params: { expected: 'a duration longer than 0' } satisfies IssueParams,
  });
}

/**
 * A rate in events per `unitName` (unitSeconds long): a plain number is already in that unit,
 * a string carries its own ("3/h", "1/10m").
 */
export function rate(unitName: string, unitSeconds: number) {
  const expected = rateExpected(unitName);
  return oneOf(
    [z.number().nonnegative(), z.string().regex(new RegExp(RATE_PATTERN), { error: expected })],
    expected,
  )
    .transform((v) => (typeof v === 'number' ? v : (parseRate(v, unitSeconds) ?? Number.NaN)))
    .refine((v) => Number.isFinite(v), {
      // "1/0s" reads as 1 ÷ 0 = Infinity: refused, not run as "no pushes".
      error: 'must be a finite rate',
      params: { expected: `${expected}, finite (not per 0 s)` } satisfies IssueParams,
    });
}

export const perHour = () => rate('hour', 3600);
export const perDay = () => rate('day', 86_400);
export const perSecond = () => rate('second', 1);

/**
 * Error texts written here (not zod's defaults): zodIssues.ts uses them as the "expected"
 * part of a message as they are.
 */
const AUTHORED = new Set<string>();

export function isAuthored(message: string): boolean {
  return AUTHORED.has(message);
}

function said(text: string): { error: string } {
  AUTHORED.add(text);
  return { error: text };
}

/** A whole number, at least `min`; messages say "integer" (zod's bounds say "number"). */
export function integer(min: number) {
  return z.int(said('an integer')).min(min, said(`an integer >= ${min}`));
}

/** A non-empty name. */
export const name = () => z.string().min(1, said('a non-empty name'));

/** Positive finite number (a power in W, a voltage, a factor). */
export const positive = () => z.number().positive();

const DIST_EXPECTED =
  'a duration (a constant) or a distribution like {dist: uniform, min: 5m, max: 30m}';

function custom(
  ctx: z.RefinementCtx,
  message: string,
  path: (string | number)[],
  expected: string,
) {
  ctx.addIssue({ code: 'custom', message, path, params: { expected } satisfies IssueParams });
}

const constantDist = strict({ dist: z.literal('constant'), value: duration() });
const exponentialDist = strict({ dist: z.literal('exponential'), mean: duration('positive') });
const uniformDist = strict({
  dist: z.literal('uniform'),
  min: duration(),
  max: duration(),
}).superRefine((v, ctx) => {
  if (v.max < v.min) custom(ctx, 'max is below min', ['max'], `a duration >= min (${v.min} s)`);
});
const normalDist = strict({ dist: z.literal('normal'), mean: duration(), sd: duration() });
const lognormalDist = strict({
  dist: z.literal('lognormal'),
  median: duration('positive'),
  sigma: z.number().nonnegative(),
});
const choiceDist = strict({
  dist: z.literal('choice'),
  values: z.array(duration()).min(1),
  weights: z.array(z.number().nonnegative()).min(1),
}).superRefine((v, ctx) => {
  if (v.weights.length !== v.values.length) {
    custom(ctx, 'one weight per value', ['weights'], `${v.values.length} weights (one per value)`);
  } else if (!v.weights.some((w) => w > 0)) {
    custom(ctx, 'all weights are 0', ['weights'], 'at least one weight > 0');
  }
});
const empiricalDist = strict({
  dist: z.literal('empirical'),
  points: z.array(z.tuple([duration(), z.number().min(0).max(1)])).min(2),
}).superRefine((v, ctx) => {
  const pts = v.points;
  if (pts.length < 2) return; // min(2) has already said so
  for (let i = 1; i < pts.length; i++) {
    if (pts[i][0] < pts[i - 1][0]) {
      custom(ctx, 'durations must not decrease', ['points', i, 0], `>= ${pts[i - 1][0]} s`);
    }
    if (pts[i][1] < pts[i - 1][1]) {
      custom(ctx, 'probabilities must not decrease', ['points', i, 1], `>= ${pts[i - 1][1]}`);
    }
  }
  if (pts[0][1] !== 0) custom(ctx, 'the first probability must be 0', ['points', 0, 1], '0');
  if (pts[pts.length - 1][1] !== 1) {
    custom(ctx, 'the last probability must be 1', ['points', pts.length - 1, 1], '1');
  }
});

const distObject = z.discriminatedUnion('dist', [
  constantDist,
  exponentialDist,
  uniformDist,
  normalDist,
  lognormalDist,
  choiceDist,
  empiricalDist,
]);

type DistInput = number | z.output<typeof distObject>;

function toSpec(v: DistInput): DistributionSpec {
  if (typeof v === 'number') return { type: 'constant', value: v };
  switch (v.dist) {
    case 'constant':
      return { type: 'constant', value: v.value };
    case 'exponential':
      return { type: 'exponential', mean: v.mean };
    case 'uniform':
      return { type: 'uniform', min: v.min, max: v.max };
    case 'normal':
      return { type: 'normal', mean: v.mean, sd: v.sd };
    case 'lognormal':
      return { type: 'lognormal', median: v.median, sigma: v.sigma };
    case 'choice':
      return { type: 'choice', values: v.values, weights: v.weights };
    case 'empirical':
      return { type: 'empirical', points: v.points.map(([x, p]) => [x, p] as [number, number]) };
  }
}

/** A distribution of durations: a bare duration is a constant; otherwise `{dist: <type>, …}`. */
export function distribution() {
  return oneOf([duration(), distObject], DIST_EXPECTED).transform(toSpec);
}
