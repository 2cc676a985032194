/**
 * The search of `hbsim probe`, pure: which silences to try in each round, and what a round's
 * outcomes say about the NAT idle timeout τ.
 *
 * The method is the binding-timeout test of Hätönen et al. (IMC 2010, "An experimental study
 * of home gateway characteristics"): a connection through the NAT stays idle for T, then the
 * far side sends; the packet arrives iff the binding outlived T; T is narrowed by bisection.
 * Two choices are ours (as in NetPiculet, Wang et al., SIGCOMM 2011, which probes cellular
 * NATs with several connections at once): each round tries `parallel` silences at once, on
 * separate connections, which makes it an (n+1)-ary search whose round lasts the longest
 * silence; and each silence is tried on `confirmations` connections, and counts only when
 * they agree (a lost packet must not pass for an expired mapping).
 *
 * Invariant: every silence ≤ lo survived, every silence ≥ hi expired (on all confirmations).
 */
export interface ProbeBounds {
  /** Longest silence seen to survive (the lower bound of τ), seconds. */
  lo: number;
  /** Shortest silence seen to expire (the upper bound of τ), seconds. */
  hi: number;
}

export interface SilenceOutcome {
  silenceS: number;
  /** One entry per confirmation: the server's write arrived after the silence. */
  alive: boolean[];
}

export interface RoundUpdate {
  bounds: ProbeBounds;
  /** Silences whose confirmations disagreed (not used to move the bounds). */
  mixed: number[];
  /** A silence survived although a shorter one expired: the NAT is not a plain idle timer. */
  nonMonotone: boolean;
}

/**
 * The silences of the first round: both ends of the search range and evenly spaced points
 * between them (the ends check that τ is inside the range at all).
 */
export function firstRound(minS: number, maxS: number, parallel: number): number[] {
  const n = Math.max(2, parallel);
  return Array.from({ length: n }, (_, k) => round3(minS + ((maxS - minS) * k) / (n - 1)));
}

/** The silences of a later round: `parallel` points evenly inside (lo, hi). */
export function nextRound(b: ProbeBounds, parallel: number): number[] {
  const n = Math.max(1, parallel);
  return Array.from({ length: n }, (_, k) => round3(b.lo + ((b.hi - b.lo) * (k + 1)) / (n + 1)));
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Applies a round's outcomes to the bounds. `lo` may be 0 (nothing known to survive) and `hi` ∞. */
export function applyRound(b: ProbeBounds, outcomes: SilenceOutcome[]): RoundUpdate {
  let { lo, hi } = b;
  const mixed: number[] = [];
  for (const o of outcomes) {
    const all = o.alive.every(Boolean);
    const none = o.alive.every((a) => !a);
    if (all) lo = Math.max(lo, o.silenceS);
    else if (none) hi = Math.min(hi, o.silenceS);
    else mixed.push(o.silenceS);
  }
  const nonMonotone = lo >= hi;
  return { bounds: { lo, hi }, mixed, nonMonotone };
}

/** The search is done when the bracket is at most `resolutionS` wide. */
export function resolved(b: ProbeBounds, resolutionS: number): boolean {
  return Number.isFinite(b.hi) && b.hi - b.lo <= resolutionS;
}

/** Rounds an (n+1)-ary search needs to shrink `widthS` to `resolutionS` (after the first round). */
export function roundsNeeded(widthS: number, resolutionS: number, parallel: number): number {
  const firstWidth = widthS / Math.max(1, parallel - 1);
  if (firstWidth <= resolutionS) return 1;
  return 1 + Math.ceil(Math.log(firstWidth / resolutionS) / Math.log(parallel + 1));
}
