import { KeyedValues, type StreamSeed, uniform } from '../engine/random/index.js';
import type { NatConfig } from './config.js';
import { buildDistribution } from './distributions.js';
import {
  connF,
  connI,
  N_BOX,
  N_CARRIER,
  N_DEATH_AT,
  N_LAST_REFRESH,
  N_STATE,
  N_TIMEOUT,
} from './records.js';

/** Why a mapping is gone. */
export const NatDeath = { alive: 0, idle: 1, capacity: 2, reset: 3, released: 4 } as const;

/**
 * The carrier-grade NAT of every carrier (GGSN/P-GW), one mapping per connection slot.
 *
 * A mapping is created by a connection's SYN; every packet that passes refreshes it (both
 * directions, or outbound only). Its idle timeout is the NAT's configuration, not a dice roll
 * per connection: drawn once per NAT box, or once per (phone, carrier), from a stream keyed
 * by the carrier's name and the box or phone (KeyedValues), so every strategy — whatever it
 * does and in whatever order it opens mappings — faces the same timeouts (common random
 * numbers). RFC 5382 REQ-5 and carrier measurements describe the timeout as a box's policy.
 *
 * Eviction of idle mappings is silent and evaluated lazily: a mapping idle for longer than
 * its timeout is found dead when the next packet tries it, dated back to the moment it
 * expired. With `expiryTickS` g > 0 the box sweeps expired mappings every g seconds (phase
 * drawn per box), so a mapping dies at the first sweep at or after its deadline; g = 0 is
 * the exact case (Linux conntrack checks expiry when a packet arrives).
 *
 * The packets the model hands to the NAT are dated at the phone (the carrier NAT sits at the
 * phone's gateway; the whole RTT lies beyond it), see docs/model.md §3.
 *
 * With a capacity, each NAT box keeps its mappings in least-recently-used order (a doubly
 * linked list through typed arrays) so a full box can evict the LRU mapping or reject.
 *
 * A mapping's state, last refresh, timeout, death time, carrier and box live in its
 * connection's record (records.ts: N_*), next to the client and server fields a packet
 * touches at the same time.
 */
export class NatTable {
  // LRU list per box (only maintained for carriers with a capacity).
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  private readonly live: Int32Array;
  /** Largest number of live mappings any box held (the capacity invariant). */
  readonly peakLive: Int32Array;
  private readonly boxBase: number[];
  /** Mappings evicted per cause (measured or not: used by invariants and metrics). */
  readonly evictions = { idle: 0, capacity: 0, reset: 0 };

  /** Configured timeout per carrier, by phone or by box (built on the carrier's first use). */
  private readonly timeouts: (KeyedValues | null)[];
  /** Sweep phase per carrier and box (carriers with expiryTickS > 0). */
  private readonly phases: (KeyedValues | null)[];

  constructor(
    private readonly configs: NatConfig[],
    private readonly carrierNames: string[],
    private readonly seed: StreamSeed,
    private readonly replication: number,
    private readonly phones: number,
    private readonly connections: number,
    /** The connection records (records.ts), as doubles and as int32s. */
    private readonly cf: Float64Array,
    private readonly ci: Int32Array,
    /** Global id of local phone 0 (a population partition): boxes and timeouts follow it. */
    private readonly phoneBase = 0,
  ) {
    for (let c = 0; c < connections; c++) {
      ci[connI(c) + N_STATE] = NatDeath.released;
      cf[connF(c) + N_DEATH_AT] = Number.NaN;
      ci[connI(c) + N_CARRIER] = -1;
      ci[connI(c) + N_BOX] = -1;
    }
    this.prev = new Int32Array(connections).fill(-2); // -2: not in an LRU list
    this.next = new Int32Array(connections).fill(-1);
    this.boxBase = [];
    let boxes = 0;
    for (const c of configs) {
      this.boxBase.push(boxes);
      boxes += c.boxes;
    }
    this.head = new Int32Array(boxes).fill(-1);
    this.tail = new Int32Array(boxes).fill(-1);
    this.live = new Int32Array(boxes);
    this.peakLive = new Int32Array(boxes);
    this.timeouts = configs.map(() => null);
    this.phases = configs.map(() => null);
  }

  /** The idle timeout phone p's mappings get on a carrier (the NAT's configuration). */
  configuredTimeout(carrier: number, phone: number): number {
    const cfg = this.configs[carrier];
    let table = this.timeouts[carrier];
    if (table === null) {
      const byBox = cfg.timeoutScope === 'box';
      table = new KeyedValues(
        this.seed,
        this.replication,
        `${byBox ? 'nat-box-timeout' : 'nat-timeout'}:${this.carrierNames[carrier]}`,
        byBox ? cfg.boxes : this.phones,
        buildDistribution(cfg.idleTimeout),
        byBox ? 0 : this.phoneBase,
      );
      this.timeouts[carrier] = table;
    }
    return table.get(cfg.timeoutScope === 'box' ? (phone + this.phoneBase) % cfg.boxes : phone);
  }

  /** Phase of a box's expiry sweep in [0, expiryTickS). */
  private sweepPhase(carrier: number, boxOfCarrier: number): number {
    let table = this.phases[carrier];
    if (table === null) {
      const cfg = this.configs[carrier];
      table = new KeyedValues(
        this.seed,
        this.replication,
        `nat-sweep-phase:${this.carrierNames[carrier]}`,
        cfg.boxes,
        uniform(0, cfg.expiryTickS),
      );
      this.phases[carrier] = table;
    }
    return table.get(boxOfCarrier);
  }

  /** Number of NAT boxes of a carrier and the global index of its first box. */
  boxIndex(carrier: number, box: number): number {
    return this.boxBase[carrier] + box;
  }

  isAlive(conn: number, t: number): boolean {
    this.expire(conn, t);
    return this.ci[connI(conn) + N_STATE] === NatDeath.alive;
  }

  /** Why the connection's mapping is gone (NatDeath), evaluated at t. */
  deathCause(conn: number, t: number): number {
    this.expire(conn, t);
    return this.ci[connI(conn) + N_STATE];
  }

  /** When the mapping died (NaN while alive). Call after a check at a later time. */
  diedAt(conn: number): number {
    return this.cf[connF(conn) + N_DEATH_AT];
  }

  /** Timeout of the connection's current mapping (NaN if none was ever opened). */
  timeoutOf(conn: number): number {
    return this.ci[connI(conn) + N_CARRIER] < 0 ? Number.NaN : this.cf[connF(conn) + N_TIMEOUT];
  }

  /**
   * A SYN opens a mapping at t. Returns false if the box is full and rejects. The previous
   * mapping of the same slot (an abandoned one after a network switch) is released first.
   */
  open(conn: number, t: number, carrier: number, phone: number): boolean {
    this.release(conn);
    const cfg = this.configs[carrier];
    const box = this.boxBase[carrier] + ((phone + this.phoneBase) % cfg.boxes);
    if (cfg.capacity > 0) {
      this.dropExpiredHeads(box, t);
      if (this.live[box] >= cfg.capacity) {
        if (cfg.onFull === 'reject') return false;
        const victim = this.head[box];
        this.unlink(victim);
        this.ci[connI(victim) + N_STATE] = NatDeath.capacity;
        this.cf[connF(victim) + N_DEATH_AT] = t;
        this.evictions.capacity++;
      }
      this.linkTail(box, conn);
    }
    const f = connF(conn);
    const i = connI(conn);
    this.ci[i + N_STATE] = NatDeath.alive;
    this.ci[i + N_CARRIER] = carrier;
    this.ci[i + N_BOX] = box;
    this.cf[f + N_LAST_REFRESH] = t;
    this.cf[f + N_DEATH_AT] = Number.NaN;
    this.cf[f + N_TIMEOUT] = this.configuredTimeout(carrier, phone);
    if (this.live[box] > this.peakLive[box]) this.peakLive[box] = this.live[box];
    return true;
  }

  /** An outbound packet at t: true if the mapping was alive (and is now refreshed). */
  outbound(conn: number, t: number): boolean {
    if (!this.isAlive(conn, t)) return false;
    this.refresh(conn, t);
    return true;
  }

  /** An inbound packet at t: true if it gets through (refreshes only with refreshOn: both). */
  inbound(conn: number, t: number): boolean {
    if (!this.isAlive(conn, t)) return false;
    if (this.configs[this.ci[connI(conn) + N_CARRIER]].refreshOn === 'both') this.refresh(conn, t);
    return true;
  }

  /** The connection is closed by FIN/RST (or abandoned and replaced): the mapping goes. */
  release(conn: number): void {
    const i = connI(conn);
    if (this.ci[i + N_STATE] !== NatDeath.alive) return;
    this.unlink(conn);
    this.ci[i + N_STATE] = NatDeath.released;
  }

  /** Scripted fault: the carrier's NAT drops every mapping at t. Returns how many were live. */
  reset(carrier: number, t: number): number {
    let n = 0;
    const ci = this.ci;
    for (let c = 0; c < this.connections; c++) {
      const i = connI(c);
      if (ci[i + N_CARRIER] !== carrier || ci[i + N_STATE] !== NatDeath.alive) continue;
      this.expire(c, t);
      if (ci[i + N_STATE] !== NatDeath.alive) continue;
      this.unlink(c);
      ci[i + N_STATE] = NatDeath.reset;
      this.cf[connF(c) + N_DEATH_AT] = t;
      this.evictions.reset++;
      n++;
    }
    return n;
  }

  /** Lazy expiry: a mapping idle past its timeout died at lastRefresh + timeout. */
  private expire(conn: number, t: number): void {
    const i = connI(conn);
    if (this.ci[i + N_STATE] !== NatDeath.alive) return;
    const dies = this.expiryTime(conn);
    if (t > dies) {
      this.unlink(conn);
      this.ci[i + N_STATE] = NatDeath.idle;
      this.cf[connF(conn) + N_DEATH_AT] = dies;
      this.evictions.idle++;
    }
  }

  private expiryTime(conn: number): number {
    const i = connI(conn);
    const carrier = this.ci[i + N_CARRIER];
    const cfg = this.configs[carrier];
    const f = connF(conn);
    const last = this.cf[f + N_LAST_REFRESH];
    let deadline = last + this.cf[f + N_TIMEOUT];
    if (cfg.timeoutByHour !== undefined) {
      const hour = Math.floor(last / 3600) % 24;
      deadline = last + this.cf[f + N_TIMEOUT] * cfg.timeoutByHour[hour];
    }
    const g = cfg.expiryTickS;
    if (g <= 0) return deadline;
    // The first sweep of the box at or after the deadline.
    const phase = this.sweepPhase(carrier, this.ci[i + N_BOX] - this.boxBase[carrier]);
    return phase + Math.ceil((deadline - phase) / g) * g;
  }

  private refresh(conn: number, t: number): void {
    this.cf[connF(conn) + N_LAST_REFRESH] = t;
    const i = connI(conn);
    if (this.configs[this.ci[i + N_CARRIER]].capacity > 0) {
      const box = this.ci[i + N_BOX];
      if (this.tail[box] !== conn) {
        this.unlink(conn);
        this.linkTail(box, conn);
      }
    }
  }

  /** Expired mappings at the LRU end free their place before a capacity decision. */
  private dropExpiredHeads(box: number, t: number): void {
    for (let h = this.head[box]; h >= 0; h = this.head[box]) {
      this.expire(h, t);
      if (this.ci[connI(h) + N_STATE] === NatDeath.alive) break;
    }
  }

  private linkTail(box: number, conn: number): void {
    const last = this.tail[box];
    this.prev[conn] = last;
    this.next[conn] = -1;
    if (last >= 0) this.next[last] = conn;
    else this.head[box] = conn;
    this.tail[box] = conn;
    this.live[box]++;
  }

  /** Removes a mapping from its box's LRU list (no-op when it is not linked). */
  private unlink(conn: number): void {
    const i = connI(conn);
    const box = this.ci[i + N_BOX];
    if (box < 0 || this.configs[this.ci[i + N_CARRIER]].capacity === 0 || this.prev[conn] === -2)
      return;
    const p = this.prev[conn];
    const n = this.next[conn];
    if (p >= 0) this.next[p] = n;
    else this.head[box] = n;
    if (n >= 0) this.prev[n] = p;
    else this.tail[box] = p;
    this.prev[conn] = -2; // -2 marks "not linked"
    this.next[conn] = -1;
    this.live[box]--;
  }
}
