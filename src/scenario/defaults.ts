/**
 * Every default the scenario layer fills in, with where its value comes from. Radio and
 * strategy defaults live with their presets (src/model/radioPresets.ts,
 * src/strategies/registry.ts); docs/scenario.md repeats this table. "[assumption]" marks a
 * value no source gives us: it is a labelled modelling choice, not a fact.
 */

import type { DistributionSpec } from '../model/config.js';

export interface SourcedDefault<T> {
  value: T;
  source: string;
}

function d<T>(value: T, source: string): SourcedDefault<T> {
  return { value, source };
}

export const DEFAULTS = {
  seed: d(1, 'any fixed seed; runs are deterministic for a given seed'),
  durationS: d(86_400, '[assumption] one simulated day: every metric is per phone per day'),
  analysis: d(
    'steady-state' as const,
    'heartbeat studies ask for long-run cost; MSER-5 (White 1997) picks the warm-up',
  ),
  warmupS: d(
    'auto' as const,
    'steady-state: MSER-5 on one pilot run per strategy (White 1997; Hoad, Robinson & Davies 2010); terminating: 0',
  ),
  warmupLimitS: d(
    '2 × duration' as const,
    'a choice: pilots of at most four durations; raise it for learners that need longer (docs/scenario.md)',
  ),
  replications: d(1, 'one run per strategy; raise it to get confidence intervals'),
  startSpreadS: d(
    1800,
    '[assumption] first connects spread over ~one GCM interval (28 min) so fixed-interval phones do not beat in lockstep; 0 = synchronized start',
  ),
  handshakeRtts: d(3, 'TCP + TLS + MQTT CONNECT (docs/model.md §5.1)'),
  bucketS: d(60, 'per-minute time series'),
  intervalSamplePhones: d(100, '[assumption] a reporting choice: enough phones for p10/p50/p90'),
  tracePhone: d(-1, 'tracing off (costs nothing when off; docs/trace.md)'),
  charts: d(true, 'charts are part of the report (reports/README.md)'),

  rtt: d(
    { type: 'lognormal', median: 0.1, sigma: 0.3 } as DistributionSpec,
    '[assumption] a cellular round trip of 100 ms median, drawn per exchange (5%–95%: 61–164 ms); no measured distribution retrieved; set a constant for oracle tests',
  ),
  natTimeoutScope: d(
    'phone' as const,
    '[assumption] each phone meets one configured timeout per carrier, drawn once (the NAT box policy of RFC 5382 REQ-5 seen from one phone); `box` draws it once per NAT box',
  ),
  natExpiryTickS: d(
    0,
    "exact expiry: Linux conntrack checks a mapping's timeout when a packet arrives (net/netfilter/nf_conntrack_core.c, nf_ct_is_expired); a sweeping NAT is the `expiryTick` option",
  ),
  natIdleTimeoutS: d(
    7_440,
    'RFC 5382 REQ-5: a TCP mapping must live at least 2 h 4 min [V] (sources: rfc5382)',
  ),
  natRefreshOn: d(
    'both' as const,
    'RFC 4787 REQ-6: outbound MUST, inbound MAY refresh (sources: rfc4787)',
  ),
  natExpiredPacket: d('drop' as const, 'silent eviction (docs/model.md §3)'),
  natCapacity: d(0, 'unlimited mappings per NAT box'),
  natOnFull: d(
    'evict-lru' as const,
    'the least recently refreshed mapping goes (docs/model.md §3)',
  ),
  natBoxes: d(1, 'one NAT box per carrier'),

  keepaliveFactor: d(
    1.5,
    'MQTT 3.1.1 / 5 §3.1.2.10: the server disconnects after 1.5 × Keep Alive [V] (sources: mqtt-3.1.1, mqtt-5)',
  ),
  pushAckTimeoutS: d(
    60,
    "[assumption] by analogy with GCM's 60 s ack timeout (sources: chromium-gcm)",
  ),
  messageTtlS: d(28 * 86_400, 'FCM default time_to_live: 4 weeks [V] (sources: fcm-ttl)'),
  sessionTakeover: d(false, 'a new connection does not close the old session at once'),
  maxHandshakesPerS: d(0, 'unlimited'),

  batteryPreset: d(
    'current-phone' as const,
    'a current phone (presets.ts BATTERY_PRESETS); Haverinen et al. 2007 is the preset haverinen-2007',
  ),
  architecture: d(
    'system-channel' as const,
    'one push channel per phone (APNs, GCM/FCM; docs/model.md §7)',
  ),
  appName: d('push', '[assumption] a labelled default app'),
  pushRatePerHour: d(1, '[assumption] one push message per hour per app, a labelled default'),
  pollingIntervalS: d(
    900,
    "[assumption] by analogy with Android's 15-min inexact repeating alarms (sources: aosp-alarmmanager)",
  ),
  pollingJitterS: d(0, 'no jitter'),
  pollingKeepConnection: d(false, 'connect, fetch, close'),
} as const;
