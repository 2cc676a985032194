import { BINARY_SEARCH_DEFAULTS, bisectionOptions } from './binarySearch.js';
import { Bisection, type BisectionOptions } from './bisection.js';
import { NetworkMemory } from './networkMemory.js';
import { checkKnownParams, numberParam, sharedConfig } from './params.js';
import {
  type DisconnectReason,
  type HeartbeatStrategy,
  isNatEviction,
  type StrategyContext,
  type StrategyEnv,
} from './types.js';

/**
 * Crowd-sourced interval: a server-assisted policy that NO shipped system implements (an
 * experiment this simulator makes cheap). The push server keeps, per network key, the
 * intervals phones found by their own search; a newcomer on a known network starts at the
 * crowd's value and only confirms it, instead of paying a search's failed probes (each a
 * reconnect) itself.
 *
 * Phone side, per network key:
 * - the server has a recommendation R: use R; after `confirmations` (3) successes adopt it
 *   for good. A failure while confirming is reported, and the phone bisects below R.
 * - no recommendation: bisect like binary-search (same parameters and defaults), and report
 *   the largest interval found to survive (lo) when the search converges.
 * - once operating, `failuresToRestart` consecutive failures reopen the search (reported).
 *
 * Server side (`CrowdTable`, one per run in `env.shared`): the last `windowSize` (16)
 * reported values per network, recommendation = their `quantile` (0.25, lower quartile:
 * mappings' timeouts vary, so most newcomers should survive it) minus `safetyMarginS`,
 * clamped to [minS, maxS], once `minReports` (1) values exist. Reports arrive in simulation
 * event order and the quantile sorts a copy, so the table is deterministic for a seed.
 * The table is shared only by connections of one world (one run).
 *
 * The search knobs are binary-search's (same names, same defaults but 3 confirmations).
 */
export const CROWD_DEFAULTS = {
  ...BINARY_SEARCH_DEFAULTS,
  confirmations: 3,
  windowSize: 16,
  quantile: 0.25,
  minReports: 1,
};

const KNOWN = Object.keys(CROWD_DEFAULTS);

export const CROWD_TABLE_KEY = 'crowd:table';

interface Samples {
  values: number[];
  next: number;
  failures: number;
}

/** The push server's per-network memory of learned intervals. */
export class CrowdTable {
  private readonly byNetwork = new Map<string, Samples>();

  constructor(
    private readonly windowSize: number,
    private readonly quantile: number,
    private readonly minReports: number,
  ) {}

  /** A phone's search converged: `loS` survived on this network. */
  reportLearned(key: string, loS: number): void {
    const s = this.samples(key);
    if (s.values.length < this.windowSize) s.values.push(loS);
    else s.values[s.next] = loS;
    s.next = (s.next + 1) % this.windowSize;
  }

  /** A phone failed at `intervalS` (counted for diagnostics; its own search reports later). */
  reportFailure(key: string, _intervalS: number): void {
    this.samples(key).failures++;
  }

  /** The reported value at the configured quantile, NaN when too few reports. */
  quantileOf(key: string): number {
    const s = this.byNetwork.get(key);
    if (!s || s.values.length < this.minReports || s.values.length === 0) return Number.NaN;
    const sorted = [...s.values].sort((a, b) => a - b);
    // Lower nearest-rank: the value below which at most `quantile` of the reports lie.
    const i = Math.min(sorted.length - 1, Math.floor(this.quantile * (sorted.length - 1)));
    return sorted[i];
  }

  failures(key: string): number {
    return this.byNetwork.get(key)?.failures ?? 0;
  }

  private samples(key: string): Samples {
    let s = this.byNetwork.get(key);
    if (!s) {
      s = { values: [], next: 0, failures: 0 };
      this.byNetwork.set(key, s);
    }
    return s;
  }
}

interface CrowdRecord {
  /** The crowd value being confirmed (NaN when searching or operating). */
  confirmingS: number;
  confirmed: number;
  search: Bisection;
  modifiedAt: number;
}

interface CrowdConfig {
  search: BisectionOptions;
  ackTimeoutS: number;
  maxNetworks: number;
  windowSize: number;
  quantile: number;
  minReports: number;
}

function parseCrowd(params: Record<string, unknown>): CrowdConfig {
  checkKnownParams(params, KNOWN, 'crowd');
  const D = CROWD_DEFAULTS;
  return {
    search: bisectionOptions(params, D),
    ackTimeoutS: numberParam(params, 'ackTimeoutS', D.ackTimeoutS, { min: 0.001 }),
    maxNetworks: numberParam(params, 'maxNetworks', D.maxNetworks, { min: 1 }),
    windowSize: numberParam(params, 'windowSize', D.windowSize, { min: 1 }),
    quantile: numberParam(params, 'quantile', D.quantile, { min: 0, max: 1 }),
    minReports: numberParam(params, 'minReports', D.minReports, { min: 1 }),
  };
}

const configs = new WeakMap<object, CrowdConfig>();

export function createCrowd(params: Record<string, unknown>, env: StrategyEnv): HeartbeatStrategy {
  const c = sharedConfig(configs, params, parseCrowd);
  return new CrowdHeartbeat(c, sharedTable(env, c));
}

/** The run's one crowd table (created by the first connection's factory call). */
function sharedTable(env: StrategyEnv, c: CrowdConfig): CrowdTable {
  let t = env.shared.get(CROWD_TABLE_KEY);
  if (!(t instanceof CrowdTable)) {
    t = new CrowdTable(c.windowSize, c.quantile, c.minReports);
    env.shared.set(CROWD_TABLE_KEY, t);
  }
  return t as CrowdTable;
}

class CrowdHeartbeat implements HeartbeatStrategy {
  private readonly memory = new NetworkMemory<CrowdRecord>();
  /** Results belong to the network the connection was made on (ctx may already be the next). */
  private connKey = '';

  constructor(
    private readonly c: CrowdConfig,
    private readonly table: CrowdTable,
  ) {}

  onConnected(ctx: StrategyContext): void {
    this.connKey = ctx.networkKey;
    if (this.memory.has(this.connKey)) return;
    this.memory.add(this.connKey, this.c.maxNetworks, {
      confirmingS: this.recommendation(this.connKey),
      confirmed: 0,
      search: new Bisection(this.c.search, ctx.now),
      modifiedAt: ctx.now,
    });
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    const r = this.memory.get(this.connKey);
    if (!r) return;
    r.modifiedAt = ctx.now;
    if (!Number.isNaN(r.confirmingS)) {
      if (interval === r.confirmingS && ++r.confirmed >= this.c.search.confirmations) {
        r.search.adopt(r.confirmingS, ctx.now);
        r.confirmingS = Number.NaN;
      }
      return;
    }
    const was = r.search.converged;
    r.search.onSuccess(interval, ctx.now);
    if (!was && r.search.converged) this.table.reportLearned(this.connKey, r.search.lo);
  }

  /** Only a NAT eviction says the interval was too long: a switch or a fault says nothing. */
  onHeartbeatFailure(ctx: StrategyContext, interval: number, reason: DisconnectReason): void {
    if (!isNatEviction(reason)) return;
    const r = this.memory.get(this.connKey);
    if (!r) return;
    r.modifiedAt = ctx.now;
    const o = this.c.search;
    if (!Number.isNaN(r.confirmingS)) {
      this.table.reportFailure(this.connKey, interval);
      // Search below the crowd value this mapping did not survive.
      r.search = new Bisection(o, ctx.now, o.minS, Math.max(o.minS, r.confirmingS));
      r.confirmingS = Number.NaN;
      r.confirmed = 0;
      return;
    }
    const was = r.search.converged;
    if (r.search.onFailure(interval, ctx.now)) this.table.reportFailure(this.connKey, interval);
    if (!was && r.search.converged) this.table.reportLearned(this.connKey, r.search.lo);
  }

  onNetworkChange(): void {}

  nextInterval(ctx: StrategyContext): number {
    const r = this.memory.get(ctx.networkKey);
    if (!r) return this.c.search.minS;
    return Number.isNaN(r.confirmingS) ? r.search.interval() : r.confirmingS;
  }

  ackTimeoutS(): number {
    return this.c.ackTimeoutS;
  }

  announcedInterval(): number {
    return this.c.search.maxS;
  }

  learnedInterval(ctx: StrategyContext): number {
    const r = this.memory.get(ctx.networkKey);
    if (!r) return this.c.search.minS;
    return Number.isNaN(r.confirmingS) ? r.search.learned() : r.confirmingS;
  }

  /** The crowd's value for a network, NaN when it has none yet. */
  private recommendation(key: string): number {
    const q = this.table.quantileOf(key);
    const o = this.c.search;
    return Number.isNaN(q) ? q : Math.min(o.maxS, Math.max(o.minS, q - o.safetyMarginS));
  }
}
