import { describe, expect, it } from 'vitest';
import { ScenarioError, type ScenarioIssue } from '../../src/scenario/errors.js';
import { analyticYaml, load } from './helpers.js';

function issuesOf(text: string): ScenarioIssue[] {
  try {
    load(text);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

const BASE = analyticYaml();

describe('tune: block validation', () => {
  it('resolves a valid block with its defaults', () => {
    const t = load(BASE).tune!;
    expect(t.strategy).toBe('fixed');
    expect(t.objective).toEqual({ metric: 'energyJPerPhoneDay', goal: 'min' });
    expect(t.constraints).toEqual([
      { metric: 'reconnectsPerPhoneDay', op: '<=', bound: 0.1, confidence: 0.95 },
    ]);
    expect(t.params[0]).toMatchObject({
      kind: 'range',
      min: 60,
      max: 1800,
      scale: 'log',
      integer: false,
    });
    expect(t.scope).toBe('population');
    expect(t.initialPoints).toBe(6);
  });

  it('names file, path, expected and found for an unknown metric', () => {
    const [i] = issuesOf(
      BASE.replace('minimize: energyJPerPhoneDay', 'minimize: energyJPerPhoneDy'),
    );
    expect(i.file).toBe('tune-test.yaml');
    expect(i.path).toBe('tune.objective.minimize');
    expect(i.expected).toMatch(/metric name/);
    expect(i.found).toBe('"energyJPerPhoneDy"');
    expect(i.hint).toMatch(/energyJPerPhoneDay/);
    expect(i.line).toBeGreaterThan(0);
  });

  it('rejects a range whose max is not above min, and a log range from 0', () => {
    expect(issuesOf(BASE.replace('min: 60, max: 1800', 'min: 60, max: 60'))[0]).toMatchObject({
      path: 'tune.params["strategies.0.params.intervalS"].max',
    });
    expect(issuesOf(BASE.replace('min: 60, max: 1800', 'min: 0, max: 1800'))[0].expected).toMatch(
      /> 0 on a log scale/,
    );
  });

  it('rejects an unknown strategy, a constraint without a bound and robust per-carrier', () => {
    expect(issuesOf(`${BASE}  strategy: smart\n`)[0]).toMatchObject({
      path: 'tune.strategy',
      found: '"smart"',
    });
    expect(issuesOf(BASE.replace('max: 0.1 }', 'bound: 0.1 }'))[0].path).toMatch(
      /^tune\.constraints\[0\]/,
    );
    expect(issuesOf(`${BASE}  scope: per-carrier\n  robust: true\n`)[0].path).toBe('tune.robust');
  });

  it('robust mode takes only metrics of the per-carrier breakdown', () => {
    const [i] = issuesOf(
      `${BASE}  robust: true\n`.replace(
        'minimize: energyJPerPhoneDay',
        'minimize: pushLatencyP95S',
      ),
    );
    expect(i.path).toBe('tune.objective.minimize');
    expect(i.expected).toMatch(/per-carrier breakdown/);
  });
});
