import { describe, expect, it } from 'vitest';
import type { DistributionSpec } from '../../src/model/config.js';
import { issuesOf, load } from './helpers.js';

function idleTimeout(yaml: string): DistributionSpec {
  return load(`carriers: [{ name: c, nat: { idleTimeout: ${yaml} } }]
groups: [{ count: 1 }]
strategies: [gcm]
`).carriers[0].nat.idleTimeout;
}

describe('distributions', () => {
  it.each<[string, DistributionSpec]>([
    ['300', { type: 'constant', value: 300 }],
    ['5m', { type: 'constant', value: 300 }],
    ['{ dist: constant, value: 1h }', { type: 'constant', value: 3600 }],
    ['{ dist: exponential, mean: 10m }', { type: 'exponential', mean: 600 }],
    ['{ dist: uniform, min: 10m, max: 30m }', { type: 'uniform', min: 600, max: 1800 }],
    ['{ dist: normal, mean: 20m, sd: 5m }', { type: 'normal', mean: 1200, sd: 300 }],
    [
      '{ dist: lognormal, median: 2h, sigma: 0.5 }',
      { type: 'lognormal', median: 7200, sigma: 0.5 },
    ],
    [
      '{ dist: choice, values: [5m, 30m], weights: [3, 1] }',
      { type: 'choice', values: [300, 1800], weights: [3, 1] },
    ],
    [
      '{ dist: empirical, points: [[5m, 0], [30m, 0.6], [2h, 1]] }',
      {
        type: 'empirical',
        points: [
          [300, 0],
          [1800, 0.6],
          [7200, 1],
        ],
      },
    ],
  ])('%s', (yaml, spec) => {
    expect(idleTimeout(yaml)).toEqual(spec);
  });

  const bad = (yaml: string) =>
    issuesOf(`carriers: [{ name: c, nat: { idleTimeout: ${yaml} } }]
groups: [{ count: 1 }]
strategies: [gcm]
`);

  it.each([
    ['{ dist: uniform, min: 30m, max: 10m }', 'carriers[0].nat.idleTimeout.max'],
    ['{ dist: choice, values: [1, 2], weights: [1] }', 'carriers[0].nat.idleTimeout.weights'],
    ['{ dist: choice, values: [1], weights: [0] }', 'carriers[0].nat.idleTimeout.weights'],
    ['{ dist: empirical, points: [[1, 0.2], [2, 1]] }', 'carriers[0].nat.idleTimeout.points[0][1]'],
    ['{ dist: empirical, points: [[5, 0], [2, 1]] }', 'carriers[0].nat.idleTimeout.points[1][0]'],
    ['{ dist: lognormal, median: 0, sigma: 1 }', 'carriers[0].nat.idleTimeout.median'],
    ['{ dist: exponential }', 'carriers[0].nat.idleTimeout.mean'],
    ['{ dist: gamma, k: 2 }', 'carriers[0].nat.idleTimeout.dist'],
    ['{ min: 1, max: 2 }', 'carriers[0].nat.idleTimeout.dist'],
    ['-5', 'carriers[0].nat.idleTimeout'],
    ['"ten minutes"', 'carriers[0].nat.idleTimeout'],
    ['[1, 2]', 'carriers[0].nat.idleTimeout'],
  ])('rejects %s at %s', (yaml, path) => {
    const issues = bad(yaml);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('a missing or misspelt dist names the choices', () => {
    const [issue] = bad('{ dist: unifrom, min: 1, max: 2 }');
    expect(issue.expected).toContain('uniform');
    expect(issue.hint).toBe('did you mean "uniform"?');
  });
});
