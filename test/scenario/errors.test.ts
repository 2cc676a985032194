import { describe, expect, it } from 'vitest';
import { formatIssue, ScenarioError } from '../../src/scenario/errors.js';
import { loadScenarioFile, loadScenarioText } from '../../src/scenario/load.js';
import { closest, editDistance } from '../../src/scenario/suggest.js';
import { issuesOf, MINIMAL, messageOf } from './helpers.js';

describe('error messages', () => {
  it('unknown key: file:line:col, path, hint', () => {
    const text = `carriers:
  - name: c
    nat:
      idelTimeout: 5m
groups: [{ count: 1 }]
strategies: [gcm]
`;
    expect(messageOf(text, 'scenarios/x.yaml')).toBe(
      'scenarios/x.yaml:4:7: carriers[0].nat.idelTimeout: unknown key (did you mean "idleTimeout"?)',
    );
  });

  it('wrong type: expected and found', () => {
    const [issue] = issuesOf(`${MINIMAL}replications: many\n`);
    expect(issue).toMatchObject({
      line: 4,
      col: 15,
      path: 'replications',
      expected: 'an integer',
      found: '"many"',
    });
    expect(formatIssue(issue)).toBe(
      'test.yaml:4:15: replications: expected an integer, found "many"',
    );
  });

  it('bounds in words', () => {
    expect(issuesOf(`${MINIMAL}replications: 0\n`)[0].expected).toBe('an integer >= 1');
    expect(issuesOf(`${MINIMAL}seed: 1.5\n`)[0].expected).toBe('an integer');
    expect(issuesOf(`${MINIMAL}duration: 0s\n`)[0].expected).toBe('a duration longer than 0');
  });

  it('a missing required key is reported at its parent', () => {
    const [issue] = issuesOf(
      'carriers: [lte-5min]\ngroups: [{ carrier: lte-5min }]\nstrategies: [gcm]\n',
    );
    expect(issue.path).toBe('groups[0].count');
    expect(issue.message).toBe('missing; expected an integer');
    expect(issue.line).toBe(2);
  });

  it('enum typos get a hint', () => {
    const [issue] = issuesOf(`carriers: [lte-5min]
groups: [{ count: 1, architecture: system-chanel }]
strategies: [gcm]
`);
    expect(issue.path).toBe('groups[0].architecture');
    expect(issue.hint).toBe('did you mean "system-channel"?');
  });

  it('unknown preset, strategy type, carrier reference, baseline', () => {
    expect(issuesOf('carriers: [lte-5mn]\ngroups: [{count: 1}]\nstrategies: [gcm]\n')[0].hint).toBe(
      'did you mean "lte-5min"?',
    );
    const strat = issuesOf(
      'carriers: [lte-5min]\ngroups: [{count: 1}]\nstrategies: [gcm, smrt]\n',
    )[0];
    expect(strat).toMatchObject({
      path: 'strategies[1]',
      message: 'unknown strategy type "smrt"',
      hint: 'did you mean "smart"?',
      line: 3,
      col: 19,
    });
    const ref = issuesOf(
      'carriers: [lte-5min, wifi-home]\ngroups: [{count: 1, carrier: lte5min}]\nstrategies: [gcm]\n',
    )[0];
    expect(ref).toMatchObject({ path: 'groups[0].carrier', hint: 'did you mean "lte-5min"?' });
    const base = issuesOf(`${MINIMAL}baseline: gmc\n`)[0];
    expect(base).toMatchObject({ path: 'baseline', hint: 'did you mean "gcm"?' });
  });

  it('cross-field rules', () => {
    const paths = (t: string) => issuesOf(t).map((i) => i.path);
    // A warm-up longer than the duration is fine: it is simulated before the measured window.
    expect(() => issuesOf(`${MINIMAL}warmup: 2d\n`)).toThrow(/scenario loaded/);
    expect(paths(`${MINIMAL}events: [{ type: nat-reset, at: 2d }]\n`)).toEqual(['events[0].at']);
    expect(
      paths('carriers: [lte-5min, wifi-home]\ngroups: [{count: 1}]\nstrategies: [gcm]\n'),
    ).toEqual(['groups[0].carrier']);
    expect(
      paths(
        'carriers: [lte-5min, lte-5min]\ngroups: [{count: 1, carrier: lte-5min}]\nstrategies: [gcm]\n',
      ),
    ).toEqual(['carriers[1]']);
    expect(paths('carriers: [lte-5min]\ngroups: [{count: 1}]\nstrategies: [gcm, gcm]\n')).toEqual([
      'strategies[1]',
    ]);
    expect(paths('carriers: [lte-5min]\ngroups: [{count: 0}]\nstrategies: [gcm]\n')).toEqual([
      'groups',
    ]);
    expect(
      paths(
        'carriers: [lte-5min]\ngroups: [{count: 1, architecture: sms-wakeup}]\nstrategies: [gcm]\n',
      ),
    ).toEqual(['groups[0].sms']);
    // A polling: block on another architecture is kept unused (a sweep over the architecture
    // may need it), so it is not an error.
    expect(() =>
      loadScenarioText(
        'carriers: [lte-5min]\ngroups: [{count: 1, polling: {interval: 5m}}]\nstrategies: [gcm]\n',
        'x.yaml',
      ),
    ).not.toThrow();
    expect(
      paths(
        'carriers: [lte-5min, wifi-home]\ngroups: [{count: 1, networks: [{carrier: lte-5min}, {carrier: wifi-home, meanDwell: 1h}]}]\nstrategies: [gcm]\n',
      ),
    ).toEqual(['groups[0].networks[0].meanDwell']);
    expect(paths(`${MINIMAL}server: { keepalive: { factor: 1.5, fixed: 10m } }\n`)).toEqual([
      'server.keepalive',
    ]);
    expect(paths(`${MINIMAL}output: { tracePhone: 10 }\n`)).toEqual(['output.tracePhone']);
  });

  it('strategy parameters are checked by the strategy itself', () => {
    const [issue] = issuesOf(
      'carriers: [lte-5min]\ngroups: [{count: 1}]\nstrategies: [{ type: fixed, params: { intervalS: -3 } }]\n',
    );
    expect(issue.path).toBe('strategies[0].params');
    expect(issue.message).toMatch(/intervalS/);
  });

  it('several problems are reported together, in file order', () => {
    const issues = issuesOf(`seed: -1
carriers: [lte-5min]
groups: [{ count: 1, colour: red }]
strategies: []
`);
    expect(issues.map((i) => [i.path, i.line])).toEqual([
      ['seed', 1],
      ['groups[0].colour', 3],
      ['strategies', 4],
    ]);
  });

  it('YAML and JSON syntax errors carry a position', () => {
    expect(issuesOf('a: [1, 2\nb: 3\n')[0]).toMatchObject({
      file: 'test.yaml',
      line: expect.any(Number),
    });
    expect(messageOf('a:\n  b: 1\n c: 2\n')).toMatch(/^test\.yaml:\d+:\d+: YAML syntax error/);
    expect(messageOf('{"carriers": [1,}', 'x.json')).toMatch(/^x\.json:1:\d+: JSON syntax error/);
    expect(messageOf('')).toBe('test.yaml:1:1: the scenario is empty');
    expect(messageOf('- 1\n- 2\n')).toBe(
      'test.yaml:1:1: expected a mapping, found a list of 2 items',
    );
  });

  it('JSON files get positions too', () => {
    const json =
      '{\n  "carriers": ["lte-5min"],\n  "groups": [{ "count": 1, "colr": 2 }],\n  "strategies": ["gcm"]\n}\n';
    expect(messageOf(json, 'x.json')).toBe('x.json:3:28: groups[0].colr: unknown key');
  });

  it('a missing file is a ScenarioError, not a crash', async () => {
    await expect(loadScenarioFile('/nonexistent/x.yaml')).rejects.toBeInstanceOf(ScenarioError);
  });
});

describe('suggestions', () => {
  it('edit distance with transpositions', () => {
    expect(editDistance('idle', 'ilde')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('only plausible typos are suggested', () => {
    expect(closest('idelTimeout', ['idleTimeout', 'refreshOn'])).toBe('idleTimeout');
    expect(closest('Duration', ['duration'])).toBe('duration');
    expect(closest('xyz', ['duration', 'seed'])).toBeUndefined();
  });
});
