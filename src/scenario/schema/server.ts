import { z } from 'zod';
import { DEFAULTS } from '../defaults.js';
import { duration, type IssueParams, perSecond, positive, strict } from './fields.js';

/** The push server: when it gives up on a silent client, how long it holds messages. */

const keepalive = strict({
  factor: positive().optional(),
  fixed: duration('positive').optional(),
})
  .superRefine((v, ctx) => {
    if ((v.factor === undefined) === (v.fixed === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message: 'give exactly one of factor or fixed',
        params: {
          expected: 'exactly one of {factor: 1.5} or {fixed: 20m}',
        } satisfies IssueParams,
      });
    }
  })
  .prefault({ factor: DEFAULTS.keepaliveFactor.value });

export const serverSchema = strict({
  keepalive,
  pushAckTimeout: duration('positive').default(DEFAULTS.pushAckTimeoutS.value),
  messageTtl: duration('positive').default(DEFAULTS.messageTtlS.value),
  sessionTakeover: z.boolean().default(DEFAULTS.sessionTakeover.value),
  maxHandshakesPerS: perSecond().default(DEFAULTS.maxHandshakesPerS.value),
}).prefault({});

export type ServerInput = z.output<typeof serverSchema>;
