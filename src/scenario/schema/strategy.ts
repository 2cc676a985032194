import { z } from 'zod';
import { duration, name, oneOf, strict } from './fields.js';

/**
 * A strategy to compare: a registry type or a module path, its parameters (passed through
 * to the strategy, which checks them), and overrides of its reconnect rule (BackoffConfig
 * fields under their model names; …S fields accept durations).
 */

const reconnect = strict({
  kind: z.enum(['exponential', 'table']).optional(),
  initialS: duration().optional(),
  multiplier: z.number().min(1).optional(),
  capS: duration().optional(),
  delaysS: z.array(duration()).min(1).optional(),
  jitter: z.enum(['none', 'full', 'equal', 'shorten']).optional(),
  shortenBy: z.number().min(0).max(1).optional(),
  resetAfterS: duration().optional(),
  fromPreviousAttempt: z.boolean().optional(),
  longLived: z.enum(['reset', 'step-down']).optional(),
});

const strategyObject = strict({
  name: name().optional(),
  type: name(),
  params: z.record(z.string(), z.unknown()).default({}),
  reconnect: reconnect.optional(),
  resetOnTraffic: z.boolean().optional(),
  timing: z.enum(['send', 'answer']).optional(),
});

export const strategySchema = oneOf(
  [name(), strategyObject],
  'a strategy type (like gcm) or a mapping {name, type, params, reconnect, resetOnTraffic, timing}',
);

export type StrategyInput = z.output<typeof strategySchema>;
