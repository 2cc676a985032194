import type { RadioConfig } from './config.js';

/**
 * Radio technology presets. Every number is from the radio sources of docs/sources.md
 * (aro-lte, huang-2012, aro-3g, aro-wifi, haverinen-2007, 3gpp-23401, ecn-2011); the tags ([V] read in the primary source, [S] secondary, [D] derived) are repeated in
 * docs/model.md with the full citation.
 */

/**
 * LTE, AT&T ARO `lte.conf` (encodes Huang et al., MobiSys 2012) [V]: promotion 0.26 s at
 * 1.21 W; active ≈ 1.2 W; continuous reception 0.1 s + long-DRX tail 10 s ≈ 10.1 s at
 * ≈ 1.09 W average (1.06 W base + DRX pings); idle paging ≈ 20 mW average.
 * Signaling: ≈ 20 messages per service request + release (3GPP TS 23.401 call flows) [D].
 * One isolated small exchange ≈ 0.26·1.21 + 0.1·1.2 + 10.1·1.09 ≈ 11.4 J total [D] (≈ 11.5 J).
 */
export const LTE: RadioConfig = {
  technology: 'lte',
  idlePowerW: 0.02,
  promotionDelayS: 0.26,
  // Huang et al. 2012, Table 3: promotion delay 260.1 ± 15.8 ms (mean ± std) [S].
  promotionDelay: { type: 'normal', mean: 0.26, sd: 0.0158 },
  promotionPowerW: 1.21,
  activePowerW: 1.2,
  tails: [{ name: 'connected-drx', durationS: 10.1, powerW: 1.09 }],
  signalingPerPromotion: 20,
};

/**
 * 3G UMTS, ARO device profile "Samsung Captivate" [V]: IDLE→DCH promotion 2.0 s at 0.51 W;
 * DCH 1.02 W, DCH tail 4 s; FACH tail 10 s at 0.40 W (≈ 9.1 J per isolated exchange [D]).
 * Idle: 6.1 mA × 3.7 V ≈ 22.6 mW, the "no keep-alive" device current of Haverinen et al.
 * 2007 [S, D]. Signaling: up to 30 messages per idle→connected transition [S].
 */
export const UMTS3G: RadioConfig = {
  technology: 'umts3g',
  idlePowerW: 0.0061 * 3.7,
  promotionDelayS: 2.0,
  // [assumption] uniform ±0.5 s around ARO's 2.0 s, inside its reported 1.5–4.0 s range.
  promotionDelay: { type: 'uniform', min: 1.5, max: 2.5 },
  promotionPowerW: 0.51,
  activePowerW: 1.02,
  tails: [
    { name: 'dch-tail', durationS: 4, powerW: 1.02 },
    { name: 'fach-tail', durationS: 10, powerW: 0.4 },
  ],
  signalingPerPromotion: 30,
};

/** Wi-Fi, ARO `WiFi.conf` [V]: active 0.403 W, tail 0.25 s, standby 0.02 W; no carrier signaling. */
export const WIFI: RadioConfig = {
  technology: 'wifi',
  idlePowerW: 0.02,
  promotionDelayS: 0,
  promotionPowerW: 0.403,
  activePowerW: 0.403,
  tails: [{ name: 'tail', durationS: 0.25, powerW: 0.403 }],
  signalingPerPromotion: 0,
};

export const RADIO_PRESETS: Record<string, RadioConfig> = { lte: LTE, umts3g: UMTS3G, wifi: WIFI };

/**
 * Excess energy (above idle) of one isolated exchange that keeps the radio active for
 * `activeS`: promotion + active + every tail stage. The oracle tests use this formula.
 */
export function isolatedExchangeExcessJ(r: RadioConfig, activeS: number): number {
  let e =
    (r.promotionPowerW - r.idlePowerW) * r.promotionDelayS +
    (r.activePowerW - r.idlePowerW) * activeS;
  for (const t of r.tails) e += (t.powerW - r.idlePowerW) * t.durationS;
  return e;
}
