import { z } from 'zod';
import { RADIO_PRESETS } from '../../model/radioPresets.js';
import { CARRIER_PRESET_NAMES, CARRIER_SET_NAMES } from '../presets.js';
import { distribution, duration, integer, name, oneOf, positive, strict } from './fields.js';

/**
 * A carrier (or Wi-Fi network class): a preset name, or a mapping that may start from a
 * preset and override the radio, the NAT and the RTT. Preset and default filling happens in
 * ../carriers.ts; this only checks shapes and converts units.
 */

const RADIO_NAMES = Object.keys(RADIO_PRESETS) as [string, ...string[]];

const tail = strict({ name: name(), durationS: duration(), powerW: z.number().nonnegative() });

/** Overrides of RadioConfig, under the model's own field names (…S seconds, …W watts). */
const radioObject = strict({
  preset: z.enum(RADIO_NAMES).optional(),
  technology: z.enum(['lte', 'umts3g', 'wifi', 'nr5g']).optional(),
  idlePowerW: z.number().nonnegative().optional(),
  promotionDelayS: duration().optional(),
  promotionDelay: distribution().optional(),
  promotionPowerW: z.number().nonnegative().optional(),
  activePowerW: z.number().nonnegative().optional(),
  tails: z.array(tail).optional(),
  signalingPerPromotion: z.number().nonnegative().optional(),
});

export const radioSchema = oneOf(
  [z.enum(RADIO_NAMES), radioObject],
  `a radio preset (${RADIO_NAMES.join(', ')}) or {preset: …, <RadioConfig field>: …}`,
);

export const natSchema = strict({
  idleTimeout: distribution().optional(),
  timeoutScope: z.enum(['phone', 'box']).optional(),
  expiryTick: duration().optional(),
  refreshOn: z.enum(['both', 'outbound']).optional(),
  expiredPacket: z.enum(['drop', 'rst']).optional(),
  capacity: integer(0).optional(),
  onFull: z.enum(['evict-lru', 'reject']).optional(),
  boxes: integer(1).optional(),
  timeoutByHour: z.array(positive()).length(24).optional(),
});

const carrierObject = strict({
  name: name().optional(),
  preset: z.enum(CARRIER_PRESET_NAMES).optional(),
  kind: z.enum(['cellular', 'wifi']).optional(),
  radio: radioSchema.optional(),
  nat: natSchema.optional(),
  rtt: distribution().optional(),
});

export const carrierSchema = oneOf(
  [z.enum(CARRIER_PRESET_NAMES), carrierObject],
  `a carrier preset (${CARRIER_PRESET_NAMES.join(', ')}) or a mapping {name, preset, kind, radio, nat, rtt}`,
);

export const carriersSchema = oneOf(
  [z.enum(CARRIER_SET_NAMES), z.array(carrierSchema).min(1)],
  `a list of carriers, or a carrier set (${CARRIER_SET_NAMES.join(', ')})`,
);

export type CarrierInput = z.output<typeof carrierSchema>;
export type RadioInput = z.output<typeof radioSchema>;
