import { describe, expect, it } from 'vitest';
import { scenarioAtPoint } from '../../src/scenario/resolve.js';
import { parseRange } from '../../src/scenario/sweep.js';
import { issuesOf, load, MINIMAL } from './helpers.js';

describe('ranges', () => {
  it('log-spaced with durations', () => {
    const v = parseRange('60s..30m x 4') as number[];
    expect(v).toHaveLength(4);
    expect(v[0]).toBe(60);
    expect(v[3]).toBe(1800);
    expect(v[2] / v[1]).toBeCloseTo(v[1] / v[0], 4);
  });

  it('linear with a step', () => {
    expect(parseRange('1000..5000 step 1000')).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect(parseRange('0.1..0.5 step 0.1')).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseRange('1m..3m step 1m')).toEqual([60, 120, 180]);
  });

  it('errors are messages', () => {
    expect(typeof parseRange('0..10 x 3')).toBe('string');
    expect(typeof parseRange('a..b x 3')).toBe('string');
    expect(typeof parseRange('5..1 step 1')).toBe('string');
    expect(typeof parseRange('1, 2, 3')).toBe('string');
  });
});

describe('grids', () => {
  const text = `${MINIMAL}sweep:
  grid:
    carriers.0.nat.idleTimeout: "5m..20m x 3"
    strategies.0.params.intervalS: [10m, 28m]
`;

  it('expands every combination, first key slowest', () => {
    const s = load(text);
    expect(s.sweep.map((p) => p.label)).toEqual([
      'carriers.0.nat.idleTimeout=300, strategies.0.params.intervalS=10m',
      'carriers.0.nat.idleTimeout=300, strategies.0.params.intervalS=28m',
      'carriers.0.nat.idleTimeout=600, strategies.0.params.intervalS=10m',
      'carriers.0.nat.idleTimeout=600, strategies.0.params.intervalS=28m',
      'carriers.0.nat.idleTimeout=1200, strategies.0.params.intervalS=10m',
      'carriers.0.nat.idleTimeout=1200, strategies.0.params.intervalS=28m',
    ]);
  });

  it('each point resolves to its own scenario', () => {
    const s = load(text);
    const p = scenarioAtPoint(s, s.sweep[3]);
    expect(p.carriers[0].nat.idleTimeout).toEqual({ type: 'constant', value: 600 });
    expect(p.strategies[0].params.intervalS).toBe(1680);
    expect(p.point).toBe(s.sweep[3]);
    expect(p.sweep).toEqual([]);
    expect(p.hash).not.toBe(s.hash);
    expect(p.name).toBe(s.name);
  });

  it('a value that breaks the scenario is reported once, with its point', () => {
    const issues = issuesOf(`${MINIMAL}sweep:\n  grid:\n    groups.0.count: [5, -1, -2]\n`);
    expect(issues).toHaveLength(2);
    expect(issues[0].file).toMatch(/, sweep point 1 \(groups\.0\.count=-1\)$/);
    expect(issues[0].path).toBe('groups[0].count');
  });

  it('bad ranges and paths point at the sweep key', () => {
    const issues = issuesOf(
      `${MINIMAL}sweep:\n  grid:\n    duration: "1h..2h y 3"\n    "a..b": [1]\n`,
    );
    expect(issues.map((i) => i.path)).toEqual(['sweep.grid.duration', 'sweep.grid["a..b"]']);
    expect(issues[0].line).toBe(6);
  });
});
