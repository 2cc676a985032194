/**
 * What the report knows about metric names: label, unit, family (the table a metric goes
 * in). Names not listed here (a newer engine) still appear, grouped by a keyword rule.
 */

import type { MetricRange } from './types.js';

export type FamilyId =
  | 'reconnects'
  | 'signaling'
  | 'energy'
  | 'push'
  | 'server'
  | 'adaptive'
  | 'other';

export const FAMILIES: readonly { id: FamilyId; title: string }[] = [
  { id: 'reconnects', title: 'Reconnects & heartbeats' },
  { id: 'signaling', title: 'Signaling & radio' },
  { id: 'energy', title: 'Energy & battery' },
  { id: 'push', title: 'Push delivery' },
  { id: 'server', title: 'Server' },
  { id: 'adaptive', title: 'Adaptive policies' },
  { id: 'other', title: 'Other metrics' },
];

export interface MetricInfo {
  name: string;
  label: string;
  unit: string;
  family: FamilyId;
  /** Values the metric can take: intervals never leave this range. */
  range: MetricRange;
  /** What it measures (for `hbsim list metrics`). */
  description: string;
  /** Where it is defined. */
  source: string;
}

const D5 = 'docs/model.md §8';
const D7 = 'docs/model.md §8';
const M8 = 'docs/model.md §8';
const DZ = 'docs/model.md §5.8';

function m(
  name: string,
  label: string,
  unit: string,
  family: FamilyId,
  description: string,
  source: string,
  range: MetricRange = 'nonNegative',
): MetricInfo {
  return { name, label, unit, family, range, description, source };
}

/**
 * THE metric catalogue: every metric a run emits (src/model/collect.ts) or the report
 * derives, in table order. runs.csv columns, summary.json metrics and `hbsim list metrics`
 * all come from it (a test checks that each name listed is in the outputs and back).
 * Units follow "per phone per measured day unless named".
 */
export const METRIC_CATALOG: readonly MetricInfo[] = [
  m(
    'reconnectsPerPhoneDay',
    'Reconnects',
    '/phone/day',
    'reconnects',
    'Reconnects per phone per day, all causes.',
    D7,
  ),
  m(
    'heartbeatsPerPhoneDay',
    'Heartbeats',
    '/phone/day',
    'reconnects',
    'Heartbeats (PINGREQ) sent per phone per day.',
    D7,
  ),
  m(
    'failedHeartbeatsPerPhoneDay',
    'Failed heartbeats',
    '/phone/day',
    'reconnects',
    'Heartbeats without a timely answer (or answered by a RST).',
    D7,
  ),
  m(
    'connectFailuresPerPhoneDay',
    'Failed connects',
    '/phone/day',
    'reconnects',
    'Refused connects (server down, over its handshake budget, NAT reject).',
    M8,
  ),
  m(
    'promotionsPerPhoneDay',
    'Radio promotions',
    '/phone/day',
    'signaling',
    'Radio idle→connected promotions per phone per day.',
    D7,
  ),
  m(
    'signalingPerPhoneDay',
    'Signaling messages',
    'msg/phone/day',
    'signaling',
    'Carrier signaling messages per phone per day.',
    D7,
  ),
  m(
    'signalingPeakPerS',
    'Signaling peak',
    'msg/s',
    'signaling',
    'Peak carrier signaling messages in one second, all carriers.',
    D7,
  ),
  m(
    'signalingPeakPerMin',
    'Signaling peak',
    'msg/min',
    'signaling',
    'Peak carrier signaling messages in one minute, all carriers.',
    D5,
  ),
  m(
    'energyJPerPhoneDay',
    'Attributable energy',
    'J/phone/day',
    'energy',
    'Attributable energy: total − idle power × time, J per phone per day.',
    `${D7}; docs/model.md §2.2`,
  ),
  m(
    'energyIdleJPerPhoneDay',
    'Idle baseline energy',
    'J/phone/day',
    'energy',
    'Idle baseline: idle radio power × measured time, J per phone per day.',
    M8,
  ),
  m(
    'energyTotalJPerPhoneDay',
    'Total radio energy',
    'J/phone/day',
    'energy',
    'Total radio energy = attributable + idle baseline, J per phone per day.',
    M8,
  ),
  m(
    'batteryPctPerDay',
    'Battery drain',
    '%/day',
    'energy',
    'Attributable energy as % of the battery (capacity × voltage) per day.',
    `${D7}; docs/model.md §2.2`,
  ),
  m(
    'mAhPerPhoneDay',
    'Attributable charge',
    'mAh/phone/day',
    'energy',
    'Attributable energy as charge at the battery voltage, mAh per phone per day.',
    M8,
  ),
  m(
    'standbyHours',
    'Modelled standby time',
    'h',
    'energy',
    'Battery energy ÷ (attributable + idle radio power): hours of standby, radio only.',
    M8,
  ),
  m(
    'pushArrived',
    'Pushes arrived',
    'msgs/run',
    'push',
    'Push messages that arrived at the server in the measured window.',
    D7,
  ),
  m(
    'pushDelivered',
    'Pushes delivered',
    'msgs/run',
    'push',
    'Push messages (arrived in the measured window) delivered to the phone.',
    D7,
  ),
  m(
    'pushExpired',
    'Pushes expired by TTL',
    'msgs/run',
    'push',
    'Push messages lost to the TTL.',
    D7,
  ),
  m(
    'pushPending',
    'Pushes pending at end',
    'msgs/run',
    'push',
    'Push messages still undelivered at the end (delivered + expired + pending = arrived).',
    D7,
  ),
  m(
    'pushLatencyMeanS',
    'Push latency mean',
    's',
    'push',
    'Mean push delivery latency, s (report: all deliveries of all replications pooled).',
    M8,
  ),
  m(
    'pushLatencyP50S',
    'Push latency p50',
    's',
    'push',
    'Median push delivery latency, s (report: pooled, bootstrap CI).',
    D7,
  ),
  m(
    'pushLatencyP90S',
    'Push latency p90',
    's',
    'push',
    '90th percentile push delivery latency, s (report: pooled, bootstrap CI).',
    M8,
  ),
  m(
    'pushLatencyP95S',
    'Push latency p95',
    's',
    'push',
    '95th percentile push delivery latency, s (report: pooled, bootstrap CI).',
    D7,
  ),
  m(
    'pushLatencyP99S',
    'Push latency p99',
    's',
    'push',
    '99th percentile push delivery latency, s (report: pooled, bootstrap CI).',
    D7,
  ),
  m(
    'pushLatencyMaxS',
    'Push latency max',
    's',
    'push',
    'Longest push delivery latency of a run, s (mean over replications).',
    D7,
  ),
  m(
    'pushWithin1sPct',
    'Delivered within 1 s',
    '%',
    'push',
    'Share of delivered pushes delivered within 1 s.',
    D5,
    'percent',
  ),
  m(
    'pushWithin10sPct',
    'Delivered within 10 s',
    '%',
    'push',
    'Share of delivered pushes delivered within 10 s.',
    D5,
    'percent',
  ),
  m(
    'pushWithin60sPct',
    'Delivered within 60 s',
    '%',
    'push',
    'Share of delivered pushes delivered within 60 s.',
    D5,
    'percent',
  ),
  m(
    'smsPerPhoneDay',
    'Wake-up SMS',
    '/phone/day',
    'push',
    'Wake-up SMS sent per phone per day (sms-wakeup architecture).',
    M8,
  ),
  m(
    'pollsPerPhoneDay',
    'Polls',
    '/phone/day',
    'push',
    'Polls per phone per day (polling architecture).',
    M8,
  ),
  m(
    'serverSessionsPeak',
    'Peak concurrent sessions',
    'sessions',
    'server',
    'Peak concurrent server sessions.',
    D5,
  ),
  m(
    'serverHandshakesPeakPerS',
    'Handshakes peak',
    '/s',
    'server',
    'Peak connection handshakes at the server in one second.',
    D7,
  ),
  m(
    'serverHandshakesPerSMean',
    'Handshakes, mean',
    '/s',
    'server',
    'Mean connection handshakes per second at the server.',
    M8,
  ),
  m(
    'serverHeartbeatsPerSMean',
    'Heartbeats at server, mean',
    '/s',
    'server',
    'Mean heartbeats per second at the server.',
    D7,
  ),
  m(
    'serverHeartbeatsPeakPerS',
    'Heartbeats at server, peak',
    '/s',
    'server',
    'Peak heartbeats at the server in one second.',
    D5,
  ),
  m(
    'zombieSessionSecondsSumPerPhoneDay',
    'Zombie session-seconds',
    'session-s/phone/day',
    'server',
    'Session-seconds per phone per day the server held a session whose NAT mapping was gone, summed over sessions: overlapping sessions add up, so it can exceed 86 400.',
    D7,
  ),
  m(
    'learnedIntervalS',
    'Learned interval',
    's',
    'adaptive',
    'Adaptive policies: mean learned interval at the end of the run, s.',
    D7,
  ),
  m(
    'learnedOverNatTimeout',
    'Learned interval ÷ NAT timeout',
    'ratio',
    'adaptive',
    'Adaptive policies: learned interval ÷ true NAT timeout of the current mapping.',
    D5,
  ),
  m(
    'timeToStableS',
    'Time to stable',
    's',
    'adaptive',
    'Adaptive policies: median over sampled connections of the simulated time since which the policy declares its interval stable (isStable), or, for policies without that notion, of the last change of the interval.',
    M8,
  ),
  m(
    'stableAtEndPct',
    'Stable at end',
    '%',
    'adaptive',
    'Adaptive policies with a stable flag: sampled connections whose policy declares its interval stable at the end of the run.',
    M8,
    'percent',
  ),
  m(
    'dozeDeferredHeartbeatsPerPhoneDay',
    'Doze-held heartbeats',
    '/phone/day',
    'reconnects',
    'Runs with Android Doze: heartbeat alarms that fell in a Doze idle period and waited (for a maintenance window, a screen-on, or their while-idle quota).',
    DZ,
  ),
  m(
    'dozeHeartbeatDeferralMeanS',
    'Doze heartbeat wait',
    's',
    'reconnects',
    'Runs with Android Doze: mean wait of a held heartbeat, from when it was due to when the schedule let it fire.',
    DZ,
  ),
  m(
    'dozeWhileIdleHeartbeatsPerPhoneDay',
    'While-idle heartbeats',
    '/phone/day',
    'reconnects',
    'Runs with Android Doze: heartbeats fired inside idle periods as while-idle alarms, on their app quota (0 without while-idle alarms).',
    DZ,
  ),
  m(
    'dozeReconnectsPerPhoneDay',
    'Reconnects after Doze',
    '/phone/day',
    'reconnects',
    'Runs with Android Doze: connection losses found by a heartbeat Doze had held (the path died while the phone slept); each is followed by a reconnect.',
    DZ,
  ),
  m(
    'dozeDelayedPushesPerPhoneDay',
    'Doze-held pushes',
    '/phone/day',
    'push',
    "Runs with Android Doze: pushes that reached the phone in an idle period and waited for the next maintenance window (normal priority, or an app's own connection).",
    DZ,
  ),
  m(
    'dozePushDelayMeanS',
    'Doze push wait',
    's',
    'push',
    'Runs with Android Doze: mean wait of a held push for its maintenance window.',
    DZ,
  ),
  m(
    'dozePushLatencyAddedS',
    'Doze latency per push',
    's',
    'push',
    'Runs with Android Doze: the Doze waits summed over held pushes, divided by all delivered pushes: what Doze adds to the mean push latency.',
    DZ,
  ),
];

const BY_NAME = new Map(METRIC_CATALOG.map((x, i) => [x.name, { info: x, order: i }]));

/** The five metrics with a bar chart each. */
export const HEADLINE_METRICS = [
  'reconnectsPerPhoneDay',
  'signalingPerPhoneDay',
  'energyJPerPhoneDay',
  'batteryPctPerDay',
  'pushLatencyP95S',
] as const;

const FAMILY_RULES: readonly [RegExp, FamilyId][] = [
  [/reconnect|heartbeat/i, 'reconnects'],
  [/signal|promotion|radio/i, 'signaling'],
  [/energy|battery|mah|standby/i, 'energy'],
  [/push/i, 'push'],
  [/server|zombie|session|handshake/i, 'server'],
  [/learned|converge|interval/i, 'adaptive'],
];

function guessUnit(name: string): string {
  if (/PerPhoneDay$/.test(name)) return '/phone/day';
  if (/Pct$/.test(name)) return '%';
  if (/PerS(Mean|Peak)?$/.test(name)) return '/s';
  if (/PerMin$/.test(name)) return '/min';
  if (/Hours$/.test(name)) return 'h';
  if (/[a-z]S$/.test(name)) return 's';
  return '';
}

/** "fooBarBaz" → "Foo bar baz". */
function labelFromName(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function metricInfo(name: string): MetricInfo {
  const known = BY_NAME.get(name);
  if (known) return known.info;
  const family = FAMILY_RULES.find(([re]) => re.test(name))?.[1] ?? 'other';
  const range: MetricRange = /Pct$/.test(name) ? 'percent' : 'real';
  return {
    name,
    label: labelFromName(name),
    unit: guessUnit(name),
    family,
    range,
    description: '',
    source: '',
  };
}

/** Catalog order first, then unknown names alphabetically. */
export function sortMetricNames(names: Iterable<string>): string[] {
  const rank = (n: string) => BY_NAME.get(n)?.order ?? Number.POSITIVE_INFINITY;
  return [...new Set(names)].sort((a, b) => {
    const d = rank(a) - rank(b);
    if (d !== 0 && !Number.isNaN(d)) return d;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** "Label (unit)". */
export function labelWithUnit(name: string): string {
  const info = metricInfo(name);
  return info.unit ? `${info.label} (${info.unit})` : info.label;
}
