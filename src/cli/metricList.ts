/**
 * `hbsim list metrics`: every metric name of summary.json with what it measures and where
 * its definition lives. Units come from the report's catalogue (src/report/metrics.ts).
 */
export interface MetricDoc {
  name: string;
  description: string;
  source: string;
}

const D5 = 'docs/model.md §8';
const D7 = 'docs/model.md §8';

export const METRIC_DOCS: readonly MetricDoc[] = [
  {
    name: 'reconnectsPerPhoneDay',
    description: 'Reconnects per phone per day, all causes.',
    source: D7,
  },
  {
    name: 'heartbeatsPerPhoneDay',
    description: 'Heartbeats (PINGREQ) sent per phone per day.',
    source: D7,
  },
  {
    name: 'failedHeartbeatsPerPhoneDay',
    description: 'Heartbeats without a timely answer (or RST).',
    source: D7,
  },
  {
    name: 'promotionsPerPhoneDay',
    description: 'Radio idle→connected promotions per phone per day.',
    source: D7,
  },
  {
    name: 'signalingPerPhoneDay',
    description: 'Carrier signaling messages per phone per day.',
    source: D7,
  },
  {
    name: 'signalingPeakPerS',
    description: 'Peak carrier signaling messages in one second.',
    source: D7,
  },
  {
    name: 'signalingPeakPerMin',
    description: 'Peak carrier signaling messages in one minute.',
    source: D5,
  },
  {
    name: 'energyJPerPhoneDay',
    description: 'Attributable energy (total − idle power × time), J per phone per day.',
    source: `${D7}; docs/model.md §2.2`,
  },
  {
    name: 'batteryPctPerDay',
    description: 'Attributable energy as % of the battery per day.',
    source: `${D7}; docs/model.md §2.2`,
  },
  { name: 'pushArrived', description: 'Push messages that arrived at the server.', source: D7 },
  { name: 'pushDelivered', description: 'Push messages delivered to the phone.', source: D7 },
  { name: 'pushExpired', description: 'Push messages lost to the TTL.', source: D7 },
  {
    name: 'pushPending',
    description: 'Push messages still undelivered at the end.',
    source: `${D7} (delivered + expired + pending = arrived)`,
  },
  { name: 'pushLatencyP50S', description: 'Median push delivery latency, s.', source: D7 },
  { name: 'pushLatencyP95S', description: '95th percentile push delivery latency, s.', source: D7 },
  { name: 'pushLatencyP99S', description: '99th percentile push delivery latency, s.', source: D7 },
  { name: 'pushLatencyMaxS', description: 'Longest push delivery latency, s.', source: D7 },
  { name: 'pushWithin1sPct', description: 'Share of pushes delivered within 1 s.', source: D5 },
  { name: 'pushWithin10sPct', description: 'Share of pushes delivered within 10 s.', source: D5 },
  { name: 'pushWithin60sPct', description: 'Share of pushes delivered within 60 s.', source: D5 },
  { name: 'serverSessionsPeak', description: 'Peak concurrent server sessions.', source: D5 },
  {
    name: 'serverHandshakesPeakPerS',
    description: 'Peak connection handshakes at the server per second.',
    source: D7,
  },
  {
    name: 'serverHeartbeatsPerSMean',
    description: 'Mean heartbeats per second at the server.',
    source: D7,
  },
  {
    name: 'serverHeartbeatsPerSPeak',
    description: 'Peak heartbeats per second at the server.',
    source: D5,
  },
  {
    name: 'zombieSessionSecondsPerPhoneDay',
    description: 'Seconds per phone per day the server held a session whose NAT mapping was gone.',
    source: D7,
  },
  {
    name: 'learnedIntervalS',
    description: 'Adaptive policies: mean learned interval at the end of the run, s.',
    source: D7,
  },
  { name: 'convergenceTimeS', description: 'Adaptive policies: time to converge, s.', source: D5 },
  {
    name: 'learnedOverNatTimeout',
    description: 'Adaptive policies: learned interval ÷ true NAT timeout.',
    source: D5,
  },
];
