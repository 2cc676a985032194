import type { RadioConfig } from '../model/config.js';
import { RadioBank } from '../model/radio.js';
import { PHONE_BYTES, records } from '../model/records.js';
import { HEARTBEAT_BYTES } from '../model/transferSizes.js';

/**
 * Average device current of a phone whose only traffic is a keep-alive every `intervalS`
 * seconds, as a power monitor would read it: the radio's idle power plus the excess the
 * model charges for the keep-alives, divided by the battery voltage. `intervalS` =
 * Infinity is "no keep-alive" (idle power alone).
 *
 * It drives the model's own RadioBank (one phone, heartbeats of one RTT and HEARTBEAT_BYTES
 * timed from the send as MQTT does, so one every intervalS exactly) rather than a separate
 * formula, so a calibrated preset reproduces the curve in the simulator too. The stretch is
 * deterministic and periodic from the second keep-alive on; the first WARM_CYCLES are left
 * out and MEASURED_CYCLES are averaged.
 */
const WARM_CYCLES = 4;
const MEASURED_CYCLES = 8;

export function keepaliveCurrentMa(
  radio: RadioConfig,
  intervalS: number,
  voltageV: number,
  rttS: number,
): number {
  if (!Number.isFinite(intervalS)) return (1000 * radio.idlePowerW) / voltageV;
  const warm = WARM_CYCLES * intervalS;
  const end = (WARM_CYCLES + MEASURED_CYCLES) * intervalS;
  const { f, i } = records(1, PHONE_BYTES);
  // A constant promotion delay (its mean): the curve is an average, the spread plays no part.
  const bank = new RadioBank([{ ...radio, promotionDelay: undefined }], 1, warm, end, f, i);
  bank.setInitialProfile(0, 0);
  for (let k = 0; k <= WARM_CYCLES + MEASURED_CYCLES; k++)
    bank.transfer(0, k * intervalS, rttS, HEARTBEAT_BYTES);
  bank.finish();
  const excessW = bank.excessJ[0] / (end - warm);
  return (1000 * (radio.idlePowerW + excessW)) / voltageV;
}
