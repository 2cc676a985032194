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
  /** Any other packet on the connection (a push and its ack) restarts the heartbeat timer. */
  resetOnTraffic: boolean;
  /** Where the next heartbeat is timed from: the write ('send') or the answer ('answer'). */
  timing: 'send' | 'answer';
}

/**
 * GCM/FCM client reconnect (Chromium google_apis/gcm/engine/connection_factory_impl.cc):
 * 10 s, doubling, up to 50% random shortening, 5 min cap; a connection reset within
 * kConnectionResetWindowSecs = 10 s of its login restores the previous backoff, a later one
 * reconnects at once.
 */
export const GCM_BACKOFF: BackoffConfig = {
  kind: 'exponential',
  initialS: 10,
  multiplier: 2,
  capS: 300,
  delaysS: [],
  jitter: 'shorten',
  shortenBy: 0.5,
  resetAfterS: 10,
};

/**
 * Mars reconnect while inactive (mars/stn/src/longlink_connect_monitor.cc,
 * `__IntervalConnect`, lines 315–326 at 6aa5b567): delays {0, 60, 120, 240, 360, 480, 600} s;
 * posttime = time since the previous connect attempt; the table index moves up one when
 * posttime < 10 min (kUpOrDownThreshold), else down one; the delay is table[index] −
 * posttime, at least 0. A network change resets the index to 0 and connects at once.
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
  fromPreviousAttempt: true,
  longLived: 'step-down',
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
    source:
      'generic; timed from the send as MQTT keep-alive (MQTT 3.1.1 §3.1.2.10); ack timeout 60 s as GCM (Chromium heartbeat_manager.cc) (sources: mqtt-3.1.1, chromium-gcm)',
    create: createFixed,
    defaults: { intervalS: 300, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'gcm',
    description:
      'Google GCM/FCM: fixed 28 min on mobile, 15 min on Wi-Fi, 60 s ack timeout; the timer restarts when an answer or any message arrives.',
    source:
      'Chromium google_apis/gcm/engine/heartbeat_manager.cc (OnHeartbeatAcked → RestartTimer), mcs_client.cc (any message is a heartbeat ack), connection_factory_impl.cc (backoff, 10 s reset window) [V] (sources: chromium-gcm)',
    create: createFixed,
    defaults: { intervalS: 28 * 60, wifiIntervalS: 15 * 60, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    // mcs_client.cc treats every received message as a heartbeat ack, which restarts the timer.
    resetOnTraffic: true,
    timing: 'answer',
  },
  {
    type: 'apns',
    description:
      'Apple APNs (the iOS system channel, apsd): fixed 20 min on cellular, 15 min on Wi-Fi; 60 s ack timeout.',
    source:
      'keep-alive (message 0x0c, answered by 0x0d) "sent every 15-20 minutes" on iOS 5, carrying the network (Wi-Fi or MCC/MNC): mfrister/pushproxy doc/apple-push-protocol-ios5-lion.md [S]; which interval goes with which network, the ack timeout and the reconnect rule are [A] — Apple documents none of them (sources: apns-pushproxy, apple-tn2265)',
    create: createFixed,
    defaults: { intervalS: 20 * 60, wifiIntervalS: 15 * 60, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'whatsapp',
    description: 'WhatsApp (2013, without GCM): fixed 285 s, timed from the send.',
    source:
      '285 s: secondary sources [S]; its client code is not public, so timing (from the send, as MQTT), ack timeout (60 s) and reconnect (GCM-style) are generic choices (sources: whatsapp)',
    create: createFixed,
    defaults: { intervalS: 285, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'mqtt-60s',
    description:
      "An MQTT client's common default keep-alive: 60 s, timed from the client's last send.",
    source:
      'Eclipse Paho (Java/Python) default keepAliveInterval 60 s; MQTT 3.1.1 §3.1.2.10 keep-alive semantics [V]; reconnect GCM-style (generic) (sources: paho-mqtt, mqtt-3.1.1)',
    create: createFixed,
    defaults: { intervalS: 60, ackTimeoutS: 60 },
    reconnect: GCM_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'smart',
    description:
      'WeChat Mars smart heartbeat as shipped (repository head): per-network step probing 210 → 580 s (+60 s after 5 counted successes, back off after 2 failures), a noop at connect and 3 warm-up beats per connection, the next interval chosen when a beat is written, 210 s while the app is active.',
    source:
      'Tencent/mars @6aa5b567 (2025-09-01): mars/stn/src/smart_heartbeat.cc OnHeartResult, OnLongLinkDisconnect; longlink.cc (alarm re-armed at each send); longlink_connect_monitor.cc __IntervalConnect [V] (sources: mars)',
    create: createSmart,
    defaults: { ...SMART_DEFAULTS, variant: 'head' },
    reconnect: MARS_BACKOFF,
    // Mars re-arms its heartbeat alarm after every successful write (longlink.cc).
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'smart-2018',
    description:
      'WeChat Mars smart heartbeat as released 2016–2019: `<` warm-up check, every success filed under the record interval counts, failures never zero the successes (on a 5-min NAT it never backs off).',
    source:
      "Tencent/mars @e16fea36 (2018-09-11): mars/stn/src/smart_heartbeat.cc OnHeartResult [V]; reconnect rule: the head's longlink_connect_monitor.cc (sources: mars)",
    create: createSmart,
    defaults: { ...SMART_DEFAULTS, variant: 'release-2018' },
    reconnect: MARS_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'smart-worked-example',
    description:
      "WeChat Mars smart heartbeat as its documented worked example describes it: settles at 250 s on a 5-min NAT (not the shipped code's behaviour).",
    source:
      'the intent of smart_heartbeat.cc as summarised in docs/strategies.md §4.1 (derivation in src/strategies/smart.ts); no release behaves exactly so (sources: mars)',
    create: createSmart,
    defaults: { ...SMART_DEFAULTS, variant: 'worked-example' },
    reconnect: MARS_BACKOFF,
    resetOnTraffic: true,
    timing: 'send',
  },
  {
    type: 'microg',
    description:
      'microG GCM learner: per network class, start 300 s in [300, 900] s, × 0.95 on a failure, × 1.02 on an ack after > ¾ interval of inbound silence.',
    source:
      'microg/GmsCore @9a206ae1: McsService.java (MSG_HEARTBEAT: ping sent then scheduleHeartbeat; isConnected: 90 s no-ack check at the next alarm; learnTimeout on "Connection reset"), GcmPrefs.kt learnTimeout/learnReached [V] (sources: microg)',
    create: createMicrog,
    defaults: { ...MICROG_DEFAULTS },
    reconnect: MICROG_BACKOFF,
    // McsService schedules the next heartbeat when it sends a ping, not on other traffic.
    resetOnTraffic: false,
    timing: 'send',
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
    timing: 'send',
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
    timing: 'send',
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
    timing: 'send',
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
    timing: 'send',
  },
];

const byType = new Map(entries.map((e) => [e.type, e]));

export function getStrategy(type: string): StrategyEntry | undefined {
  return byType.get(type);
}

export function listStrategies(): StrategyEntry[] {
  return [...byType.values()];
}
