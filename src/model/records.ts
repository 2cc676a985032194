/**
 * Hot per-connection and per-phone state, packed as one record per entity (array of structs).
 *
 * Why: a heartbeat reads and writes about twenty fields of its connection (client side,
 * server session, NAT mapping) and its phone (radio, carrier). With one typed array per
 * field, every field is its own cache miss once the population outgrows the cache (100k
 * phones); packed, they are three cache lines. Each record is one slice of an ArrayBuffer
 * seen through two views: doubles for times and energies, int32s for ids, states and flags.
 * The offsets below index the record in those units: a connection's lastIn is
 * `cf[connF(c) + C_LAST_IN]`, its phone `ci[connI(c) + C_PHONE]`.
 *
 * Fields touched only on rare paths (reconnect attempts, failure causes, LRU links) stay in
 * plain per-field arrays next to their owners.
 */

import { cacheAlignedBuffer } from '../engine/alignedMemory.js';

/** Connection record: 128 bytes = 16 doubles = 32 int32s (two cache lines). */
export const CONN_BYTES = 128;

// Doubles 0..11 (bytes 0..95). Client side:
/** Last packet received / sent on the connection (NaN before the first connect). */
export const C_LAST_IN = 0;
export const C_LAST_OUT = 1;
/** Heartbeat interval in use (the strategy's last answer). */
export const C_INTERVAL = 2;
/** When the outstanding heartbeat left the phone. */
export const C_HB_SENT_AT = 3;
export const C_UP_AT = 4;
export const C_CLOSED_AT = 5;
/** When the path of the connection's latest TCP connection died (client closed or NAT gone). */
export const C_PATH_DEAD_AT = 6;
// Server session of the slot's latest connection:
export const S_LAST_PACKET = 7;
export const S_TIMEOUT = 8;
// NAT mapping of the slot's latest connection (see nat.ts):
export const N_LAST_REFRESH = 9;
export const N_TIMEOUT = 10;
export const N_DEATH_AT = 11;

// Int32s 24..31 (bytes 96..127).
export const C_PHONE = 24;
/** ConnState. */
export const C_STATE = 25;
/** Connections made on the slot so far; the server session records the epoch it belongs to. */
export const C_EPOCH = 26;
/** 1 while the server holds a session for the slot. */
export const S_OPEN = 27;
export const S_EPOCH = 28;
/** NatDeath. */
export const N_STATE = 29;
/** Carrier and global NAT box of the mapping (−1: never opened). */
export const N_CARRIER = 30;
export const N_BOX = 31;

/** Phone record: 64 bytes = 8 doubles = 16 int32s (one cache line). */
export const PHONE_BYTES = 64;

// Doubles 0..4 (bytes 0..39). Radio (see radio.ts):
/** End of the last transfer; −Infinity = idle since the start (or since the last switch). */
export const P_ACTIVE_END = 0;
/** Excess energy above idle (J), measured window only. */
export const P_EXCESS_J = 1;
/** Promotions in the measured window. */
export const P_PROMOTIONS = 2;
// Phone:
/** Last time the user was active on the phone (NaN if never). */
export const P_LAST_USER = 3;
/** Phase of the phone's OS alarm alignment. */
export const P_ALIGN_PHASE = 4;

// Int32s 10..15 (bytes 40..63).
/** Carrier (network) the phone is on; index into config.carriers. */
export const P_CARRIER = 10;
/** Radio profile in use (index into RadioBank.radios). */
export const P_PROFILE = 11;
export const P_GROUP = 12;
/** 1 while the phone has coverage. */
export const P_ONLINE = 13;
/** The phone's connection slots are firstConn .. firstConn + connCount − 1. */
export const P_FIRST_CONN = 14;
export const P_CONN_COUNT = 15;

/** Record start of connection c in the double view and in the int32 view. */
export function connF(c: number): number {
  return c << 4;
}
export function connI(c: number): number {
  return c << 5;
}

/** Record start of phone p in the double view and in the int32 view. */
export function phoneF(p: number): number {
  return p << 3;
}
export function phoneI(p: number): number {
  return p << 4;
}

/**
 * `count` zeroed records of `bytes` each, as a double view and an int32 view of one
 * cache-line-aligned buffer (so a 64-byte record is one line, a 128-byte record two).
 */
export function records(count: number, bytes: number): { f: Float64Array; i: Int32Array } {
  const total = Math.max(1, count) * bytes;
  const buffer = cacheAlignedBuffer(total);
  return { f: new Float64Array(buffer, 0, total / 8), i: new Int32Array(buffer, 0, total / 4) };
}
