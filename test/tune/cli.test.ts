import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { hbsim } from '../cli/helpers.js';
import { analyticYaml } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'hbsim-tune-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hbsim tune', () => {
  it('writes tune.csv, tune.json, tuned.yaml and report.html, and prints the snippet', () => {
    const file = join(dir, 'analytic.yaml');
    writeFileSync(file, analyticYaml('  initialPoints: 4\n  resolution: 0.05\n'));
    const out = join(dir, 'out');
    const r = hbsim(['tune', file, '--out', out, '-j', '0', '--no-charts']);
    expect(r.err).not.toMatch(/run failed/);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/population: strategies\.0\.params\.intervalS=/);
    expect(r.out).toMatch(/name: fixed-tuned\n\s+type: fixed\n\s+params:\n\s+intervalS: \d/);
    for (const f of ['tune.csv', 'tune.json', 'tuned.yaml', 'summary.md', 'report.html']) {
      expect(existsSync(join(out, f))).toBe(true);
    }
    const json = JSON.parse(readFileSync(join(out, 'tune.json'), 'utf8'));
    expect(json.schema).toBe('hbsim.tune/1');
    expect(json.scopes[0].best.feasible).toBe(true);
    const csv = readFileSync(join(out, 'tune.csv'), 'utf8').trim().split('\r\n');
    expect(csv.length - 1).toBe(json.scopes[0].candidates.length);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/Tuned policy/);
    // compare.yaml: the file's strategies and the tuned one, a scenario hbsim runs as it is.
    const compare = loadScenarioText(
      readFileSync(join(out, 'compare.yaml'), 'utf8'),
      'compare.yaml',
    );
    expect(compare.strategies.map((x) => x.name)).toEqual(['fixed', 'fixed-tuned']);
    expect(compare.strategies[1].params.intervalS).toBe(
      json.scopes[0].best.values['strategies.0.params.intervalS'],
    );
    expect(compare.tune).toBeUndefined();
  });

  it('exits 2 naming the file when the scenario has no tune: block', () => {
    const file = join(dir, 'plain.yaml');
    writeFileSync(file, 'carriers: [lte-5min]\ngroups: [{ count: 5 }]\nstrategies: [gcm]\n');
    const r = hbsim(['tune', file, '--out', join(dir, 'none')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/plain\.yaml.*tune.*expected a tune: block/);
    expect(r.err).not.toMatch(/at .*\.ts:\d+/);
  });

  it('exits 2 before any run when the budget cannot pay for the start of the search', () => {
    const file = join(dir, 'analytic.yaml');
    const r = hbsim(['tune', file, '--out', join(dir, 'poor'), '--phone-days', '10']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(
      /budget is 10, below what the start of the search costs: 5 candidates × 2 replications × 20 phone-days = 200/,
    );
  });

  it('exits 2 on a bad tune: block, with file, path, expected and found', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, analyticYaml().replace('max: 0.1', 'max: "low"'));
    const r = hbsim(['tune', file, '--out', join(dir, 'bad')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: tune\.constraints\[0\]/);
  });
});
