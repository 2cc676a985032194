import type { RadioConfig } from './config.js';

/**
 * The RRC state machine and energy of every phone, evaluated lazily.
 *
 * A phone's radio is idle, promoting, active, or in one of its technology's tail stages.
 * Instead of one event per state change, each phone stores when its last transfer ends
 * (`activeEnd`); the state at any later time follows from the tail chain. Energy is
 * accumulated as *excess over idle power* when a later transfer (or the end of the run)
 * settles the stretch since `activeEnd`, so total = idle × time + excess and the
 * attributable energy of DESIGN §3.1 is exactly the excess.
 *
 * Only energy inside the measured window [warmup, end) is counted, so the warm-up cut
 * applies to the primitive and every derived figure agrees.
 */
export class RadioBank {
  /** Radio profile each phone currently uses (index into `radios`). */
  readonly profile: Int32Array;
  /** End of the last transfer; −Infinity = idle since the start. */
  private readonly activeEnd: Float64Array;
  /** Excess energy (J) above idle, measured window only. */
  readonly excessJ: Float64Array;
  /** Idle-baseline energy (J): idle power × measured time on each profile. */
  private readonly baselineJ: Float64Array;
  /** Start of the current profile's stay (for the idle baseline). */
  private readonly profileSince: Float64Array;
  /** Promotions per phone in the measured window. */
  readonly promotions: Float64Array;
  private readonly tailTotal: Float64Array;
  /** Set by `transfer`: whether that call caused an idle→connected promotion. */
  promoted = false;

  constructor(
    readonly radios: RadioConfig[],
    phones: number,
    private readonly warmup: number,
    private readonly end: number,
  ) {
    this.profile = new Int32Array(phones);
    this.activeEnd = new Float64Array(phones).fill(Number.NEGATIVE_INFINITY);
    this.excessJ = new Float64Array(phones);
    this.baselineJ = new Float64Array(phones);
    this.profileSince = new Float64Array(phones);
    this.promotions = new Float64Array(phones);
    this.tailTotal = new Float64Array(
      radios.map((r) => r.tails.reduce((s, t) => s + t.durationS, 0)),
    );
  }

  /** Is the radio up (active or in a tail) at time t? A packet now would cost no promotion. */
  isConnected(phone: number, t: number): boolean {
    return t < this.activeEnd[phone] + this.tailTotal[this.profile[phone]];
  }

  /**
   * A transfer that keeps the radio active for `activeS` starting at t. Returns the
   * promotion delay the transfer waits for (0 when the radio was already up) and sets
   * `promoted`. Calls need not be in time order: a transfer starting before the stored
   * end simply overlaps and extends it.
   */
  transfer(phone: number, t: number, activeS: number): number {
    const r = this.radios[this.profile[phone]];
    const idle = r.idlePowerW;
    const end = this.activeEnd[phone];
    if (t <= end) {
      const newEnd = t + activeS;
      if (newEnd > end) {
        this.excessJ[phone] += (r.activePowerW - idle) * this.measured(end, newEnd);
        this.activeEnd[phone] = newEnd;
      }
      this.promoted = false;
      return 0;
    }
    const tail = this.tailTotal[this.profile[phone]];
    this.settleTail(phone, r, end, t);
    let start = t;
    if (t - end >= tail) {
      // Idle: page/promote first.
      const d = r.promotionDelayS;
      this.excessJ[phone] += (r.promotionPowerW - idle) * this.measured(t, t + d);
      if (t >= this.warmup && t < this.end) this.promotions[phone]++;
      start = t + d;
      this.promoted = true;
    } else {
      this.promoted = false;
    }
    this.excessJ[phone] += (r.activePowerW - idle) * this.measured(start, start + activeS);
    this.activeEnd[phone] = start + activeS;
    return start - t;
  }

  /**
   * The phone moves to another radio profile (e.g. Wi-Fi → LTE) at t. The old radio's tail
   * runs out on its own (it is counted in full, clipped to the run); the new one starts idle.
   */
  switchProfile(phone: number, t: number, profile: number): void {
    const old = this.profile[phone];
    const r = this.radios[old];
    const end = this.activeEnd[phone];
    if (end > Number.NEGATIVE_INFINITY) this.settleTail(phone, r, end, end + this.tailTotal[old]);
    this.baselineJ[phone] += r.idlePowerW * this.measured(this.profileSince[phone], t);
    this.profileSince[phone] = t;
    this.profile[phone] = profile;
    this.activeEnd[phone] = Number.NEGATIVE_INFINITY;
  }

  /** Closes every phone's books at the end of the run. */
  finish(): void {
    for (let p = 0; p < this.profile.length; p++) {
      const r = this.radios[this.profile[p]];
      const end = this.activeEnd[p];
      if (end > Number.NEGATIVE_INFINITY) this.settleTail(p, r, end, this.end);
      this.activeEnd[p] = Number.POSITIVE_INFINITY; // no further transfers are accepted
      this.baselineJ[p] += r.idlePowerW * this.measured(this.profileSince[p], this.end);
      this.profileSince[p] = this.end;
    }
  }

  /** Idle-baseline energy of a phone over the measured window (valid after finish()). */
  baseline(phone: number): number {
    return this.baselineJ[phone];
  }

  /** Excess energy of the tail stages between the end of a transfer and `until`. */
  private settleTail(phone: number, r: RadioConfig, end: number, until: number): void {
    let s = end;
    for (const stage of r.tails) {
      if (s >= until) break;
      const e = Math.min(s + stage.durationS, until);
      this.excessJ[phone] += (stage.powerW - r.idlePowerW) * this.measured(s, e);
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
