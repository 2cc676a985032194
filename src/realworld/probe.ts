import { probeOnce, type ProbeTry } from './probeClient.js';
import {
  applyRound,
  firstRound,
  nextRound,
  type ProbeBounds,
  resolved,
  type SilenceOutcome,
} from './probeSearch.js';

export interface ProbeOptions {
  host: string;
  port: number;
  /** Search range of the timeout, seconds. */
  minS: number;
  maxS: number;
  /** Stop when the bracket is this narrow, seconds. */
  resolutionS: number;
  /** Silences tried at once per round. */
  parallel: number;
  /** Connections per silence that must agree. */
  confirmations: number;
  /** Wall-time budget for the whole probe, seconds. */
  budgetS: number;
  /** How long past a silence to wait for the server's write (and for the answer to a late packet). */
  graceS: number;
  /** Also test whether server-to-client traffic keeps a mapping alive. */
  checkInbound: boolean;
  log?: (line: string) => void;
}

export type ProbeStatus = 'resolved' | 'budget' | 'above-max' | 'below-min' | 'non-monotone';

export interface ProbeReport {
  server: string;
  /** ISO date-time the probe started. */
  date: string;
  status: ProbeStatus;
  /** τ ∈ (lo, hi]: silences ≤ lo survived, ≥ hi expired. */
  bounds: ProbeBounds;
  resolutionS: number;
  rounds: number;
  connections: number;
  /** Silences whose confirmations disagreed. */
  mixed: number[];
  /** What a client packet on an expired mapping got, counted over expired connections. */
  expired: { drop: number; rst: number; answered: number };
  expiredPacket: 'drop' | 'rst' | 'unknown';
  /** Server-to-client traffic alone kept a mapping alive past hi (undefined: not tested). */
  inboundRefreshes?: boolean;
  rttMedianS: number;
  wallS: number;
}

/** Measures the NAT idle timeout towards a probe server (see probeSearch.ts for the method). */
export async function probeNat(opts: ProbeOptions): Promise<ProbeReport> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const date = new Date().toISOString();
  const rtts: number[] = [];
  const expired = { drop: 0, rst: 0, answered: 0 };
  const mixed: number[] = [];
  let bounds: ProbeBounds = { lo: 0, hi: Number.POSITIVE_INFINITY };
  let rounds = 0;
  let connections = 0;
  let status: ProbeStatus = 'budget';
  const note = (t: ProbeTry) => {
    connections++;
    if (Number.isFinite(t.rttS)) rtts.push(t.rttS);
    if (!t.alive && t.afterExpiry) expired[t.afterExpiry]++;
  };

  let silences = firstRound(opts.minS, opts.maxS, opts.parallel);
  for (;;) {
    const longest = Math.max(...silences);
    if (elapsed() + longest + 2 * opts.graceS > opts.budgetS) {
      log(`budget: a round of ${longest.toFixed(1)} s does not fit in what is left`);
      break;
    }
    rounds++;
    log(`round ${rounds}: silences ${silences.map((s) => s.toFixed(2)).join(', ')} s`);
    const outcomes: SilenceOutcome[] = await Promise.all(
      silences.map(async (silenceS) => {
        const tries = await Promise.all(
          Array.from({ length: opts.confirmations }, () =>
            probeOnce(
              opts.host,
              opts.port,
              { kind: 'wait', ms: silenceS * 1000 },
              silenceS,
              opts.graceS,
            ),
          ),
        );
        tries.forEach(note);
        return { silenceS, alive: tries.map((t) => t.alive) };
      }),
    );
    for (const o of outcomes)
      log(
        `  ${o.silenceS.toFixed(2)} s: ${o.alive.map((a) => (a ? 'alive' : 'expired')).join(' ')}`,
      );
    const u = applyRound(bounds, outcomes);
    bounds = u.bounds;
    mixed.push(...u.mixed);
    if (u.nonMonotone) {
      status = 'non-monotone';
      break;
    }
    if (rounds === 1 && bounds.lo >= opts.maxS) {
      status = 'above-max';
      break;
    }
    if (rounds === 1 && bounds.hi <= opts.minS) {
      status = 'below-min';
      break;
    }
    if (resolved(bounds, opts.resolutionS)) {
      status = 'resolved';
      break;
    }
    silences = nextRound(
      { lo: bounds.lo, hi: Number.isFinite(bounds.hi) ? bounds.hi : opts.maxS },
      opts.parallel,
    );
  }

  let inboundRefreshes: boolean | undefined;
  if (opts.checkInbound && bounds.lo > 0 && Number.isFinite(bounds.hi)) {
    // The server writes every lo/2 (well inside τ) for 2·hi; the client writes nothing
    // (its TCP acknowledges each write: on TCP that is what "inbound traffic" means).
    const periodS = bounds.lo / 2;
    const count = Math.ceil((2 * bounds.hi) / periodS);
    const spanS = count * periodS;
    if (elapsed() + spanS + 2 * opts.graceS <= opts.budgetS) {
      log(`inbound refresh: server writes every ${periodS.toFixed(2)} s for ${spanS.toFixed(1)} s`);
      const tries = await Promise.all(
        Array.from({ length: opts.confirmations }, () =>
          probeOnce(
            opts.host,
            opts.port,
            { kind: 'drip', periodMs: periodS * 1000, count },
            spanS,
            opts.graceS,
          ),
        ),
      );
      tries.forEach(note);
      inboundRefreshes = tries.every((t) => t.alive);
    } else {
      log('inbound refresh: not tested (no time left in the budget)');
    }
  }

  const decided = expired.drop + expired.rst;
  const expiredPacket = decided === 0 ? 'unknown' : expired.rst > expired.drop ? 'rst' : 'drop';
  rtts.sort((a, b) => a - b);
  return {
    server: `${opts.host}:${opts.port}`,
    date,
    status,
    bounds,
    resolutionS: opts.resolutionS,
    rounds,
    connections,
    mixed,
    expired,
    expiredPacket,
    inboundRefreshes,
    rttMedianS: rtts.length ? rtts[Math.floor(rtts.length / 2)] : Number.NaN,
    wallS: elapsed(),
  };
}
