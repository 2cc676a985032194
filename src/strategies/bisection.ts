/** Knobs of the interval bisection shared by binary-search and crowd. */
export interface BisectionOptions {
  /** Floor: assumed to survive (never probed below); failures at it are ignored. */
  minS: number;
  /** Ceiling: treated as failing until a probe proves otherwise. */
  maxS: number;
  /** Stop when the bracket (hi − lo) is this narrow. */
  resolutionS: number;
  /** Consecutive successes at a probe before it is believed (one lucky beat is not proof). */
  confirmations: number;
  /** Operate this far below the largest interval known to survive. */
  safetyMarginS: number;
  /** Consecutive failures at the operating interval that reopen the search. */
  failuresToRestart: number;
}

/**
 * Bisection of one network's NAT idle timeout: `lo` is the largest interval known to survive,
 * `hi` the smallest known (or assumed) to fail. Each probe at the midpoint either confirms
 * (raises lo) or fails once (lowers hi); when hi − lo ≤ resolution it operates at
 * lo − margin. Plain state, no allocation per beat.
 */
export class Bisection {
  lo: number;
  hi: number;
  converged = false;
  /** The interval used once converged. */
  operatingS = Number.NaN;
  private confirmed = 0;
  private failuresAtOperating = 0;
  modifiedAt: number;

  constructor(
    private readonly o: BisectionOptions,
    now: number,
    lo = o.minS,
    hi = o.maxS,
  ) {
    this.lo = lo;
    this.hi = hi;
    this.modifiedAt = now;
    this.checkConverged();
  }

  /** The next interval: the probe while searching, the operating value once converged. */
  interval(): number {
    return this.converged ? this.operatingS : (this.lo + this.hi) / 2;
  }

  /** Best current estimate: lo while searching, the operating value once converged. */
  learned(): number {
    return this.converged ? this.operatingS : this.lo;
  }

  /** Adopt a value found elsewhere (the crowd's) as the operating interval. */
  adopt(operatingS: number, now: number): void {
    this.converged = true;
    this.operatingS = operatingS;
    this.lo = operatingS;
    this.hi = operatingS;
    this.failuresAtOperating = 0;
    this.modifiedAt = now;
  }

  onSuccess(interval: number, now: number): void {
    if (this.converged) {
      this.failuresAtOperating = 0;
      return;
    }
    if (interval !== this.interval()) return;
    if (++this.confirmed >= this.o.confirmations) {
      this.lo = interval;
      this.confirmed = 0;
      this.modifiedAt = now;
      this.checkConverged();
    }
  }

  /** Returns true when this failure reopened a converged search. */
  onFailure(interval: number, now: number): boolean {
    this.confirmed = 0;
    // Nothing lower to try: a NAT shorter than the floor is outside this policy's range.
    if (interval <= this.o.minS) return false;
    if (this.converged) {
      if (++this.failuresAtOperating < this.o.failuresToRestart) return false;
      this.restart(interval, now);
      return true;
    }
    if (interval <= this.lo) {
      // What we believed survives does not any more: the NAT changed; start again below it.
      this.lo = this.o.minS;
    }
    if (interval < this.hi) this.hi = interval;
    this.modifiedAt = now;
    this.checkConverged();
    return false;
  }

  private restart(failedS: number, now: number): void {
    this.converged = false;
    this.operatingS = Number.NaN;
    this.failuresAtOperating = 0;
    this.lo = this.o.minS;
    this.hi = failedS;
    this.modifiedAt = now;
    this.checkConverged();
  }

  private checkConverged(): void {
    if (this.hi - this.lo <= this.o.resolutionS) {
      this.converged = true;
      this.operatingS = Math.max(this.o.minS, this.lo - this.o.safetyMarginS);
      this.failuresAtOperating = 0;
    }
  }
}
