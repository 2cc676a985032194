import type { DrxCycle, TailStage } from './config.js';

/**
 * Connected-mode DRX (C-DRX) in the tail (docs/model.md §2.6). After the inactivity timer
 * the radio stays RRC_CONNECTED but monitors the downlink control channel only during an
 * on-duration T_on of every DRX cycle T_c (3GPP TS 36.321 §5.7, sources: 3gpp-36321); between on-durations it
 * draws a base power. Over whole cycles the stage's power is the duty-cycle average
 *
 *   P̄ = P_base + (P_on − P_base) · T_on / T_c,
 *
 * which the energy accounting charges (a stage of n whole cycles is exact; a stage cut short
 * by the next transfer differs by less than one on-duration's excess). Downlink data reaching
 * the phone at an offset x into the stage waits for the next on-duration:
 * w = 0 if x mod T_c < T_on, else T_c − (x mod T_c); mean (T_c − T_on)² / (2 T_c) for
 * arrivals unrelated to the cycle.
 */

/** The average power of a C-DRX stage (the formula above). */
export function drxAveragePowerW(d: DrxCycle): number {
  return d.basePowerW + ((d.onPowerW - d.basePowerW) * d.onS) / d.cycleS;
}

/** A tail stage in C-DRX, its powerW the duty-cycle average of its cycle. */
export function drxStage(name: string, durationS: number, drx: DrxCycle): TailStage {
  return { name, durationS, powerW: drxAveragePowerW(drx), drx };
}

/** Wait of downlink data reaching the phone `x` seconds into a C-DRX stage. */
export function drxWaitAt(d: DrxCycle, x: number): number {
  const off = x % d.cycleS;
  return off < d.onS ? 0 : d.cycleS - off;
}

/** Mean wait for arrivals uniform over the cycle: (T_c − T_on)² / (2 T_c). */
export function drxMeanWait(d: DrxCycle): number {
  return (d.cycleS - d.onS) ** 2 / (2 * d.cycleS);
}
