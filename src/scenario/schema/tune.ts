import { z } from 'zod';
import { duration, integer, name, oneOf, strict } from './fields.js';

/**
 * The `tune:` block: a tuning question as data (what to vary, what to optimise, what must
 * hold, for whom, at what cost). Resolution and cross-checks (metric names, paths) live in
 * ../tune.ts; the search in src/tune/.
 */

const rangeParam = strict({
  min: duration().describe('Lower end (a number, or a duration in seconds).'),
  max: duration().describe('Upper end (a number, or a duration in seconds).'),
  scale: z
    .enum(['lin', 'log'])
    .default('lin')
    .describe('lin (default): search evenly in the value; log: evenly in its logarithm.'),
  integer: z.boolean().default(false).describe('Round every value to an integer.'),
});

const choiceParam = strict({
  choices: z
    .array(z.unknown())
    .min(1)
    .describe('The values to try (e.g. strategy types for strategies.0.type).'),
});

export const tuneParamSchema = oneOf(
  [rangeParam, choiceParam],
  'a range {min, max, scale: lin|log, integer} or a list {choices: [...]}',
);

const objectiveSchema = oneOf(
  [strict({ minimize: name() }), strict({ maximize: name() })],
  'a mapping {minimize: METRIC} or {maximize: METRIC}',
);

const confidence = z
  .number()
  .gt(0.5)
  .lt(1)
  .describe('One-sided confidence the constraint must hold with (default 0.95).');

const constraintSchema = oneOf(
  [
    strict({ metric: name(), max: z.number(), confidence: confidence.optional() }),
    strict({ metric: name(), min: z.number(), confidence: confidence.optional() }),
  ],
  'a mapping {metric: METRIC, max: BOUND} or {metric: METRIC, min: BOUND} (optional confidence)',
);

export const tuneSchema = strict({
  strategy: name()
    .optional()
    .describe('The strategy tuned (default: the first); the others are not run while tuning.'),
  params: z
    .record(z.string().min(1), tuneParamSchema)
    .describe('Scenario path → range or choices, e.g. strategies.0.params.intervalS.'),
  objective: objectiveSchema.describe('The metric to minimise or maximise.'),
  constraints: z
    .array(constraintSchema)
    .default([])
    .describe('Metric bounds that must hold with the stated one-sided confidence.'),
  scope: z
    .enum(['population', 'per-carrier'])
    .default('population')
    .describe(
      'population (default): one policy for every phone; per-carrier: one per carrier, tuned on the phones that live on it.',
    ),
  robust: z
    .boolean()
    .default(false)
    .describe(
      'Optimise (and constrain) the worst carrier instead of the population mean (scope population).',
    ),
  budget: strict({
    phoneDays: z
      .number()
      .positive()
      .optional()
      .describe('Simulated phone-days the search may spend (runs × phones × days).'),
    wallTime: duration('positive')
      .optional()
      .describe(
        'Wall-clock limit, checked between rounds (a run that hits it is not reproducible).',
      ),
  })
    .prefault({})
    .describe('When to stop at the latest (default: when the search converges).'),
  replications: strict({
    min: integer(2).default(3).describe('Replications before a candidate can be dropped.'),
    max: integer(2).default(10).describe('Replications at most per candidate.'),
  })
    .prefault({})
    .describe('Replications per candidate in the race.'),
  initialPoints: integer(2)
    .optional()
    .describe('Points of the space-filling start (default max(6, 3 × parameters)).'),
  resolution: z
    .number()
    .gt(0)
    .lt(0.5)
    .default(1 / 256)
    .describe(
      'Smallest step of the local refinement, as a share of each range (on its scale; default 1/256).',
    ),
  confidence: confidence
    .default(0.95)
    .describe('One-sided confidence of the racing tests that drop a worse candidate.'),
});

export type TuneInput = z.output<typeof tuneSchema>;
