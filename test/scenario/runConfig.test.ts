import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/scenario/hash.js';
import { toRunConfig } from '../../src/scenario/runConfig.js';
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
