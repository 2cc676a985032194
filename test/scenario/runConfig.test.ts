import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/scenario/hash.js';
import { PILOT_REPLICATION, toRunConfig } from '../../src/scenario/runConfig.js';
import { load, MINIMAL } from './helpers.js';

describe('toRunConfig', () => {
  const s = load(
    `${MINIMAL}replications: 3\nstrategies: [gcm, smart]\n`.replace('strategies: [gcm]\n', ''),
  );

  it('cuts one strategy × replication out of the scenario', () => {
    const rc = toRunConfig(s, 1, 2);
    expect(rc.strategy.name).toBe('smart');
    expect(rc.replication).toBe(2);
    expect(rc.seed).toBe(s.seed);
    expect(rc.scenarioName).toBe(s.name);
    expect(rc.carriers).toEqual(s.carriers);
    expect(rc.startSpreadS).toBe(1800);
    expect(rc.bucketS).toBe(60);
  });

  it('every strategy sees the same world', () => {
    const { strategy: _a, ...a } = toRunConfig(s, 0, 1);
    const { strategy: _b, ...b } = toRunConfig(s, 1, 1);
    expect(a).toEqual(b);
  });

  it('returns copies', () => {
    const rc = toRunConfig(s, 0, 0);
    rc.groups[0].count = 999;
    expect(s.groups[0].count).toBe(10);
  });

  it('rejects indices out of range', () => {
    expect(() => toRunConfig(s, 2, 0)).toThrow(RangeError);
    expect(() => toRunConfig(s, 0, 3)).toThrow(RangeError);
  });
});

describe('the warm-up is simulated before the measured window', () => {
  const text = `${MINIMAL}duration: 6h\nwarmup: 2h\nevents:\n  - { type: nat-reset, at: 30m, carrier: lte-5min }\n`;

  it('a measured run lasts warm-up + duration, with scripted events after the warm-up', () => {
    const sc = load(text);
    const rc = toRunConfig(sc, 0, 0);
    expect(rc.warmupS).toBe(2 * 3600);
    // horizon = warmup + duration = 2 h + 6 h
    expect(rc.durationS).toBe(8 * 3600);
    // event time in run time = warmup + its time in the measured window = 2 h + 30 min
    expect(rc.events.map((e) => e.atS)).toEqual([2 * 3600 + 1800]);
  });

  it('a pilot of level k runs 2^k durations from time 0, without scripted events', () => {
    const sc = { ...load(text), warmupMode: 'auto' as const, warmupS: 0 };
    for (const level of [0, 1, 2]) {
      const rc = toRunConfig(sc, 0, PILOT_REPLICATION, level);
      expect(rc.durationS).toBe(6 * 3600 * 2 ** level);
      expect(rc.warmupS).toBe(0);
      expect(rc.events).toEqual([]);
    }
  });
});

describe('scenario hash', () => {
  it('ignores formatting, key order and presets spelled out', () => {
    const a = load('carriers: [lte-5min]\ngroups: [{ count: 10 }]\nstrategies: [gcm]\n');
    const b = load(`# same world
strategies:
  - { type: gcm, name: gcm }
groups:
  - count: 10
    architecture: system-channel
carriers:
  - { preset: lte-5min, nat: { idleTimeout: 300 }, rtt: { dist: lognormal, median: 100ms, sigma: 0.3 } }
`);
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('changes with anything that changes results, not with output options', () => {
    const a = load(MINIMAL);
    expect(load(`${MINIMAL}seed: 2\n`).hash).not.toBe(a.hash);
    expect(load(`${MINIMAL}output: { bucket: 10s }\n`).hash).not.toBe(a.hash);
    expect(load(`${MINIMAL}output: { charts: false, dir: /tmp/x }\n`).hash).toBe(a.hash);
  });

  it('canonical JSON sorts keys and keeps infinities', () => {
    expect(canonicalJson({ b: 1, a: { d: Number.POSITIVE_INFINITY, c: [2, 1] } })).toBe(
      '{"a":{"c":[2,1],"d":"Infinity"},"b":1}',
    );
  });
});
