/**
 * What the report knows about metric names: label, unit, family (the table a metric goes
 * in). Names not listed here (a newer engine) still appear, grouped by a keyword rule.
 */

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
}

function m(name: string, label: string, unit: string, family: FamilyId): MetricInfo {
  return { name, label, unit, family };
}

/** Metric names of docs/model.md §8, in table order; units follow "per phone per simulated day unless named". */
const CATALOG: readonly MetricInfo[] = [
  m('reconnectsPerPhoneDay', 'Reconnects', '/phone/day', 'reconnects'),
  m('heartbeatsPerPhoneDay', 'Heartbeats', '/phone/day', 'reconnects'),
  m('failedHeartbeatsPerPhoneDay', 'Failed heartbeats', '/phone/day', 'reconnects'),
  m('connectFailuresPerPhoneDay', 'Failed connects', '/phone/day', 'reconnects'),
  m('promotionsPerPhoneDay', 'Radio promotions', '/phone/day', 'signaling'),
  m('signalingPerPhoneDay', 'Signaling messages', 'msg/phone/day', 'signaling'),
  m('signalingPeakPerS', 'Signaling peak', 'msg/s', 'signaling'),
  m('signalingPeakPerMin', 'Signaling peak', 'msg/min', 'signaling'),
  m('energyJPerPhoneDay', 'Attributable energy', 'J/phone/day', 'energy'),
  m('batteryPctPerDay', 'Battery drain', '%/day', 'energy'),
  m('mAhPerPhoneDay', 'Attributable charge', 'mAh/phone/day', 'energy'),
  m('standbyHours', 'Modelled standby time', 'h', 'energy'),
  m('pushArrived', 'Pushes arrived', 'msgs/run', 'push'),
  m('pushDelivered', 'Pushes delivered', 'msgs/run', 'push'),
  m('pushExpired', 'Pushes expired by TTL', 'msgs/run', 'push'),
  m('pushPending', 'Pushes pending at end', 'msgs/run', 'push'),
  m('pushLatencyP50S', 'Push latency p50', 's', 'push'),
  m('pushLatencyP95S', 'Push latency p95', 's', 'push'),
  m('pushLatencyP99S', 'Push latency p99', 's', 'push'),
  m('pushLatencyMaxS', 'Push latency max', 's', 'push'),
  m('pushWithin1sPct', 'Delivered within 1 s', '%', 'push'),
  m('pushWithin10sPct', 'Delivered within 10 s', '%', 'push'),
  m('pushWithin60sPct', 'Delivered within 60 s', '%', 'push'),
  m('smsPerPhoneDay', 'Wake-up SMS', '/phone/day', 'push'),
  m('pollsPerPhoneDay', 'Polls', '/phone/day', 'push'),
  m('serverSessionsPeak', 'Peak concurrent sessions', 'sessions', 'server'),
  m('serverHandshakesPeakPerS', 'Handshakes peak', '/s', 'server'),
  m('serverHandshakesPerSMean', 'Handshakes, mean', '/s', 'server'),
  m('serverHeartbeatsPerSMean', 'Heartbeats at server, mean', '/s', 'server'),
  m('serverHeartbeatsPeakPerS', 'Heartbeats at server, peak', '/s', 'server'),
  m('zombieSessionSecondsPerPhoneDay', 'Zombie session time', 's/phone/day', 'server'),
  m('learnedIntervalS', 'Learned interval', 's', 'adaptive'),
  m('convergeTimeS', 'Time to converge', 's', 'adaptive'),
  m('learnedOverNatTimeout', 'Learned interval ÷ NAT timeout', 'ratio', 'adaptive'),
];

const BY_NAME = new Map(CATALOG.map((x, i) => [x.name, { info: x, order: i }]));

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
  return { name, label: labelFromName(name), unit: guessUnit(name), family };
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
