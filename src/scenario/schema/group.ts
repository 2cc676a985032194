import { z } from 'zod';
import { BATTERY_PRESET_NAMES } from '../presets.js';
import { DEFAULTS } from '../defaults.js';
import {
  distribution,
  duration,
  integer,
  name,
  perDay,
  perHour,
  positive,
  oneOf,
  strict,
} from './fields.js';

/** A group of identical phones: how many, on which networks, with which apps and habits. */

const app = strict({
  name: name().optional(),
  pushRatePerHour: perHour().default(DEFAULTS.pushRatePerHour.value),
  profile: z.array(z.number().nonnegative()).length(24).optional(),
});

const networkStay = strict({
  carrier: name(),
  meanDwell: duration('positive').optional(),
});

export const ARCHITECTURES = ['per-app', 'system-channel', 'polling', 'sms-wakeup'] as const;

export const groupSchema = strict({
  name: name().optional(),
  count: integer(0),
  carrier: name().optional(),
  networks: z.array(networkStay).min(1).optional(),
  outages: strict({ ratePerDay: perDay(), duration: distribution() }).optional(),
  battery: strict({
    preset: z
      .enum(BATTERY_PRESET_NAMES)
      .optional()
      .describe(
        `Battery preset (default ${DEFAULTS.batteryPreset.value}); capacityMah/voltageV override it.`,
      ),
    capacityMah: positive().optional(),
    voltageV: positive().optional(),
  }).prefault({}),
  architecture: z.enum(ARCHITECTURES).default(DEFAULTS.architecture.value),
  apps: z.array(app).min(1).optional(),
  // The user's sessions (screen on); profile: 24 hourly weights, as an app's push profile.
  background: strict({
    ratePerHour: perHour(),
    duration: distribution(),
    profile: z.array(z.number().nonnegative()).length(24).optional(),
  }).optional(),
  alignment: strict({ period: duration('positive') }).optional(),
  // Android deep Doze; true = AOSP DeviceIdleController defaults (src/model/doze.ts).
  doze: oneOf(
    [
      z.boolean(),
      strict({
        toDeepIdle: duration().optional(),
        idle: duration('positive').optional(),
        idleFactor: z.number().min(1).optional(),
        maxIdle: duration('positive').optional(),
        window: duration('positive').optional(),
        windowFactor: z.number().min(1).optional(),
        maxWindow: duration('positive').optional(),
        pushPriority: z.enum(['high', 'normal']).optional(),
        // The heartbeat alarm is a while-idle alarm: AOSP quota preset or {quota, window}.
        whileIdle: oneOf(
          [
            z.enum(['exact', 'compat', 'legacy']),
            strict({ quota: integer(1), window: duration('positive') }),
          ],
          'exact, compat, legacy, or a mapping {quota, window}',
        ).optional(),
      }),
    ],
    'true, false, or a mapping {toDeepIdle, idle, idleFactor, maxIdle, window, windowFactor, maxWindow, pushPriority, whileIdle}',
  ).optional(),
  polling: strict({
    interval: duration('positive').default(DEFAULTS.pollingIntervalS.value),
    jitter: duration().default(DEFAULTS.pollingJitterS.value),
    keepConnection: z.boolean().default(DEFAULTS.pollingKeepConnection.value),
  }).optional(),
  sms: strict({ delay: distribution(), signalingPerSms: z.number().nonnegative() }).optional(),
});

export type GroupInput = z.output<typeof groupSchema>;
