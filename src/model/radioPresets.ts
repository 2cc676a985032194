import type { RadioConfig } from './config.js';
import { drxStage } from './drx.js';

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
  // Idle paging: ARO lte.conf T_IDLE_PING_PERIOD 1.28 s [V] (3GPP TS 36.331 defaultPagingCycle
  // rf128). A network-triggered service request adds 4 messages to the UE-triggered one
  // [D]: 3GPP TS 23.401 §5.3.4.3 steps 2a Downlink Data Notification, 2b its Ack, 3 S1-AP (sources: 3gpp-23401-ddn)
  // Paging (one eNodeB: a tracking area of one cell [A]), 4 RRC Paging.
  paging: { cycleS: 1.28, signalingPerPage: 4 },
};

/**
 * LTE with its connected-mode DRX spelled out (docs/model.md §2.6), from the same ARO
 * `lte.conf` as `lte` (ARODataAnalyzer/src/lte.conf) [V]: after the last packet the radio
 * listens continuously for INACTIVITY_TIMER 0.1 s at P_TAIL 1.06 W, then short DRX for
 * T_SHORT_DRX 0.02 s (a T_DRX_PING 2-ms on-duration at P_SHORT_DRX_PING 1.68 W every
 * T_SHORT_DRX_PING_PERIOD 0.02 s), then long DRX for T_LONG_DRX 10 s (2 ms at
 * P_LONG_DRX_PING 1.68 W every T_LONG_DRX_PING_PERIOD 0.04 s), on the P_TAIL base. Each DRX
 * stage is charged its duty-cycle average (1.122 W and 1.091 W; `lte` rounds the whole
 * 10.1-s tail to 1.09 W), and a push reaching the phone in a DRX stage waits for the next
 * on-duration. Opt-in: the `lte` preset, and the default scenario, are unchanged.
 */
export const LTE_CDRX: RadioConfig = {
  ...LTE,
  tails: [
    { name: 'continuous-reception', durationS: 0.1, powerW: 1.06 },
    drxStage('short-drx', 0.02, { cycleS: 0.02, onS: 0.002, onPowerW: 1.68, basePowerW: 1.06 }),
    drxStage('long-drx', 10, { cycleS: 0.04, onS: 0.002, onPowerW: 1.68, basePowerW: 1.06 }),
  ],
};

/**
 * 3G UMTS, ARO device profile "Samsung Captivate" [V]: IDLE→DCH promotion 2.0 s at 0.51 W;
 * DCH 1.02 W, DCH tail 4 s; FACH tail 10 s at 0.40 W (≈ 9.1 J per isolated exchange [D]).
 * Small transfers in the FACH tail stay on FACH; larger ones pay a 1.5 s FACH→DCH switch.
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
  // ARO imap.conf (Samsung Captivate) [V]: FACH_DCH_PROMO_AVG 1.5 s, POWER_FACH_DCH 0.71 W,
  // RLC_DL_TH 475 B (the smaller of the two RLC thresholds; RLC_UL_TH is 543 B).
  // Signaling [D]: 3GPP TS 25.331 §8.2.2 radio bearer reconfiguration up (measurement (sources: 3gpp-25331)
  // report, reconfiguration, complete) and back down to FACH (reconfiguration, complete).
  fach: {
    thresholdBytes: 475,
    promotionDelayS: 1.5,
    promotionPowerW: 0.71,
    signalingPerPromotion: 5,
  },
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

/**
 * 3G calibrated to Haverinen et al. 2007's measured keep-alive curve (20 s 34 mA, 40 s
 * 24 mA, 150 s 16 mA, 300 s 14 mA, none 6.1 mA at 3.7 V) by
 * `hbsim calibrate docs/data/haverinen-2007-3g.txt --radio umts3g --voltage 3.7 --rtt 0.1`
 * [D]: the umts3g preset with the idle power and both tail stages fitted. It reproduces the
 * five points within 14 % (test/calibration/calibrate.test.ts). A fit, not a measurement:
 * the fitted "DCH" power (0.126 W) is far below any measured DCH power (ARO: 0.6–1.3 W), so
 * read the two stages as the effective tail of that 2007 handset and network.
 */
export const UMTS3G_HAVERINEN_2007: RadioConfig = {
  ...UMTS3G,
  idlePowerW: 0.02346,
  activePowerW: 0.1258,
  tails: [
    { name: 'dch-tail', durationS: 23.15, powerW: 0.1258 },
    { name: 'fach-tail', durationS: 46.32, powerW: 0.0888 },
  ],
};

/**
 * 5G NR standalone (SA) with RRC_CONNECTED → RRC_INACTIVE → RRC_IDLE (3GPP TS 38.331 §4.2.1). (sources: 3gpp-nr-rrc)
 * Powers and timers are assumptions [A] (no measured 5G power model is in this repository's
 * sources yet; docs/model.md §2.7 says how each was chosen and `hbsim calibrate` fits them
 * to a measured phone). Message counts are derived from the 3GPP call flows [D]:
 * - setup from IDLE: 20, the LTE count (same structure: random access, RRC setup, NAS
 *   service request, NGAP initial context setup, PDU session user-plane activation, release;
 *   TS 38.331 §5.3.3, TS 23.502 §4.2.3.2, §4.2.6); (sources: 3gpp-nr-rrc)
 * - resume from INACTIVE: 6 — random access Msg1/Msg2, RRCResumeRequest, RRCResume,
 *   RRCResumeComplete (TS 38.331 §5.3.13) and the RRCRelease with suspendConfig that ends it (sources: 3gpp-nr-rrc)
 *   (§5.3.8); no core signaling; (sources: 3gpp-nr-rrc)
 * - core page of an idle phone: 6 — N4 Data Report and Ack (UPF↔SMF),
 *   Namf_Communication_N1N2MessageTransfer request and response (SMF↔AMF), NGAP Paging,
 *   RRC Paging (TS 23.502 §4.2.3.3 steps 2a–4b; one gNB [A]); (sources: 3gpp-nr-rrc)
 * - RAN page of an inactive phone: 1 RRC Paging (TS 38.300 §9.2.2.2; one gNB [A]). (sources: 3gpp-nr-rrc)
 */
export const NR_SA: RadioConfig = {
  technology: 'nr5g',
  idlePowerW: 0.02, // [A] as LTE: idle DRX with paging every 1.28 s
  promotionDelayS: 0.3, // [A] setup from IDLE: LTE's 0.26 s plus the NR random access
  promotionPowerW: 1.3, // [A]
  activePowerW: 1.5, // [A] low/mid-band NR, small transfers
  tails: [
    { name: 'connected-drx', durationS: 10, powerW: 1.1 }, // [A] 10-s inactivity timer, C-DRX
    { name: 'inactive', durationS: 600, powerW: 0.025 }, // [A] INACTIVE until released to IDLE
  ],
  signalingPerPromotion: 20,
  paging: { cycleS: 1.28, signalingPerPage: 6 }, // [A] defaultPagingCycle rf128, as LTE
  inactive: {
    resumeDelayS: 0.08, // [A] above the 10-ms control-plane target of TS 38.913 §7.5 (sources: 3gpp-nr-rrc)
    resumePowerW: 1.3, // [A] as the setup
    signalingPerResume: 6,
    signalingPerPage: 1,
  },
};

/**
 * 5G NR non-standalone (EN-DC, TS 37.340): LTE is the anchor (RRC_CONNECTED / RRC_IDLE only,
 * no INACTIVE); NR carries the data as a secondary cell group added after every LTE setup.
 * [A] powers and timers (both radios up: active and tail above LTE's); [D] signaling: the
 * LTE 20 plus 7 for the NR leg (X2 SgNB Addition Request and Acknowledge,
 * RRCConnectionReconfiguration and Complete, SgNB Reconfiguration Complete, NR random
 * access Msg1/Msg2; TS 37.340 §10.2.1); idle paging as LTE (4 per page, 1.28 s). (sources: 3gpp-nr-rrc)
 */
export const NR_NSA: RadioConfig = {
  technology: 'nr5g',
  idlePowerW: 0.02, // [A] LTE anchor idle
  promotionDelayS: 0.36, // [A] LTE's 0.26 s + NR leg addition 0.1 s
  promotionPowerW: 1.5, // [A]
  activePowerW: 1.8, // [A] LTE + NR both on
  tails: [{ name: 'connected-drx', durationS: 10.1, powerW: 1.4 }], // [A] LTE timer, both in C-DRX
  signalingPerPromotion: 27,
  paging: { cycleS: 1.28, signalingPerPage: 4 },
};

export const RADIO_PRESETS: Record<string, RadioConfig> = {
  'nr5g-nsa': NR_NSA,
  'nr5g-sa': NR_SA,
  lte: LTE,
  'lte-cdrx': LTE_CDRX,
  umts3g: UMTS3G,
  'umts3g-haverinen2007': UMTS3G_HAVERINEN_2007,
  wifi: WIFI,
};

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
