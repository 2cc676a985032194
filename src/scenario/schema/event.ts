import { z } from 'zod';
import { duration, name, strict } from './fields.js';

/** Scripted faults at a time `at` after the start of the run. */

const natReset = strict({
  type: z.literal('nat-reset'),
  at: duration(),
  /** Omitted: every carrier. */
  carrier: name().optional(),
});

const serverRestart = strict({
  type: z.literal('server-restart'),
  at: duration(),
  downtime: duration().default(0),
});

const outage = strict({
  type: z.literal('outage'),
  at: duration(),
  duration: duration('positive'),
  carrier: name().optional(),
});

export const eventSchema = z.discriminatedUnion('type', [natReset, serverRestart, outage]);

export type EventInput = z.output<typeof eventSchema>;
