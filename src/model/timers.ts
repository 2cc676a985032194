/**
 * Timers of one connection slot: one pending event each at most. A connection's timers have
 * adjacent event slots (World.slot), heartbeat and server deadline first: a heartbeat fires
 * one and moves the other, so they share a cache line of the queue's slot table.
 */
export const CONN_TIMERS = [
  'heartbeat',
  'serverDeadline',
  'ackTimeout',
  'retransmit',
  'reconnect',
  'serverPushAck',
] as const;

export const T = {
  heartbeat: 0,
  serverDeadline: 1,
  ackTimeout: 2,
  retransmit: 3,
  reconnect: 4,
  serverPushAck: 5,
} as const;
