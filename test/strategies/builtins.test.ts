import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listStrategies } from '../../src/strategies/registry.js';
import type { HeartbeatStrategy, StrategyContext } from '../../src/strategies/types.js';
import { validateStrategyInstance } from '../../src/strategies/validate.js';
import { drive, freshEnv, makeContext, type Network, type Outcome } from './driver.js';

/** The clamps each built-in promises with its defaults (inclusive, seconds). */
const BOUNDS: Record<string, [number, number]> = {
  fixed: [300, 300],
  gcm: [900, 1680],
  apns: [900, 1200],
  whatsapp: [285, 285],
  'mqtt-60s': [60, 60],
  smart: [210, 599], // 580 cap; a weekly +20 s re-probe from < 580 stays below 600
  'smart-2018': [210, 599],
  'smart-worked-example': [210, 599],
  microg: [300, 900],
  'binary-search': [60, 3600],
  aimd: [60, 3600],
  'radio-aware': [300, 300],
  crowd: [60, 3600],
};

const NETWORKS: Network[] = [
  { key: 'carrier-a', kind: 'cellular' },
  { key: 'home', kind: 'wifi' },
  { key: 'carrier-b', kind: 'cellular' },
];

const finitePositive = (v: number | undefined) => v === undefined || (Number.isFinite(v) && v > 0);

/** Drives a strategy through a script and checks every answer on the way. */
function play(s: HeartbeatStrategy, script: Outcome[], active: boolean, bounds: [number, number]) {
  const seen: number[] = [];
  let ctxSeen: StrategyContext = makeContext();
  const t = drive(s, {
    networks: NETWORKS,
    outcome: (i, interval) => {
      if (i >= script.length) return undefined;
      seen.push(interval);
      return script[i];
    },
    // Active during the first 10 min (Mars's 210 s rule), then inactive.
    lastUserActivityAt: active ? 0 : Number.NaN,
  });
  for (const v of seen) {
    expect(Number.isFinite(v) && v > 0).toBe(true);
    expect(v).toBeGreaterThanOrEqual(bounds[0]);
    expect(v).toBeLessThanOrEqual(bounds[1]);
  }
  for (const n of NETWORKS) {
    ctxSeen = makeContext({ now: t.end, networkKey: n.key, networkKind: n.kind });
    expect(finitePositive(s.ackTimeoutS(ctxSeen))).toBe(true);
    expect(finitePositive(s.announcedInterval?.(ctxSeen))).toBe(true);
    expect(finitePositive(s.learnedInterval?.(ctxSeen))).toBe(true);
    const slack = s.piggybackSlackS?.(ctxSeen);
    expect(slack === undefined || (Number.isFinite(slack) && slack >= 0)).toBe(true);
  }
  return { trace: t, seen };
}

const script = fc.array(fc.constantFrom<Outcome>('ack', 'ack', 'ack', 'fail', 'switch'), {
  maxLength: 300,
});

describe('every built-in', () => {
  it('has clamps listed in this test', () => {
    expect(
      listStrategies()
        .map((e) => e.type)
        .sort(),
    ).toEqual(Object.keys(BOUNDS).sort());
  });

  for (const entry of listStrategies()) {
    const make = () => entry.create({ ...entry.defaults }, freshEnv());

    describe(entry.type, () => {
      it('builds a valid strategy from its registry defaults (no unknown parameter)', () => {
        const s = make();
        validateStrategyInstance(s, entry.type);
        expect(entry.description.length).toBeGreaterThan(10);
        expect(entry.source.length).toBeGreaterThan(5);
      });

      it('rejects a misspelt parameter', () => {
        expect(() => entry.create({ ...entry.defaults, intervalSec: 10 }, freshEnv())).toThrow(
          /unknown parameter "intervalSec"/,
        );
      });

      it('has a usable reconnect rule', () => {
        const r = entry.reconnect;
        if (r.kind === 'table') {
          expect(r.delaysS.length).toBeGreaterThan(0);
          expect(r.delaysS.every((d) => d >= 0 && Number.isFinite(d))).toBe(true);
        } else {
          expect(r.initialS).toBeGreaterThan(0);
          expect(r.capS).toBeGreaterThanOrEqual(r.initialS);
        }
        expect(r.resetAfterS).toBeGreaterThanOrEqual(0);
      });

      it('never answers a non-positive, non-finite or out-of-clamp interval (random acks, failures, switches)', () => {
        fc.assert(
          fc.property(script, fc.boolean(), (sc, act) => {
            play(make(), sc, act, BOUNDS[entry.type]);
          }),
          { numRuns: 150 },
        );
      });

      it('is deterministic: the same script gives the same trace', () => {
        fc.assert(
          fc.property(script, fc.boolean(), (sc, act) => {
            const a = play(make(), sc, act, BOUNDS[entry.type]);
            const b = play(make(), sc, act, BOUNDS[entry.type]);
            expect(b.trace).toEqual(a.trace);
          }),
          { numRuns: 50 },
        );
      });
    });
  }
});
