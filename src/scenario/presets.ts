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
  lte: {
    description:
      'LTE: promotion 0.26 s at 1.21 W, 10.1 s DRX tail at 1.09 W, idle 20 mW, 20 signaling msgs.',
    source:
      'AT&T ARO lte.conf / Huang et al. MobiSys 2012 [V]; signaling 3GPP TS 23.401 [D] (sources: aro-lte, huang-2012, 3gpp-23401)',
  },
  umts3g: {
    description:
      '3G UMTS: promotion 2 s, DCH tail 4 s at 1.02 W, FACH tail 10 s at 0.40 W, 30 signaling msgs.',
    source:
      'ARO device profile Samsung Captivate [V]; idle current Haverinen et al. 2007 [S]; signaling ECN 2011 [S] (sources: aro-3g, haverinen-2007, ecn-2011)',
  },
  wifi: {
    description: 'Wi-Fi: active 0.403 W, tail 0.25 s, standby 20 mW, no carrier signaling.',
    source: 'ARO WiFi.conf [V] (sources: aro-wifi)',
  },
};

export const CARRIER_PRESET_NAMES = CARRIER_PRESETS.map((p) => p.name) as [string, ...string[]];
export const CARRIER_SET_NAMES = CARRIER_SETS.map((s) => s.name) as [string, ...string[]];

export function carrierPreset(name: string): CarrierPreset | undefined {
  return CARRIER_PRESETS.find((p) => p.name === name);
}

export function carrierSet(name: string): CarrierSet | undefined {
  return CARRIER_SETS.find((s) => s.name === name);
}
