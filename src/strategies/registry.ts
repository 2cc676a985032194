import type { BackoffConfig } from '../model/config.js';
import { AIMD_DEFAULTS, createAimd } from './aimd.js';
import { BINARY_SEARCH_DEFAULTS, createBinarySearch } from './binarySearch.js';
import { CROWD_DEFAULTS, createCrowd } from './crowd.js';
import { createFixed } from './fixed.js';
import { createMicrog, MICROG_DEFAULTS, MICROG_RECONNECT_DELAYS_S } from './microg.js';
import { createRadioAware, RADIO_AWARE_DEFAULTS } from './radioAware.js';
import { createSmart, MARS_RECONNECT_DELAYS_S, SMART_DEFAULTS } from './smart.js';
import type { StrategyFactory } from './types.js';

/** A built-in heartbeat policy: how to build it, where its behaviour and numbers come from. */
export interface StrategyEntry {
  /** Registry name used as `type:` in scenario files. */
  type: string;
  description: string;
  /** Where the behaviour and default constants come from (see docs/strategies.md). */
  source: string;
  create: StrategyFactory;
  /** Parameters applied before the user's (a preset is an entry whose defaults say which system it is). */
  defaults: Record<string, unknown>;
  /** The system's own reconnect rule; scenarios may override it. */
  reconnect: BackoffConfig;
  /** MQTT semantics: any client packet restarts the heartbeat timer. */
  resetOnTraffic: boolean;
}

/** GCM/FCM client reconnect: 10 s, doubling, up to 50% random shortening, 5 min cap (Chromium). */
export const GCM_BACKOFF: BackoffConfig = {
  kind: 'exponential',
  initialS: 10,
  multiplier: 2,
  capS: 300,
  delaysS: [],
  jitter: 'shorten',
  shortenBy: 0.5,
  resetAfterS: 60,
};

/**
 * Mars reconnect while inactive (sources: mars): {0, 60, 120, 240, 360, 480, 600} s,
 * moving up the table when the previous attempt was less than 10 min ago; we read "attempt
 * less than 10 min ago" as "the connection lived less than 10 min" (resetAfterS 600).
 */
export const MARS_BACKOFF: BackoffConfig = {
  kind: 'table',
  initialS: MARS_RECONNECT_DELAYS_S[0],
  multiplier: 1,
  capS: 600,
  delaysS: MARS_RECONNECT_DELAYS_S,
  jitter: 'none',
  shortenBy: 0,
  resetAfterS: 600,
};

/**
 * microG reconnect (McsService.getCurrentDelay, see microg.ts). microG resets the delay on
 * every message it receives, the login response included, so any connection that came up
 * resets the table: resetAfterS 0.
 */
export const MICROG_BACKOFF: BackoffConfig = {
  kind: 'table',
  initialS: MICROG_RECONNECT_DELAYS_S[0],
  multiplier: 1,
  capS: 600,
  delaysS: MICROG_RECONNECT_DELAYS_S,
  jitter: 'none',
  shortenBy: 0,
  resetAfterS: 0,
};

const GENERIC_RECONNECT =
  'reconnect: GCM-style exponential backoff (no system of its own to copy; sources: chromium-gcm)';

const entries: StrategyEntry[] = [
  {
    type: 'fixed',
    description: 'Fixed heartbeat interval (optionally another on Wi-Fi).',
    source: 'generic; defaults: ack timeout 60 s as GCM (sources: chromium-gcm)',
    create: createFixed,
    defaults: { intervalS: 300, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
  {
    type: 'gcm',
    description: 'Google GCM/FCM: fixed 28 min on mobile, 15 min on Wi-Fi, 60 s ack timeout.',
    source: 'Chromium google_apis/gcm/engine/heartbeat_manager.cc [V] (sources: chromium-gcm)',
    create: createFixed,
    defaults: { intervalS: 28 * 60, wifiIntervalS: 15 * 60, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: false,
  },
  {
    type: 'whatsapp',
    description: 'WhatsApp (2013, without GCM): fixed 285 s.',
    source: 'WhatsApp 2013 client, 285 s [S] (sources: whatsapp)',
    create: createFixed,
    defaults: { intervalS: 285, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
  {
    type: 'smart',
    description:
      'WeChat Mars smart heartbeat: per-network step probing 210 → 580 s (+60 s after 5 counted successes, back off after 2 failures), 3 warm-up beats per connection, 210 s while the app is active.',
    source:
      'Tencent/mars mars/stn/src/smart_heartbeat.cc, mars/stn/config.h, longlink.cc [V] (sources: mars)',
    create: createSmart,
    defaults: { ...SMART_DEFAULTS },
    reconnect: MARS_BACKOFF,
    // Mars restarts its heartbeat timer after every successful write.
    resetOnTraffic: true,
  },
  {
    type: 'microg',
    description:
      'microG GCM learner: per network class, start 300 s in [300, 900] s, × 0.95 on a failure, × 1.02 on an ack after > ¾ interval of inbound silence.',
    source: 'microg/GmsCore GcmPrefs.kt, McsService.java [V] (sources: microg)',
    create: createMicrog,
    defaults: { ...MICROG_DEFAULTS },
    reconnect: MICROG_BACKOFF,
    // McsService schedules the next heartbeat when it sends a ping, not on other traffic.
    resetOnTraffic: false,
  },
  {
    type: 'binary-search',
    description:
      'Bisects the NAT idle timeout per network between 60 s and 3600 s (2 confirmations per probe, 10 s resolution), then runs 20 s below it.',
    source: `no shipped system; defaults argued in docs/strategies.md; ${GENERIC_RECONNECT}`,
    create: createBinarySearch,
    defaults: { ...BINARY_SEARCH_DEFAULTS },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
  {
    type: 'aimd',
    description:
      'Additive increase (+30 s per ack), multiplicative decrease (× 0.5 per failure), per network, in [60, 3600] s.',
    source: `no shipped system (TCP congestion control's rule); ${GENERIC_RECONNECT}`,
    create: createAimd,
    defaults: { ...AIMD_DEFAULTS },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
  {
    type: 'radio-aware',
    description:
      'A base policy (default fixed 300 s) whose heartbeat is sent up to 60 s early when the radio is already up (no promotion, no signaling).',
    source: `no shipped system; radio costs from ARO (sources: aro-lte, aro-3g); ${GENERIC_RECONNECT}`,
    create: (params, env) => createRadioAware(params, env, getStrategy),
    defaults: { ...RADIO_AWARE_DEFAULTS },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
  {
    type: 'crowd',
    description:
      'Server-assisted (no shipped system does this): the server shares, per network, the lower quartile of intervals learned by phones; newcomers confirm it in 3 beats instead of searching.',
    source: `no shipped system: a what-if; ${GENERIC_RECONNECT}`,
    create: createCrowd,
    defaults: { ...CROWD_DEFAULTS },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
  },
];

const byType = new Map(entries.map((e) => [e.type, e]));

export function getStrategy(type: string): StrategyEntry | undefined {
  return byType.get(type);
}

export function listStrategies(): StrategyEntry[] {
  return [...byType.values()];
}
