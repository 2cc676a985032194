import type { Distribution, TimeKeyedDraws } from '../engine/random/index.js';
import { ExactSum } from '../engine/stats/exactSum.js';
import type { InactiveConfig, RadioConfig } from './config.js';
import { drxWaitAt } from './drx.js';
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
  /**
   * Measured phone-seconds spent on each profile (a profile is a carrier's radio): the
   * denominator of per-carrier per-phone-day figures when phones move between carriers.
   */
  readonly profileSeconds: ExactSum[];
  private readonly tailTotal: Float64Array;
  /** Set by `transfer`: whether that call caused an idle→connected promotion. */
  promoted = false;
  /**
   * Set by `transfer`: whether that call left the last tail stage by its own promotion (3G
   * FACH→DCH, or a 5G resume from RRC_INACTIVE), which is not an idle→connected promotion.
   */
  fachPromoted = false;
  /**
   * 3G FACH (RadioConfig.fach): per phone, 1 while the chain after activeEnd is the FACH
   * stage alone, because the last transfer was carried on FACH. Null when no profile has
   * FACH rules, so a world without 3G pays nothing for them.
   */
  private readonly onFach: Uint8Array | null;
  /** Per profile: length of the tail stages before the last one (the DCH tail for 3G). */
  private readonly dchTail: Float64Array;
  /** Per profile: length of the chain during which the radio is up (INACTIVE excluded). */
  private readonly upChain: Float64Array;
  /** Whether any profile has a C-DRX tail stage (drx.ts). */
  private readonly hasDrx: boolean;

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
    this.profileSeconds = radios.map(() => new ExactSum());
    this.tailTotal = new Float64Array(
      radios.map((r) => r.tails.reduce((s, t) => s + t.durationS, 0)),
    );
    this.dchTail = new Float64Array(
      radios.map((r) => r.tails.slice(0, -1).reduce((s, t) => s + t.durationS, 0)),
    );
    this.upChain = new Float64Array(
      radios.map((r, k) => (r.inactive !== undefined ? this.dchTail[k] : this.tailTotal[k])),
    );
    this.hasDrx = radios.some((r) => r.tails.some((t) => t.drx !== undefined));
    this.onFach = radios.some((r) => r.fach !== undefined || r.inactive !== undefined)
      ? new Uint8Array(phones)
      : null;
  }

  /**
   * Is phone p's radio in RRC_INACTIVE at t (a 5G SA radio whose up stages ran out but
   * whose INACTIVE stage has not)? Downlink data then needs a RAN page, not a core page.
   */
  isInactive(phone: number, t: number): boolean {
    const profile = this.pi[phoneI(phone) + P_PROFILE];
    if (this.radios[profile].inactive === undefined) return false;
    const end = this.pf[phoneF(phone) + P_ACTIVE_END];
    return t >= end + this.upChain[profile] && t < end + this.tailTotal[profile];
  }

  /** Index of the first tail stage still ahead after activeEnd (the FACH stage after a FACH transfer). */
  private firstStage(phone: number, r: RadioConfig): number {
    return this.onFach !== null && this.onFach[phone] === 1 ? r.tails.length - 1 : 0;
  }

  /** Length of the tail chain after activeEnd. */
  private chainLength(phone: number, profile: number): number {
    return this.onFach !== null && this.onFach[phone] === 1
      ? this.tailTotal[profile] - this.dchTail[profile]
      : this.tailTotal[profile];
  }

  /** Radio profile phone p uses (index into `radios`). */
  profileOf(phone: number): number {
    return this.pi[phoneI(phone) + P_PROFILE];
  }

  /** Sets the profile a phone starts the run with (before any transfer). */
  setInitialProfile(phone: number, profile: number): void {
    this.pi[phoneI(phone) + P_PROFILE] = profile;
  }

  /**
   * Connected-mode DRX (drx.ts): how long downlink data reaching phone p at t waits for the
   * next on-duration of the tail stage the radio is in; 0 when it is active, idle, in an
   * on-duration, or in a stage without `drx`.
   */
  drxWait(phone: number, t: number): number {
    if (!this.hasDrx) return 0;
    const r = this.radios[this.pi[phoneI(phone) + P_PROFILE]];
    let s = this.pf[phoneF(phone) + P_ACTIVE_END];
    if (t <= s) return 0;
    for (let k = this.firstStage(phone, r); k < r.tails.length; k++) {
      const stage = r.tails[k];
      if (t < s + stage.durationS) return stage.drx ? drxWaitAt(stage.drx, t - s) : 0;
      s += stage.durationS;
    }
    return 0;
  }

  /** Is the radio up (active or in a tail) at time t? A packet now would cost no promotion. */
  isConnected(phone: number, t: number): boolean {
    const profile = this.pi[phoneI(phone) + P_PROFILE];
    const end = this.pf[phoneF(phone) + P_ACTIVE_END];
    if (this.radios[profile].inactive !== undefined) return t < end + this.upChain[profile];
    return t < end + this.chainLength(phone, profile);
  }

  /**
   * A transfer that keeps the radio active for `activeS` starting at t. Returns the
   * promotion delay the transfer waits for (0 when the radio was already up) and sets
   * `promoted`. Calls need not be in time order: a transfer starting before the stored
   * end simply overlaps and extends it. `bytes` (the larger direction's RLC bytes) matters
   * only on a radio with FACH rules; omitted, the transfer is larger than any threshold.
   */
  transfer(phone: number, t: number, activeS: number, bytes = Number.POSITIVE_INFINITY): number {
    const pf = this.pf;
    const f = phoneF(phone);
    const profile = this.pi[phoneI(phone) + P_PROFILE];
    const r = this.radios[profile];
    this.fachPromoted = false;
    if (r.fach !== undefined || r.inactive !== undefined)
      return this.transferFach(phone, f, profile, r, t, activeS, bytes);
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
    this.settleTail(f, r, 0, end, t);
    let start = t;
    if (t - end >= tail) {
      start = t + this.promote(phone, f, profile, r, t);
    } else {
      this.promoted = false;
    }
    pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(start, start + activeS);
    pf[f + P_ACTIVE_END] = start + activeS;
    return start - t;
  }

  /** Idle→connected promotion at t: its energy and count; returns its delay. */
  private promote(phone: number, f: number, profile: number, r: RadioConfig, t: number): number {
    const spread = this.promotionDelays[profile];
    const d =
      spread && this.promotionDraws
        ? Math.max(0, spread.sample(this.promotionDraws.at(phone, t)))
        : r.promotionDelayS;
    this.pf[f + P_EXCESS_J] += (r.promotionPowerW - r.idlePowerW) * this.measured(t, t + d);
    if (t >= this.warmup && t < this.end) this.pf[f + P_PROMOTIONS]++;
    this.promoted = true;
    return d;
  }

  /**
   * A transfer on a radio whose last tail stage has its own way back to the active state
   * (docs/model.md §2.1, §2.7). 3G FACH (AT&T ARO's RRC model): from IDLE every transfer is
   * promoted to DCH; in the DCH tail it restarts DCH; in the FACH stage a transfer of at
   * most `thresholdBytes` is carried on FACH (FACH power, the FACH timer restarts after it,
   * no switch), a larger one pays the FACH→DCH promotion. 5G RRC_INACTIVE: the same with
   * no transfer small enough — every transfer in the INACTIVE stage pays the resume.
   */
  private transferFach(
    phone: number,
    f: number,
    profile: number,
    r: RadioConfig,
    t: number,
    activeS: number,
    bytes: number,
  ): number {
    const pf = this.pf;
    const fach = r.fach;
    const onFach = this.onFach as Uint8Array;
    const idle = r.idlePowerW;
    const fachPowerW = r.tails[r.tails.length - 1].powerW;
    const small = fach !== undefined && bytes <= fach.thresholdBytes;
    let end = pf[f + P_ACTIVE_END];
    this.promoted = false;
    if (t <= end) {
      if (onFach[phone] === 0 || small) {
        // Extends the active period in the state it is in (DCH, or a transfer on FACH).
        const newEnd = t + activeS;
        if (newEnd > end) {
          const p = onFach[phone] === 1 ? fachPowerW : r.activePowerW;
          pf[f + P_EXCESS_J] += (p - idle) * this.measured(end, newEnd);
          pf[f + P_ACTIVE_END] = newEnd;
        }
        return 0;
      }
      // A large transfer while a small one is on FACH: the switch to DCH starts now.
      pf[f + P_EXCESS_J] -= (fachPowerW - idle) * this.measured(t, end);
      pf[f + P_ACTIVE_END] = t;
      end = t;
    } else {
      const chain = this.chainLength(phone, profile);
      if (t - end >= chain) {
        this.settleTail(f, r, this.firstStage(phone, r), end, t);
        const start = t + this.promote(phone, f, profile, r, t);
        onFach[phone] = 0;
        pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(start, start + activeS);
        pf[f + P_ACTIVE_END] = start + activeS;
        return start - t;
      }
      this.settleTail(f, r, this.firstStage(phone, r), end, t);
      const fachFrom = onFach[phone] === 1 ? end : end + this.dchTail[profile];
      if (t < fachFrom) {
        // DCH tail: DCH restarts.
        pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(t, t + activeS);
        pf[f + P_ACTIVE_END] = t + activeS;
        return 0;
      }
      if (small) {
        pf[f + P_EXCESS_J] += (fachPowerW - idle) * this.measured(t, t + activeS);
        pf[f + P_ACTIVE_END] = t + activeS;
        onFach[phone] = 1;
        return 0;
      }
    }
    // FACH→DCH promotion (or resume from INACTIVE), then the active state.
    const inactive = r.inactive;
    const d = fach ? fach.promotionDelayS : (inactive as InactiveConfig).resumeDelayS;
    const pw = fach ? fach.promotionPowerW : (inactive as InactiveConfig).resumePowerW;
    pf[f + P_EXCESS_J] += (pw - idle) * this.measured(t, t + d);
    pf[f + P_EXCESS_J] += (r.activePowerW - idle) * this.measured(t + d, t + d + activeS);
    pf[f + P_ACTIVE_END] = t + d + activeS;
    onFach[phone] = 0;
    this.fachPromoted = true;
    return d;
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
    if (end > Number.NEGATIVE_INFINITY)
      this.settleTail(f, r, this.firstStage(phone, r), end, end + this.chainLength(phone, old));
    if (this.onFach !== null) this.onFach[phone] = 0;
    const stay = this.measured(this.profileSince[phone], t);
    this.baselineJ[phone] += r.idlePowerW * stay;
    this.profileSeconds[old].add(stay);
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
      if (end > Number.NEGATIVE_INFINITY)
        this.settleTail(f, r, this.firstStage(p, r), end, this.end);
      this.pf[f + P_ACTIVE_END] = Number.POSITIVE_INFINITY; // no further transfers are accepted
      const stay = this.measured(this.profileSince[p], this.end);
      this.baselineJ[p] += r.idlePowerW * stay;
      this.profileSeconds[this.pi[phoneI(p) + P_PROFILE]].add(stay);
      this.profileSince[p] = this.end;
      this.excessJ[p] = this.pf[f + P_EXCESS_J];
      this.promotions[p] = this.pf[f + P_PROMOTIONS];
    }
  }

  /** Idle-baseline energy of a phone over the measured window (valid after finish()). */
  baseline(phone: number): number {
    return this.baselineJ[phone];
  }

  /**
   * Excess energy of the tail stages, from stage `first` on, between the end of a transfer
   * and `until` (f: record).
   */
  private settleTail(f: number, r: RadioConfig, first: number, end: number, until: number): void {
    let s = end;
    const tails = r.tails;
    for (let k = first; k < tails.length; k++) {
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
