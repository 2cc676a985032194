/** Timers of one connection slot: one pending event each at most (slot = base[timer] + conn). */
export const CONN_TIMERS = [
  'heartbeat',
  'ackTimeout',
  'retransmit',
  'reconnect',
  'serverDeadline',
  'serverPushAck',
] as const;

export const T = {
  heartbeat: 0,
  ackTimeout: 1,
  retransmit: 2,
  reconnect: 3,
  serverDeadline: 4,
  serverPushAck: 5,
} as const;
