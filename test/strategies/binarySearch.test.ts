import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BINARY_SEARCH_DEFAULTS, createBinarySearch } from '../../src/strategies/binarySearch.js';
import { drive, freshEnv, makeContext, type Trace } from './driver.js';

const D = BINARY_SEARCH_DEFAULTS;
const bs = (p: Record<string, unknown> = {}) => createBinarySearch({ ...D, ...p }, freshEnv());

/** Index of the first beat from which every interval equals the final one. */
function settledFrom(t: Trace): number {
  const last = t.beats.at(-1)!.interval;
  let i = t.beats.length - 1;
  while (i > 0 && t.beats[i - 1].interval === last) i--;
  return i;
}

function checkConverges(T: number) {
  const t = drive(bs(), { natTimeoutS: T, maxBeats: 200 });
  const from = settledFrom(t);
  const final = t.beats[from].interval;
  // Within resolution + margin below the timeout, never above it.
  expect(final).toBeLessThan(T);
  expect(T - final).toBeLessThanOrEqual(D.resolutionS + D.safetyMarginS);
  // Converged well before the end, and no failure after convergence.
  expect(t.beats.length - from).toBeGreaterThan(100);
  expect(t.beats.slice(from).every((b) => b.ok)).toBe(true);
  // log2((3600 − 60) / 10) ≈ 8.5 halvings: at most one failure each.
  expect(t.failures).toBeLessThanOrEqual(9);
}

describe('binary-search', () => {
  // 20 NAT timeouts between 2 and 60 min, including the awkward ones (just above the floor,
  // at the ceiling, on a probe point: the first probe is (60 + 3600)/2 = 1830 s).
  const timeouts = [
    120, 150, 181, 240, 299, 300, 350, 420, 600, 601, 900, 1200, 1500, 1800, 1830, 2100, 2400, 2880,
    3300, 3600,
  ];
  for (const T of timeouts) {
    it(`converges within margin below a constant ${T} s NAT timeout`, () => checkConverges(T));
  }

  it('converges for any NAT timeout in [2, 60] min (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 120, max: 3600, noNaN: true }), (T) => checkConverges(T)),
      { numRuns: 200 },
    );
  });

  it('first probes the midpoint and needs two confirmations to raise lo', () => {
    const t = drive(bs(), { natTimeoutS: 3600, maxBeats: 4 });
    expect(t.beats.map((b) => b.interval)).toEqual([1830, 1830, 2715, 2715]);
  });

  it('keeps a learned value per network and probes only a new network', () => {
    const s = bs();
    const nets = [
      { key: 'carrier-a', kind: 'cellular' as const },
      { key: 'home', kind: 'wifi' as const },
    ];
    // Learn carrier A (NAT 300 s), then switch to Wi-Fi and back.
    let phase = 0;
    const t = drive(s, {
      networks: nets,
      maxBeats: 400,
      outcome: (i, interval) => {
        if (phase === 0 && i >= 60) {
          phase = 1;
          return 'switch';
        }
        if (phase === 1 && i >= 120) {
          phase = 2;
          return 'switch';
        }
        if (phase === 2 && i >= 130) return undefined;
        const T = phase === 1 ? 1200 : 300;
        return interval < T ? 'ack' : 'fail';
      },
    });
    const a = makeContext({ networkKey: 'carrier-a' });
    const w = makeContext({ networkKey: 'home', networkKind: 'wifi' });
    const learnedA = s.learnedInterval!(a);
    expect(300 - learnedA).toBeLessThanOrEqual(30);
    expect(1200 - s.learnedInterval!(w)).toBeLessThanOrEqual(30);
    // Back on A: straight to its learned interval, no failure.
    const back = t.beats.filter((b) => b.connection === t.beats.at(-1)!.connection);
    expect(back.every((b) => b.ok && b.interval === learnedA)).toBe(true);
  });

  it('a failure reported after a switch (ctx already on the new network) belongs to the old one', () => {
    const s = bs();
    const a = makeContext({ networkKey: 'carrier-a' });
    const b = makeContext({ networkKey: 'home', networkKind: 'wifi' });
    s.onConnected(a);
    expect(s.nextInterval(a)).toBe(1830);
    s.onHeartbeatFailure(b, 1830, 'ackTimeout'); // a NAT timeout told after the switch
    s.onNetworkChange(b, 'home');
    s.onConnected(b);
    expect(s.nextInterval(b)).toBe(1830); // the Wi-Fi search is untouched
    expect(s.nextInterval(a)).toBe((60 + 1830) / 2); // carrier A's hi came down
  });

  it('a failure that is not a NAT eviction (switch, outage, server close, NAT reset) teaches nothing', () => {
    const s = bs();
    const a = makeContext({ networkKey: 'carrier-a' });
    s.onConnected(a);
    for (const reason of ['networkChange', 'outage', 'serverClose', 'natReset'] as const) {
      s.onHeartbeatFailure(a, 1830, reason);
      expect(s.nextInterval(a)).toBe(1830);
    }
    s.onHeartbeatFailure(a, 1830, 'ackTimeout');
    expect(s.nextInterval(a)).toBe((60 + 1830) / 2);
  });

  it('reopens the search after two consecutive failures at the operating interval', () => {
    const s = bs();
    drive(s, { natTimeoutS: 1200, maxBeats: 60 });
    const ctx = makeContext({ now: 1e6 });
    const op = s.nextInterval(ctx);
    expect(1200 - op).toBeLessThanOrEqual(30);
    s.onHeartbeatFailure(ctx, op, 'ackTimeout');
    expect(s.nextInterval(ctx)).toBe(op); // one failure could be bad luck
    s.onHeartbeatFailure(ctx, op, 'rst');
    expect(s.nextInterval(ctx)).toBe((60 + op) / 2); // bisect again below the failed value
  });
});
