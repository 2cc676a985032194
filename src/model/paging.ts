import { StreamTable } from '../engine/random/streams.js';
import { transfer } from './client.js';
import type { RadioConfig } from './config.js';
import type { World } from './world.js';

/**
 * Idle-mode paging (docs/model.md §2.6). A phone whose radio is idle listens for pages only
 * at its paging occasion, once per paging cycle C; the occasion's offset within the cycle
 * follows from the phone's identity (UE_ID = IMSI mod 1024, 3GPP TS 36.304 §7.1, TS 38.304 (sources: 3gpp-paging)
 * §7.1), so it is fixed per phone: here a phase φ_p ∈ [0, C) drawn once from the phone's (sources: 3gpp-paging)
 * `paging-occasion` stream. Downlink data for an idle phone at t waits for the next
 * occasion, (φ_p − t) mod C — uniform on [0, C) for arrivals unrelated to the phone's
 * phase, mean C/2 — and then the network-triggered service request promotes the radio.
 * Deterministic once φ_p is drawn, so every strategy sees the same occasions.
 */
export class Paging {
  /** Per phone: phase as a fraction of the cycle (NaN until first paged). */
  private readonly phase: Float64Array;
  private readonly draws: StreamTable;

  constructor(seed: number | string, replication: number, phones: number, phoneBase = 0) {
    this.phase = new Float64Array(phones).fill(Number.NaN);
    this.draws = new StreamTable(seed, replication, 'paging-occasion', phones, phoneBase);
  }

  /** Seconds from t to phone p's next paging occasion on a cycle of cycleS. */
  delay(p: number, t: number, cycleS: number): number {
    let u = this.phase[p];
    if (Number.isNaN(u)) {
      u = this.draws.uniform(p);
      this.phase[p] = u;
    }
    const d = (u * cycleS - t) % cycleS;
    return d < 0 ? d + cycleS : d;
  }
}

/** Whether any radio of the run pages idle phones (the world then builds a Paging). */
export function usesPaging(radios: RadioConfig[]): boolean {
  return radios.some((r) => r.paging !== undefined);
}

/**
 * A transfer the network starts (a push reaching the phone's network at t): an idle radio
 * with paging waits for its paging occasion, which costs the carrier the paging and
 * downlink-data-notification messages, then promotes as any transfer. Returns the delay
 * before the phone has the data (paging wait + promotion).
 */
export function downlinkTransfer(w: World, p: number, t: number, activeS: number): number {
  const paging = w.paging;
  if (paging !== null) {
    const carrier = w.carrierIdx(p);
    const radio = w.carriers[carrier].radio;
    const rules = radio.paging;
    if (rules !== undefined && !w.radio.isConnected(p, t)) {
      // RRC_INACTIVE: the gNB pages within the RAN notification area (one message, no core);
      // RRC_IDLE: the core pages after the downlink data notification.
      const inactive = radio.inactive !== undefined && w.radio.isInactive(p, t);
      const wait = paging.delay(p, t, rules.cycleS);
      w.metrics.extraSignaling(
        t,
        carrier,
        inactive ? (radio.inactive?.signalingPerPage ?? 0) : rules.signalingPerPage,
      );
      return wait + transfer(w, p, t + wait, activeS);
    }
  }
  // An up radio in a C-DRX stage hears the data at its next on-duration (drx.ts).
  const drxWait = w.radio.drxWait(p, t);
  if (drxWait > 0) return drxWait + transfer(w, p, t + drxWait, activeS);
  return transfer(w, p, t, activeS);
}
