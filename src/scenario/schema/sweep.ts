import { z } from 'zod';
import { oneOf, strict } from './fields.js';

/**
 * A parameter grid: scenario path → values, a list or a range string ("60s..30m x 12" for 12
 * log-spaced points, "1..10 step 3" for a linear one). Expansion lives in ../sweep.ts.
 */
export const sweepSchema = strict({
  grid: z.record(
    z.string().min(1),
    oneOf(
      [z.array(z.unknown()).min(1), z.string()],
      'a list of values or a range like "60s..30m x 12" or "1..10 step 1"',
    ),
  ),
});

export type SweepInput = z.output<typeof sweepSchema>;
