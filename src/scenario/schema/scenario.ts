import { z } from 'zod';
import { DEFAULTS } from '../defaults.js';
import { carriersSchema } from './carrier.js';
import { eventSchema } from './event.js';
import { duration, integer, name, strict } from './fields.js';
import { groupSchema } from './group.js';
import { serverSchema } from './server.js';
import { strategySchema } from './strategy.js';
import { sweepSchema } from './sweep.js';
import { tuneSchema } from './tune.js';

/**
 * The whole scenario file. Descriptions end up in `hbsim schema` (editors show them);
 * docs/scenario.md is the long form with the source of every default.
 */

/** The name becomes the report directory, so it stays a plain file name. */
export const SCENARIO_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const outputSchema = strict({
  dir: name().optional().describe('Report directory (default reports/<name>/; --out wins).'),
  charts: z.boolean().default(DEFAULTS.charts.value).describe('Draw charts (PNG/SVG).'),
  bucket: duration('positive')
    .default(DEFAULTS.bucketS.value)
    .describe('Width of the time-series buckets (default 60 s).'),
  intervalSamplePhones: integer(0)
    .default(DEFAULTS.intervalSamplePhones.value)
    .describe('Phones sampled for the learned-interval chart (default 100).'),
  tracePhone: integer(-1)
    .default(DEFAULTS.tracePhone.value)
    .describe('Record a full event trace of this phone (-1: off).'),
}).prefault({});

export const scenarioSchema = strict({
  $schema: z.string().optional().describe('JSON Schema reference for editors; ignored.'),
  name: z
    .string()
    .regex(SCENARIO_NAME_PATTERN, {
      error: "a name of letters, digits, '.', '_' or '-' (it names the report directory)",
    })
    .optional()
    .describe('Scenario name (default: the file name without extension).'),
  description: z.string().default('').describe('The question this scenario answers.'),
  seed: integer(0).default(DEFAULTS.seed.value).describe('Master random seed (default 1).'),
  duration: duration('positive')
    .default(DEFAULTS.durationS.value)
    .describe('Measured time per run (default 1d); a warm-up, if any, is simulated before it.'),
  analysis: z
    .enum(['steady-state', 'terminating'])
    .default(DEFAULTS.analysis.value)
    .describe(
      'steady-state (default): metrics after a warm-up, chosen by MSER-5 on pilot runs unless warmup is set; terminating: the whole horizon counts (e.g. the first day after install).',
    ),
  warmup: duration()
    .optional()
    .describe(
      'Time simulated before the measured window and left out of the metrics (default: chosen automatically for steady-state, 0 for terminating).',
    ),
  warmupLimit: duration('positive')
    .optional()
    .describe(
      'Longest automatic warm-up (default twice the duration): pilots that have not settled are doubled until half a pilot reaches it.',
    ),
  replications: integer(1)
    .default(DEFAULTS.replications.value)
    .describe('Runs per strategy with different random worlds (default 1).'),
  baseline: name()
    .optional()
    .describe('Strategy the others are compared with (default: the first).'),
  startSpread: duration()
    .default(DEFAULTS.startSpreadS.value)
    .describe('Phones first connect at a uniform time in [0, startSpread) (default 30m).'),
  handshakeRtts: integer(1)
    .default(DEFAULTS.handshakeRtts.value)
    .describe('Round trips of a connect: TCP + TLS + MQTT CONNECT (default 3).'),
  carriers: carriersSchema.describe('Networks: carrier presets, mappings, or a carrier set.'),
  groups: z.array(groupSchema).min(1).describe('Phone groups.'),
  server: serverSchema.describe('Push server behaviour.'),
  strategies: z.array(strategySchema).min(1).describe('Heartbeat strategies to compare.'),
  events: z
    .array(eventSchema)
    .default([])
    .describe('Scripted faults (nat-reset, server-restart, outage).'),
  sweep: sweepSchema.optional().describe('Parameter grid: path → values.'),
  tune: tuneSchema
    .optional()
    .describe('A tuning question for hbsim tune: parameters, objective, constraints, budget.'),
  output: outputSchema.describe('Report options.'),
});

export type ScenarioInput = z.output<typeof scenarioSchema>;
