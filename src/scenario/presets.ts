import type { CarrierConfig, DistributionSpec } from '../model/config.js';

/**
 * Named carriers a scenario can use without knowing NAT literature: `carriers: [lte-5min]`.
 * A preset sets the radio preset, the kind and the NAT idle-timeout distribution; everything
 * else takes the ordinary defaults (src/scenario/defaults.ts). The timeouts come from the NAT sources of
 * docs/sources.md; where the only figure is folklore ([U]) the preset is
 * a labelled scenario assumption and says so in `hbsim list presets`.
 */
export interface CarrierPreset {
  name: string;
  kind: CarrierConfig['kind'];
  /** Key of RADIO_PRESETS (src/model/radioPresets.ts). */
  radio: string;
  idleTimeout: DistributionSpec;
  description: string;
  source: string;
}

const MIN = 60;
const HOUR = 3600;

export const CARRIER_PRESETS: readonly CarrierPreset[] = [
  {
    name: 'lte-5min',
    kind: 'cellular',
    radio: 'lte',
    idleTimeout: { type: 'constant', value: 5 * MIN },
    description: 'LTE behind a NAT that evicts idle TCP mappings after 5 min.',
    source:
      '[U] labelled assumption: the widely repeated China Mobile "5 min" (sources: china-mobile-5min); 5 min is also the Nokia 7750 CGN UDP default [V] (sources: nokia-7750-cgn)',
  },
  {
    name: 'lte-10to30min',
    kind: 'cellular',
    radio: 'lte',
    idleTimeout: { type: 'uniform', min: 10 * MIN, max: 30 * MIN },
    description:
      'LTE, NAT idle timeout uniform in 10–30 min (one value per phone, or per box with timeoutScope: box).',
    source:
      'modelling choice: the "band at 10–30 min" of the mixed world, between the 5-min folklore and the 30–60 min field values (sources: china-mobile-5min, eronen-2008)',
  },
  {
    name: 'lte-30min',
    kind: 'cellular',
    radio: 'lte',
    idleTimeout: { type: 'constant', value: 30 * MIN },
    description: 'LTE, NAT idle timeout 30 min.',
    source:
      'lower end of the 30–60 min TCP field values, Eronen NRC-TR-2008-002 [S] (sources: eronen-2008)',
  },
  {
    name: 'lte-rfc5382',
    kind: 'cellular',
    radio: 'lte',
    idleTimeout: { type: 'constant', value: 2 * HOUR + 4 * MIN },
    description: 'LTE behind a standards-compliant NAT: 2 h 4 min.',
    source: 'RFC 5382 REQ-5 floor for established TCP [V] (sources: rfc5382)',
  },
  {
    name: 'umts3g-5min',
    kind: 'cellular',
    radio: 'umts3g',
    idleTimeout: { type: 'constant', value: 5 * MIN },
    description: '3G UMTS behind a 5-min NAT.',
    source: '[U] labelled assumption: China Mobile 2G/3G "5 min" (sources: china-mobile-5min)',
  },
  {
    name: 'umts3g-hours',
    kind: 'cellular',
    radio: 'umts3g',
    idleTimeout: { type: 'lognormal', median: 2 * HOUR, sigma: 0.75 },
    description: '3G UMTS, NAT idle timeout log-normal, median 2 h (5%–95%: 35 min – 6.9 h).',
    source:
      'modelling choice: the "tail of hours" of the mixed world; the range spans the 30–60 min field values [S] to Twilio\'s 6 h core NAT [V] (sources: eronen-2008, twilio-super-sim)',
  },
  {
    name: 'wifi-home',
    kind: 'wifi',
    radio: 'wifi',
    idleTimeout: { type: 'uniform', min: 30 * MIN, max: 60 * MIN },
    description: 'Home Wi-Fi gateway, NAT idle timeout uniform in 30–60 min.',
    source:
      'Eronen NRC-TR-2008-002 field range 30–60 min for TCP [S]; home-gateway TCP values (Hätönen et al. 2010) not retrieved (sources: eronen-2008, hatonen-2010)',
  },
];

/** Named lists of carriers usable as `carriers: mixed-world`. */
export interface CarrierSet {
  name: string;
  carriers: string[];
  description: string;
  source: string;
}

export const CARRIER_SETS: readonly CarrierSet[] = [
  {
    name: 'mixed-world',
    carriers: ['lte-5min', 'lte-10to30min', 'umts3g-hours', 'wifi-home'],
    description:
      'Some carriers at ~5 min, a band at 10–30 min, a tail of hours, plus home Wi-Fi; groups refer to them by preset name.',
    source:
      'modelling choice (some carriers at ~5 min, a band at 10–30 min, a tail of hours) spanning the NAT sources (sources: china-mobile-5min, eronen-2008, twilio-super-sim); not a measured population',
  },
];

/** One-line descriptions of the radio presets of src/model/radioPresets.ts, for `hbsim list presets`. */
export const RADIO_PRESET_INFO: Record<string, { description: string; source: string }> = {
  'nr5g-nsa': {
    description:
      '[2024, assumed] 5G NSA (EN-DC, LTE anchor): setup 0.36 s at 1.5 W, active 1.8 W, 10.1 s C-DRX tail at 1.4 W, 27 signaling msgs; LTE paging.',
    source:
      '[A] powers and timers (docs/model.md 2.7); signaling 3GPP TS 23.401 + TS 37.340 §10.2.1 [D] (sources: 3gpp-23401, 3gpp-nr-rrc)',
  },
  'nr5g-sa': {
    description:
      '[2024, assumed] 5G SA: setup 0.3 s (20 msgs), C-DRX tail 10 s at 1.1 W, then RRC_INACTIVE 600 s (resume 0.08 s, 6 msgs), paging 1.28 s (6 msgs; RAN page 1).',
    source:
      '[A] powers and timers (docs/model.md 2.7); signaling 3GPP TS 38.331 §5.3.3/§5.3.13, TS 23.502 §4.2.3 [D] (sources: 3gpp-nr-rrc)',
  },
  lte: {
    description:
      '[2012] LTE: promotion 0.26 s at 1.21 W, 10.1 s DRX tail at 1.09 W, idle 20 mW, 20 signaling msgs; idle paging cycle 1.28 s, +4 msgs per page.',
    source:
      'AT&T ARO lte.conf / Huang et al. MobiSys 2012 [V], measured in 2011 on an HTC ThunderBolt (first-generation LTE handset, Verizon); signaling 3GPP TS 23.401 §5.3.4.1, §5.3.4.3 [D] (sources: aro-lte, huang-2012, 3gpp-23401)',
  },
  'lte-cdrx': {
    description:
      '[2012] LTE as `lte` with its C-DRX tail spelled out: 0.1 s continuous reception at 1.06 W, short DRX 0.02 s (2 ms on at 1.68 W every 20 ms), long DRX 10 s (2 ms every 40 ms); a push to a phone in DRX waits for the next on-duration.',
    source:
      'AT&T ARO lte.conf INACTIVITY_TIMER, T_SHORT_DRX, T_DRX_PING, T_LONG_DRX, T_*_DRX_PING_PERIOD, P_*_DRX_PING, P_TAIL [V]; DRX procedure 3GPP TS 36.321 §5.7 (sources: aro-lte, 3gpp-36321)',
  },
  umts3g: {
    description:
      '[2011] 3G UMTS: promotion 2 s, DCH tail 4 s at 1.02 W, FACH tail 10 s at 0.40 W (small transfers stay on FACH; FACH→DCH 1.5 s at 0.71 W), 30 signaling msgs.',
    source:
      'ARO device profile Samsung Captivate, imap.conf (2010, Galaxy S generation, HSPA) [V]; idle current Haverinen et al. 2007, a 2007 WCDMA handset [S]; signaling ECN 2011 [S] (sources: aro-3g, haverinen-2007, ecn-2011)',
  },
  'umts3g-haverinen2007': {
    description:
      "[2007] 3G fitted to Haverinen et al.'s keep-alive curve: DCH tail 23.15 s at 0.126 W, FACH tail 46.32 s at 0.089 W, idle 23.5 mW.",
    source:
      'hbsim calibrate docs/data/haverinen-2007-3g.txt --radio umts3g (Haverinen et al. VTC 2007) [D] (sources: haverinen-2007)',
  },
  wifi: {
    description: '[2012] Wi-Fi: active 0.403 W, tail 0.25 s, standby 20 mW, no carrier signaling.',
    source:
      'ARO WiFi.conf [V] (AT&T ARO, 2011-2013; the file names no device generation) (sources: aro-wifi)',
  },
};

/**
 * Phone batteries (groups: battery: { preset }). Battery drain %/day = attributable energy
 * ÷ (capacity × 3.6 × voltage), i.e. energy over the battery's Wh.
 */
export const BATTERY_PRESETS: Record<
  string,
  { capacityMah: number; voltageV: number; description: string; source: string }
> = {
  'current-phone': {
    capacityMah: 4200,
    voltageV: 3.87,
    description: 'A current phone (default): 4200 mAh at 3.87 V = 16.3 Wh (Fairphone 5, 2023).',
    source:
      'capacity: Fairphone 5 specifications (Fairphone, 2023): 4200 mAh; voltage: 3.87 V [assumption: the nominal voltage of current high-voltage Li-ion phone cells; not verified on the spec page]',
  },
  'haverinen-2007': {
    capacityMah: 1000,
    voltageV: 3.7,
    description: "Haverinen et al.'s 2007 reference handset: 1000 mAh at 3.7 V = 3.7 Wh.",
    source: 'Haverinen, Siren & Eronen, VTC 2007 (sources: haverinen-2007)',
  },
};

export const BATTERY_PRESET_NAMES = Object.keys(BATTERY_PRESETS) as [string, ...string[]];

export const CARRIER_PRESET_NAMES = CARRIER_PRESETS.map((p) => p.name) as [string, ...string[]];
export const CARRIER_SET_NAMES = CARRIER_SETS.map((s) => s.name) as [string, ...string[]];

export function carrierPreset(name: string): CarrierPreset | undefined {
  return CARRIER_PRESETS.find((p) => p.name === name);
}

export function carrierSet(name: string): CarrierSet | undefined {
  return CARRIER_SETS.find((s) => s.name === name);
}
