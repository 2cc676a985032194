/** Why a connection was lost (each loss is followed by a reconnect). docs/model.md §5.5. */
export const Cause = {
  /** The carrier NAT evicted the idle mapping. */
  natEviction: 0,
  /** The NAT box was full and evicted this mapping (LRU). */
  capacityEviction: 1,
  /** Scripted fault: the carrier's NAT dropped every mapping. */
  natReset: 2,
  /** The phone moved to another network (Wi-Fi ↔ cellular). */
  networkChange: 3,
  /** The phone lost coverage (random outage or a scripted carrier outage). */
  coverageOutage: 4,
  /** The server closed a silent session (keep-alive timeout). */
  serverTimeout: 5,
  /** Scripted fault: the server restarted and dropped every session. */
  serverRestart: 6,
} as const;

export const CAUSE_NAMES = [
  'natEviction',
  'capacityEviction',
  'natReset',
  'networkChange',
  'coverageOutage',
  'serverTimeout',
  'serverRestart',
] as const;

/** Client connection states. A successful heartbeat is resolved at once, so only failing ones wait. */
export const ConnState = { down: 0, up: 1, failing: 2 } as const;

/** DisconnectReason (src/strategies/types.ts) by number, as the model stores it. */
export const Reason = {
  ackTimeout: 0,
  rst: 1,
  serverClose: 2,
  networkChange: 3,
  outage: 4,
  natReset: 5,
} as const;

export const REASON_NAMES = [
  'ackTimeout',
  'rst',
  'serverClose',
  'networkChange',
  'outage',
  'natReset',
] as const;
