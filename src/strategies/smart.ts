import { NetworkMemory } from './networkMemory.js';
import { checkKnownParams, numberParam, StrategyParamError, sharedConfig } from './params.js';
import type { DisconnectReason, HeartbeatStrategy, StrategyContext, StrategyEnv } from './types.js';

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
 * Three named variants (parameter `variant`, registry types `smart`, `smart-2018`,
 * `smart-worked-example`), each following one text:
 *
 * - `head` (Tencent/mars at 6aa5b567, 2025-09-01, `smart_heartbeat.cc`): the success count
 *   is incremented first, then `success_heart_count_ <= NetStableTestCount` returns early
 *   (OnHeartResult, lines 128–138); a success counts only when the previous result was filed
 *   under the same interval (lines 145–149, `pre_heart_`); only a *timeout* failure zeroes
 *   the counted successes (151–153, `_fail_of_timeout`); every disconnect zeroes them
 *   (OnLongLinkDisconnect, 97).
 * - `release-2018` (e16fea36, 2018-09-11, the code of the 2016–2019 releases): `<` instead of
 *   `<=`, every success filed under the record's interval counts, failures never zero the
 *   successes, and a disconnect zeroes them only when the record is stable.
 *
 * Both run inside longlink.cc's read/write loop, which (1) sends a noop as soon as a
 * connection is up (lines 785–816: the identify check or a plain noop; it counts as a
 * heartbeat), and (2) asks GetNextHeartbeatInterval right after each write, before the
 * answer (lines 810–815, 947–950), so OnHeartResult files each result under the interval
 * already chosen for the *next* beat (`cur_heart_ = last_heart_`). Modelled as is
 * (`decideAtSend`), this decides both 5-min NAT outcomes: with the first noop the count is
 * already 4 when the first probe fails, so head records that failure and settles at 250 s
 * after 2 reconnects, like the worked example; in 2018 the last 210 s warm-up success is
 * filed under the probe interval, which zeroes the failure count before every probe, so it
 * never backs off and climbs one step every five connections while every probe fails.
 * - `worked-example`: the documented intent (warm-up results ignored, the first probe's
 *   failure counted, same-interval rule, any failure zeroes the successes): the derivations
 *   above; it settles at 250 s on a 5-min NAT.
 */

/** What each variant does at the points where the versions differ (see the header). */
interface MarsRules {
  /** Warm-up check on the post-increment success count: `<=` (head) or `<` (2018). */
  warmupInclusive: boolean;
  /** Warm-up check on the count before this result (the worked example). */
  warmupBeforeIncrement: boolean;
  /** A success counts only when the previous beat used the same interval. */
  sameIntervalOnly: boolean;
  /** Which failures zero the counted successes. */
  failureResets: 'timeout' | 'any' | 'none';
  /** Does every disconnect zero the counted successes, or only a stable record's? */
  disconnectResetsAlways: boolean;
  /**
   * longlink.cc: the next interval is chosen right after a beat is written, before its
   * answer, results are filed under that choice, and a noop goes out as soon as a
   * connection is up. The worked example assumes neither.
   */
  decideAtSend: boolean;
}

const VARIANTS: Record<string, MarsRules> = {
  head: {
    warmupInclusive: true,
    warmupBeforeIncrement: false,
    sameIntervalOnly: true,
    failureResets: 'timeout',
    disconnectResetsAlways: true,
    decideAtSend: true,
  },
  'release-2018': {
    warmupInclusive: false,
    warmupBeforeIncrement: false,
    sameIntervalOnly: false,
    failureResets: 'none',
    disconnectResetsAlways: false,
    decideAtSend: true,
  },
  'worked-example': {
    warmupInclusive: false,
    warmupBeforeIncrement: true,
    sameIntervalOnly: true,
    failureResets: 'any',
    disconnectResetsAlways: true,
    decideAtSend: false,
  },
};

export const SMART_VARIANTS = Object.keys(VARIANTS);

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
  variant: 'head',
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
  rules: MarsRules;
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
    rules: variantParam(params),
  };
}

function variantParam(params: Record<string, unknown>): MarsRules {
  const v = params.variant ?? SMART_DEFAULTS.variant;
  const rules = typeof v === 'string' ? VARIANTS[v] : undefined;
  if (!rules) {
    throw new StrategyParamError(
      `smart: parameter "variant" must be one of ${SMART_VARIANTS.join(', ')}, got ${JSON.stringify(v)}`,
    );
  }
  return rules;
}

const configs = new WeakMap<object, SmartConfig>();

export function createSmart(params: Record<string, unknown>, _env: StrategyEnv): HeartbeatStrategy {
  return new SmartHeartbeat(sharedConfig(configs, params, parseSmart));
}

class SmartHeartbeat implements HeartbeatStrategy {
  private readonly memory = new NetworkMemory<MarsRecord>();
  // Mars's SmartHeartbeat members (smart_heartbeat.cc), per connection slot:
  /** `success_heart_count_`: answered beats on this connection (zeroed on establish). */
  private connSuccesses = 0;
  /** `last_heart_`: the interval GetNextHeartbeatInterval last returned. */
  private lastHeart: number;
  /**
   * `cur_heart_`: the interval the last result was filed under; Mars copies it to
   * `pre_heart_` before filing the next one, so it is the "previous" of the same-interval rule.
   */
  private curHeart: number;
  /** `is_wait_heart_response_`: a beat is outstanding (results without one are ignored). */
  private waiting = false;
  /** With decide-at-send: the interval chosen right after the last write, for the alarm. */
  private decided: number | undefined;
  /** The network of the current connection: results are filed under it. */
  private connKey: string | undefined;

  constructor(private readonly c: SmartConfig) {
    this.lastHeart = c.minS;
    this.curHeart = c.minS;
  }

  /** OnLongLinkEstablished: load the network's record, zero the connection's count. */
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
    this.curHeart = c.minS;
    this.waiting = false;
    this.decided = undefined;
  }

  /**
   * longlink.cc `__RunReadWrite`: as soon as a connection is up and no noop alarm runs, Mars
   * sends a noop at once (the identify check or a plain noop, lines 785–816), which counts as
   * a heartbeat like any other.
   */
  heartbeatOnConnect(): boolean {
    return this.c.rules.decideAtSend;
  }

  /**
   * OnHeartbeatStart; then (decide-at-send) longlink.cc asks GetNextHeartbeatInterval right
   * after the write (lines 810–815, 947–950), before the answer is known.
   */
  onHeartbeatSent(ctx: StrategyContext): void {
    this.waiting = true;
    if (this.c.rules.decideAtSend) this.decided = this.getNext(ctx);
  }

  onHeartbeatAck(ctx: StrategyContext, interval: number): void {
    this.result(ctx, interval, true, false);
  }

  /** OnHeartResult(false, _fail_of_timeout): the noop timed out, or the link broke waiting. */
  onHeartbeatFailure(ctx: StrategyContext, interval: number, reason: DisconnectReason): void {
    this.result(ctx, interval, false, reason === 'ackTimeout');
  }

  onNetworkChange(): void {}

  /** OnLongLinkDisconnect (lines 93–107): the network's counted successes go (head: always). */
  onDisconnected(): void {
    this.waiting = false;
    const rec = this.connKey === undefined ? undefined : this.memory.get(this.connKey);
    if (rec && (this.c.rules.disconnectResetsAlways || rec.stable)) rec.successes = 0;
    if (rec?.stable) this.lastHeart = this.c.minS;
    this.decided = undefined;
  }

  nextInterval(ctx: StrategyContext): number {
    const d = this.decided;
    if (d !== undefined) {
      this.decided = undefined;
      return d;
    }
    return this.getNext(ctx);
  }

  /** GetNextHeartbeatInterval (lines 271–301), without the Doze-style detection. */
  private getNext(ctx: StrategyContext): number {
    const c = this.c;
    let next: number;
    // Mars's "app active" rule: foreground, or less than 10 min in background.
    if (ctx.now - ctx.lastUserActivityAt < c.activeGraceS) next = c.activeS;
    else if (this.connSuccesses < c.warmupBeats) next = c.minS;
    else next = this.memory.get(ctx.networkKey)?.intervalS ?? c.minS;
    this.lastHeart = next;
    return next;
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

  /** Mars's own `is_stable_` flag of the network's record. */
  isStable(ctx: StrategyContext): boolean {
    return this.memory.get(ctx.networkKey)?.stable ?? false;
  }

  /**
   * OnHeartResult (lines 111–245). A result is filed under `last_heart_`: with
   * decide-at-send that is the interval already chosen for the *next* beat, as in Mars;
   * without it, the interval of the beat just answered (`interval`).
   */
  private result(ctx: StrategyContext, interval: number, ok: boolean, timeout: boolean): void {
    const c = this.c;
    const r = c.rules;
    if (r.decideAtSend && !this.waiting) return;
    this.waiting = false;
    const heart = r.decideAtSend ? this.lastHeart : interval;
    const previous = this.curHeart;
    this.curHeart = heart;
    const rec = this.connKey === undefined ? undefined : this.memory.get(this.connKey);
    if (!rec) return;
    const before = this.connSuccesses;
    if (ok) this.connSuccesses++;
    // Warm-up results teach nothing (the variants differ in where the check sits).
    if (r.warmupBeforeIncrement) {
      if (before < c.warmupBeats) return;
    } else if (
      r.warmupInclusive ? this.connSuccesses <= c.warmupBeats : this.connSuccesses < c.warmupBeats
    ) {
      return;
    }
    // A beat at another interval (the active-app 210 s) says nothing about the probe.
    if (heart !== rec.intervalS) return;

    if (ok) {
      if (!r.sameIntervalOnly || heart === previous) {
        rec.successes++;
        rec.failures = 0;
      }
    } else {
      if (r.failureResets === 'any' || (r.failureResets === 'timeout' && timeout))
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
      if (heart === c.minS) return;
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
