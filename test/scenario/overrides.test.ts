import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { applyOverrides, parseSetArgument } from '../../src/scenario/overrides.js';
import { parsePath } from '../../src/scenario/paths.js';
import { issuesOf, load, MINIMAL } from './helpers.js';

describe('paths', () => {
  it('dots, brackets and names', () => {
    expect(parsePath('groups.0.count')).toEqual(['groups', 0, 'count']);
    expect(parsePath('groups[0].count')).toEqual(['groups', 0, 'count']);
    expect(parsePath('sweep.grid')).toEqual(['sweep', 'grid']);
    expect(parsePath('a[1][2]')).toEqual(['a', 1, 2]);
    expect(() => parsePath('a..b')).toThrow();
    expect(() => parsePath('__proto__.x')).toThrow();
  });
});

describe('--set', () => {
  it('overrides scalars, read as YAML', () => {
    const s = load(MINIMAL, 'test.yaml', [
      'duration=2h',
      'seed=7',
      'groups.0.count=25',
      'output.charts=false',
    ]);
    expect(s.durationS).toBe(7200);
    expect(s.seed).toBe(7);
    expect(s.phones).toBe(25);
    expect(s.output.charts).toBe(false);
  });

  it('reaches inside shorthands and selects list elements by name', () => {
    const s = load(MINIMAL.replace('{ count: 10 }', '{ name: phones, count: 10 }'), 'test.yaml', [
      'carriers.0.nat.idleTimeout={dist: uniform, min: 1m, max: 5m}',
      'strategies.gcm.params.intervalS=20m',
      'groups.phones.count=3',
    ]);
    expect(s.carriers[0].nat.idleTimeout).toEqual({ type: 'uniform', min: 60, max: 300 });
    expect(s.carriers[0].name).toBe('lte-5min');
    expect(s.strategies[0].params.intervalS).toBe(1200);
    expect(s.phones).toBe(3);
  });

  it('appends to a list one past its end', () => {
    const s = load(MINIMAL, 'test.yaml', ['strategies.1=smart']);
    expect(s.strategies.map((x) => x.name)).toEqual(['gcm', 'smart']);
  });

  it('a bad value is blamed on the --set argument', () => {
    const [issue] = issuesOf(MINIMAL, 'test.yaml', ['groups.0.count=abc']);
    expect(issue).toMatchObject({
      file: '--set groups.0.count=abc',
      path: 'groups[0].count',
      found: '"abc"',
    });
    expect(issue.line).toBeUndefined();
  });

  it('a typo in the path is an unknown key, blamed on the argument', () => {
    const [issue] = issuesOf(MINIMAL, 'test.yaml', ['durtion=2h']);
    expect(issue).toMatchObject({
      file: '--set durtion=2h',
      path: 'durtion',
      hint: 'did you mean "duration"?',
    });
  });

  it('malformed arguments', () => {
    for (const arg of [
      'duration',
      '=5',
      'duration=',
      'a..b=1',
      'groups.5.count=1',
      'groups.nobody.count=1',
    ]) {
      expect(() => load(MINIMAL, 'test.yaml', [arg]), arg).toThrow(ScenarioError);
    }
    expect(() => parseSetArgument('x=[1,')).toThrow(/cannot read the value/);
  });

  it('leaves the original document untouched', () => {
    const doc = { carriers: ['lte-5min'], groups: [{ count: 1 }], strategies: ['gcm'] };
    const { data, applied } = applyOverrides(doc, ['groups.0.count=9']);
    expect(doc.groups[0].count).toBe(1);
    expect((data as typeof doc).groups[0].count).toBe(9);
    expect(applied).toEqual([{ path: ['groups', 0, 'count'], label: '--set groups.0.count=9' }]);
  });
});
