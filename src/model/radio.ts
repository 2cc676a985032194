import type { Distribution, TimeKeyedDraws } from '../engine/random/index.js';
import type { RadioConfig } from './config.js';
import { P_ACTIVE_END, P_EXCESS_J, P_PROFILE, P_PROMOTIONS, phoneF, phoneI } from './records.js';

/**
 * The RRC state machine and energy of every phone, evaluated lazily.
 *
 * A phone's radio is idle, promoting, active, or in one of its technology's tail stages.
 * Instead of one event per state change, each phone stores when its last transfer ends
 * (`activeEnd`); the state at any later time follows from the tail chain. Energy is
 * accumulated as *excess over idle power* when a later transfer (or the end of the run)
 * settles the stretch since `activeEnd`, so total = idle × time + excess and the
 * attributable energy of docs/model.md §2.2 is exactly the excess.
 *
 * Only energy inside the measured window [warmup, end) is counted, so the warm-up cut
 * applies to the primitive and every derived figure agrees.
 *
 * The per-phone profile, activeEnd, excess energy and promotions live in the phone record
 * (records.ts: P_*) during the run; `finish()` publishes the totals in `excessJ` and
 * `promotions`.
 */
export class RadioBank {
  /** Excess energy (J) above idle per phone, measured window only (filled by finish()). */
  readonly excessJ: Float64Array;
  /** Idle-baseline energy (J): idle power × measured time on each profile. */
  private readonly baselineJ: Float64Array;
  /** Start of the current profile's stay (for the idle baseline). */
  private readonly profileSince: Float64Array;
  /** Promotions per phone in the measured window (filled by finish()). */
  readonly promotions: Float64Array;
  private readonly tailTotal: Float64Array;
  /** Set by `transfer`: whether that call caused an idle→connected promotion. */
  promoted = false;

  constructor(
    readonly radios: RadioConfig[],
    private readonly phones: number,
    private readonly warmup: number,
    private readonly end: number,
    /** The phone records (records.ts), as doubles and as int32s. */
    private readonly pf: Float64Array,
    private readonly pi: Int32Array,
    /** Per profile: the promotion-delay spread, or null for the constant promotionDelayS. */
    private readonly promotionDelays: (Distribution | null)[] = [],
    private readonly promotionDraws: TimeKeyedDraws | null = null,
  ) {
    for (let p = 0; p < phones; p++) pf[phoneF(p) + P_ACTIVE_END] = Number.NEGATIVE_INFINITY;
    this.excessJ = new Float64Array(phones);
    this.baselineJ = new Float64Array(phones);
    this.profileSince = new Float64Array(phones);
    this.promotions = new Float64Array(phones);
    this.tailTotal = new Float64Array(
      radios.map((r) => r.tails.reduce((s, t) => s + t.durationS, 0)),
    );
  }

  /** Radio profile phone p uses (index into `radios`). */
  profileOf(phone: number): number {
    return this.pi[phoneI(phone) + P_PROFILE];
  }

  /** Sets the profile a phone starts the run with (before any transfer). */
  setInitialProfile(phone: number, profile: number): void {
    this.pi[phoneI(phone) + P_PROFILE] = profile;
  }

  /** Is the radio up (active or in a tail) at time t? A packet now would cost no promotion. */
  isConnected(phone: number, t: number): boolean {
    return (
      t < this.pf[phoneF(phone) + P_ACTIVE_END] + this.tailTotal[this.pi[phoneI(phone) + P_PROFILE]]
    );
  }

  /**
   * A transfer that keeps the radio active for `activeS` starting at t. Returns the
   * promotion delay the transfer waits for (0 when the radio was already up) and sets
   * `promoted`. Calls need not be in time order: a transfer starting before the stored
   * end simply overlaps and extends it.
   */
  transfer(phone: number, t: number, activeS: number): number {
    const pf = this.pf;
    const f = phoneF(phone);
    const profile = this.pi[phoneI(phone) + P_PROFILE];
    const r = this.radios[profile];
    const idle = r.idlePowerW;
    const end = pf[f + P_ACTIVE_END];
    if (t <= end) {
      const newEnd = t + activeS;
      if (newEnd > end) {
        pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(end, newEnd);
        pf[f + P_ACTIVE_END] = newEnd;
      }
      this.promoted = false;
      return 0;
    }
    const tail = this.tailTotal[profile];
    this.settleTail(f, r, end, t);
    let start = t;
    if (t - end >= tail) {
      // Idle: page/promote first.
      const spread = this.promotionDelays[profile];
      const d =
        spread && this.promotionDraws
          ? Math.max(0, spread.sample(this.promotionDraws.at(phone, t)))
          : r.promotionDelayS;
      pf[f + P_EXCESS_J] += (r.promotionPowerW - idle) * this.measured(t, t + d);
      if (t >= this.warmup && t < this.end) pf[f + P_PROMOTIONS]++;
      start = t + d;
      this.promoted = true;
    } else {
      this.promoted = false;
    }
    pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(start, start + activeS);
    pf[f + P_ACTIVE_END] = start + activeS;
    return start - t;
  }

  /**
   * The phone moves to another radio profile (e.g. Wi-Fi → LTE) at t. The old radio's tail
   * runs out on its own (it is counted in full, clipped to the run); the new one starts idle.
   */
  switchProfile(phone: number, t: number, profile: number): void {
    const f = phoneF(phone);
    const i = phoneI(phone);
    const old = this.pi[i + P_PROFILE];
    const r = this.radios[old];
    const end = this.pf[f + P_ACTIVE_END];
    if (end > Number.NEGATIVE_INFINITY) this.settleTail(f, r, end, end + this.tailTotal[old]);
    this.baselineJ[phone] += r.idlePowerW * this.measured(this.profileSince[phone], t);
    this.profileSince[phone] = t;
    this.pi[i + P_PROFILE] = profile;
    this.pf[f + P_ACTIVE_END] = Number.NEGATIVE_INFINITY;
  }

  /** Closes every phone's books at the end of the run and publishes excessJ and promotions. */
  finish(): void {
    for (let p = 0; p < this.phones; p++) {
      const f = phoneF(p);
      const r = this.radios[this.pi[phoneI(p) + P_PROFILE]];
      const end = this.pf[f + P_ACTIVE_END];
      if (end > Number.NEGATIVE_INFINITY) this.settleTail(f, r, end, this.end);
      this.pf[f + P_ACTIVE_END] = Number.POSITIVE_INFINITY; // no further transfers are accepted
      this.baselineJ[p] += r.idlePowerW * this.measured(this.profileSince[p], this.end);
      this.profileSince[p] = this.end;
      this.excessJ[p] = this.pf[f + P_EXCESS_J];
      this.promotions[p] = this.pf[f + P_PROMOTIONS];
    }
  }

  /** Idle-baseline energy of a phone over the measured window (valid after finish()). */
  baseline(phone: number): number {
    return this.baselineJ[phone];
  }

  /** Excess energy of the tail stages between the end of a transfer and `until` (f: record). */
  private settleTail(f: number, r: RadioConfig, end: number, until: number): void {
    let s = end;
    const tails = r.tails;
    for (let k = 0; k < tails.length; k++) {
      const stage = tails[k];
      if (s >= until) break;
      const e = Math.min(s + stage.durationS, until);
      this.pf[f + P_EXCESS_J] += (stage.powerW - r.idlePowerW) * this.measured(s, e);
      s += stage.durationS;
    }
  }

  /** Length of [a, b) inside the measured window [warmup, end). */
  private measured(a: number, b: number): number {
    const lo = a > this.warmup ? a : this.warmup;
    const hi = b < this.end ? b : this.end;
    return hi > lo ? hi - lo : 0;
  }
}
