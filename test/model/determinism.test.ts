import { describe, expect, it } from 'vitest';
import { checkInvariants, InvariantError } from '../../src/model/invariants.js';
import { WIFI } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { World } from '../../src/model/world.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/** A busy world: switching, outages, background traffic, pushes, a lossy NAT. */
function busy(type: string, params: Record<string, unknown> = {}, tracePhone = -1) {
  return runConfig({
    carriers: [
      carrier(300, {
        nat: { ...carrier(300).nat, idleTimeout: { type: 'uniform', min: 240, max: 1800 } },
      }),
      carrier(1800, { name: 'wifi', kind: 'wifi', radio: WIFI }),
    ],
    groups: [
      group({
        count: 40,
        networks: [
          { carrier: 'lte', meanDwellS: 3 * 3600 },
          { carrier: 'wifi', meanDwellS: 2 * 3600 },
        ],
        outages: { ratePerDay: 2, duration: { type: 'exponential', mean: 300 } },
        background: { ratePerHour: 2, duration: { type: 'exponential', mean: 20 } },
        apps: [{ name: 'push', pushRatePerHour: 4 }],
      }),
    ],
    strategy: strategy(type, params),
    startSpreadS: 300,
    tracePhone,
  });
}

const exogenous = (trace: TraceRecord[]) =>
  trace
    .filter(
      (x) =>
        x.event === 'push-arrived' || x.event === 'network-switch' || x.event === 'coverage-lost',
    )
    .map((x) => `${x.event}@${x.t}`);

describe('determinism and common random numbers', () => {
  it('the same config and seed give an identical result', () => {
    const f = getStrategy('fixed')!.create;
    expect(JSON.stringify(runWorld(busy('fixed'), f))).toBe(
      JSON.stringify(runWorld(busy('fixed'), f)),
    );
  });

  it('another seed gives another world', () => {
    const f = getStrategy('fixed')!.create;
    const a = runWorld(busy('fixed'), f);
    const b = runWorld({ ...busy('fixed'), seed: 2 }, f);
    expect(a.metrics.pushArrived).not.toBe(b.metrics.pushArrived);
  });

  it('every strategy sees the same push arrivals, network switches and outages (CRN)', () => {
    for (const phone of [0, 17, 39]) {
      const traces = ['fixed', 'gcm', 'smart', 'microg'].map((type) => {
        const res = runWorld(busy(type, {}, phone), getStrategy(type)!.create) as {
          trace?: TraceRecord[];
        };
        return exogenous(res.trace!);
      });
      expect(traces[0].length).toBeGreaterThan(20);
      for (const t of traces.slice(1)) expect(t).toEqual(traces[0]);
    }
  });
});

describe('end-of-run invariants', () => {
  it('detect a broken message conservation', () => {
    const config = busy('fixed');
    const f = getStrategy('fixed')!.create;
    const w = new World(config, f);
    const ok = runWorld(config, f);
    expect(() => checkInvariants(w, ok)).not.toThrow();
    w.metrics.allArrived = 5; // five messages that went nowhere
    expect(() => checkInvariants(w, ok)).toThrow(InvariantError);
  });

  it('detect energy below the idle baseline and negative metrics', () => {
    const config = busy('fixed');
    const f = getStrategy('fixed')!.create;
    const w = new World(config, f);
    const ok = runWorld(config, f);
    w.radio.excessJ[3] = -1;
    expect(() => checkInvariants(w, ok)).toThrow(/idle baseline/);
    const w2 = new World(config, f);
    expect(() =>
      checkInvariants(w2, { ...ok, metrics: { ...ok.metrics, heartbeatsPerPhoneDay: -1 } }),
    ).toThrow(/negative/);
  });
});
