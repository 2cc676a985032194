import { NetworkMemory } from './networkMemory.js';
import { booleanParam, checkKnownParams, numberParam, sharedConfig } from './params.js';
import type { HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';

/**
 * WeChat Mars "smart heartbeat" (Tencent/mars `mars/stn/src/smart_heartbeat.cc`,
 * `mars/stn/config.h`; docs/sources.md#mars). Every constant is a parameter whose
 * default is the Mars value.
 *
 * Two counters drive it, and telling them apart is what makes the worked examples come out:
 *
 * - per CONNECTION, `connSuccesses` (Mars `success_heart_count_`, zeroed when a TCP connection
 *   is established): while it is below `warmupBeats` (3) the next heartbeat uses
 *   `minIntervalS` (210 s) and its result teaches nothing;
 * - per NETWORK, `record.successes` (Mars `succ_heart_count_`): counted successes at the
 *   record's interval; a success counts only when the heartbeat before it (on this
 *   connection) used the same interval, so the first beat at a new interval never counts.
 *
 * Derivation of the first worked example (NAT idle timeout ≥ 10 min, one connection):
 * - beats 1–3 at 210 s are warm-up (results ignored);
 * - beat 4 uses the record's interval, still 210 s; the previous beat (3) was also at 210 s,
 *   so it counts: beats 4–8 are 5 counted successes → 210 + 60 = 270 s. That is
 *   3 warm-up + 5 counted = **8 beats at 210 s**;
 * - beat 9 is the first at 270 s: the previous was 210 s, so it does not count; beats 10–14
 *   are the 5 counted ones → 330 s. Hence **6 beats (1 uncounted + 5 counted) at each of
 *   270, 330, 390, 450, 510 and 570 s**;
 * - after 570 s the step is capped at max − margin = 580 s (570 + 60 = 630 > 580); 580 s is
 *   first used after 8·210 + 6·(270 + 330 + … + 570) = 1680 + 15120 = 16800 s of heartbeat
 *   intervals (4.67 h);
 * - at 580 s again 1 uncounted + 5 counted beats, and the fifth counted success at the cap
 *   marks the record **stable** (Mars: `cur_heart_ >= MaxHeartInterval − SuccessStep` →
 *   stable). That happens 6·580 = 3480 s later, at 20280 s = 5.63 h: the "≈ 5.6 h" of
 *   the Mars worked example is the time until 580 s is confirmed, not first used.
 *
 * Second example (5-min NAT): 8 beats at 210, 6 at 270, then the first beat at 330 s fails
 * (failure 1; the connection is re-established). The new connection does its 3 warm-up beats
 * at 210 s, then uses 330 s again, which fails (failure 2, while probing) → interval =
 * max(210, 330 − 60 − 20) = 250 s, stable. Third connection: 3 × 210 then 250 s for good.
 * Two failures, two reconnects.
 *
 * One divergence from the current Mars source, on purpose: Mars tests `success_heart_count_
 * <= 3` AFTER incrementing it on success only, so the failure of the first beat after
 * warm-up (count still 3) is silently ignored — with a constant 5-min NAT the real code never
 * records the second failure and loops forever on "3 × 210 s, 330 s fails". The worked example
 * (and Mars's 2017–2019 releases, sources: mars) counts it, and so do we; `ignoreFirstFailureAfterWarmup: true` restores the
 * source's behaviour for anyone who wants to study that quirk.
 */

interface MarsRecord {
  /** Mars `cur_heart_`: the learned (stable) or probe interval of this network. */
  intervalS: number;
  stable: boolean;
  successes: number;
  failures: number;
  /** Mars `last_modify_time_`: stamped on every save of the record. */
  modifiedAt: number;
}

/** Mars's constants (config.h / smart_heartbeat.cc); `activeIntervalS` defaults to minIntervalS. */
export const SMART_DEFAULTS = {
  minIntervalS: 210,
  maxIntervalS: 600,
  safetyMarginS: 20,
  stepS: 60,
  successesToStep: 5,
  failuresToBackOff: 2,
  warmupBeats: 3,
  ackTimeoutS: 8,
  maxNetworks: 20,
  reprobeAfterS: 7 * 86400,
  reprobeStepS: 20,
  activeGraceS: 600,
  ignoreFirstFailureAfterWarmup: false,
};

const KNOWN = [...Object.keys(SMART_DEFAULTS), 'activeIntervalS'];

interface SmartConfig {
  minS: number;
  maxS: number;
  margin: number;
  /** max − margin: the largest learned value (580 s). */
  cap: number;
  stepS: number;
  successesToStep: number;
  failuresToBackOff: number;
  warmupBeats: number;
  ackTimeoutS: number;
  maxNetworks: number;
  reprobeAfterS: number;
  reprobeStepS: number;
  activeS: number;
  activeGraceS: number;
  quirk: boolean;
}

function parseSmart(params: Record<string, unknown>): SmartConfig {
  checkKnownParams(params, KNOWN, 'smart');
  const D = SMART_DEFAULTS;
  const minS = numberParam(params, 'minIntervalS', D.minIntervalS, { min: 1 });
  const maxS = numberParam(params, 'maxIntervalS', D.maxIntervalS, { min: minS });
  const margin = numberParam(params, 'safetyMarginS', D.safetyMarginS, { min: 0 });
  return {
    minS,
    maxS,
    margin,
    cap: Math.max(minS, maxS - margin),
    stepS: numberParam(params, 'stepS', D.stepS, { min: 0.001 }),
    successesToStep: numberParam(params, 'successesToStep', D.successesToStep, { min: 1 }),
    failuresToBackOff: numberParam(params, 'failuresToBackOff', D.failuresToBackOff, { min: 1 }),
    warmupBeats: numberParam(params, 'warmupBeats', D.warmupBeats, { min: 0 }),
    ackTimeoutS: numberParam(params, 'ackTimeoutS', D.ackTimeoutS, { min: 0.001 }),
    maxNetworks: numberParam(params, 'maxNetworks', D.maxNetworks, { min: 1 }),
    reprobeAfterS: numberParam(params, 'reprobeAfterS', D.reprobeAfterS, { min: 0 }),
    reprobeStepS: numberParam(params, 'reprobeStepS', D.reprobeStepS, { min: 0 }),
    activeS: numberParam(params, 'activeIntervalS', minS, { min: 1 }),
    activeGraceS: numberParam(params, 'activeGraceS', D.activeGraceS, { min: 0 }),
    quirk: booleanParam(params, 'ignoreFirstFailureAfterWarmup', D.ignoreFirstFailureAfterWarmup),
  };
}

const configs = new WeakMap<object, SmartConfig>();

export function createSmart(params: Record<string, unknown>, _env: StrategyEnv): HeartbeatStrategy {
  return new SmartHeartbeat(sharedConfig(configs, params, parseSmart));
}

class SmartHeartbeat implements HeartbeatStrategy {
  private readonly memory = new NetworkMemory<MarsRecord>();
  // Per-connection state (Mars keeps it in the SmartHeartbeat object, reset on establish).
  private connSuccesses = 0;
  /** Interval of the previous heartbeat result on this connection (Mars `pre_heart_`). */
  private prevInterval: number;
  /** The network of the current connection: results are filed under it. */
  private connKey: string | undefined;

  constructor(private readonly c: SmartConfig) {
    this.prevInterval = c.minS;
  }

  onConnected(ctx: StrategyContext): void {
    const c = this.c;
    this.connKey = ctx.networkKey;
    if (!this.memory.has(ctx.networkKey)) {
      this.memory.add(ctx.networkKey, c.maxNetworks, {
        intervalS: c.minS,
        stable: false,
        successes: 0,
        failures: 0,
        modifiedAt: ctx.now,
      });
    }
    this.connSuccesses = 0;
    this.prevInterval = c.minS;
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    this.result(ctx, interval, true);
  }

  onHeartbeatFailure(ctx: StrategyContext, interval: number): void {
    this.result(ctx, interval, false);
    // The connection is torn down after a failed heartbeat.
    this.disconnected();
  }

  onNetworkChange(): void {
    this.disconnected();
  }

  nextInterval(ctx: StrategyContext): number {
    const c = this.c;
    // Mars's "app active" rule: foreground, or less than 10 min in background.
    if (ctx.now - ctx.lastUserActivityAt < c.activeGraceS) return c.activeS;
    if (this.connSuccesses < c.warmupBeats) return c.minS;
    return this.memory.get(ctx.networkKey)?.intervalS ?? c.minS;
  }

  ackTimeoutS(): number {
    return this.c.ackTimeoutS;
  }

  /**
   * The interval grows within one connection: a server applying MQTT's 1.5 × announced rule
   * to the 210 s warm-up value would close sessions at 315 s, so announce the ceiling.
   */
  announcedInterval(): number {
    return this.c.maxS;
  }

  learnedInterval(ctx: StrategyContext): number {
    return this.memory.get(ctx.networkKey)?.intervalS ?? this.c.minS;
  }

  /** What Mars's OnLongLinkDisconnect does to the network record. */
  private disconnected(): void {
    const rec = this.connKey === undefined ? undefined : this.memory.get(this.connKey);
    if (rec) rec.successes = 0;
  }

  private result(ctx: StrategyContext, interval: number, ok: boolean): void {
    const c = this.c;
    const previous = this.prevInterval;
    this.prevInterval = interval;
    const rec = this.connKey === undefined ? undefined : this.memory.get(this.connKey);
    if (!rec) return;
    const before = this.connSuccesses;
    if (ok) this.connSuccesses++;
    // Warm-up results teach nothing.
    if (before < c.warmupBeats) return;
    if (!ok && c.quirk && before === c.warmupBeats) return;
    // A beat at another interval (the active-app 210 s) says nothing about the probe.
    if (interval !== rec.intervalS) return;

    if (ok) {
      if (interval === previous) {
        rec.successes++;
        rec.failures = 0;
      }
    } else {
      rec.successes = 0;
      rec.failures++;
    }

    if (ok && rec.stable) {
      // Stable successes do not save the record, so "7 days without change" keeps running.
      if (rec.intervalS < c.cap && ctx.now - rec.modifiedAt >= c.reprobeAfterS) {
        rec.intervalS += c.reprobeStepS;
        rec.successes = 0;
        rec.failures = 0;
        rec.stable = false;
        rec.modifiedAt = ctx.now;
      }
      return;
    }

    if (ok) {
      if (rec.successes >= c.successesToStep) {
        rec.successes = 0;
        if (rec.intervalS >= c.cap) {
          rec.intervalS = c.cap;
          rec.stable = true;
        } else {
          rec.intervalS = Math.min(c.cap, rec.intervalS + c.stepS);
        }
      }
    } else {
      // Failures at the floor cannot teach anything (there is nothing lower to go to).
      if (interval === c.minS) return;
      if (rec.failures >= c.failuresToBackOff) {
        if (rec.stable) {
          rec.intervalS = c.minS;
          rec.stable = false;
        } else {
          rec.intervalS = Math.max(c.minS, interval - c.stepS - c.margin);
          rec.stable = true;
        }
        rec.successes = 0;
        rec.failures = 0;
      }
    }
    rec.modifiedAt = ctx.now;
  }
}

/** Mars reconnect table (sources: mars): used when the app is inactive. */
export const MARS_RECONNECT_DELAYS_S = [0, 60, 120, 240, 360, 480, 600];
