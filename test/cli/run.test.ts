import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hbsim, hbsimInterrupted, removeTempDirs, STACK_LINE, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const TINY = `name: tiny
description: A tiny scenario for the CLI tests.
duration: 2h
replications: 2
carriers: [lte-5min]
groups: [{ count: 20 }]
strategies:
  - gcm
  - { name: fixed-4m, type: fixed, params: { intervalS: 4m } }
`;

function tinyFile(): { dir: string; file: string } {
  const dir = tempDir();
  const file = join(dir, 'tiny.yaml');
  writeFileSync(file, TINY);
  return { dir, file };
}

describe('hbsim run (end to end)', () => {
  it('writes the report and prints summary.json with --json', () => {
    const { dir, file } = tinyFile();
    const out = join(dir, 'report');
    const r = hbsim([
      'run',
      file,
      '--out',
      out,
      '--json',
      '--no-charts',
      '--jobs',
      '0',
      '--seed',
      '3',
    ]);
    expect(r.err).not.toMatch(STACK_LINE);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.out) as {
      schema: string;
      scenario: { name: string; seed: number };
      strategies: { name: string }[];
    };
    expect(summary.schema).toBe('hbsim.summary/1');
    expect(summary.scenario).toMatchObject({ name: 'tiny', seed: 3 });
    expect(summary.strategies.map((s) => s.name)).toEqual(['gcm', 'fixed-4m']);
    for (const f of ['summary.json', 'summary.md', 'runs.csv', 'report.html', 'meta.json']) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(r.out);
    // Not a terminal: one progress line per finished run on stderr.
    // 2 warm-up pilots + 4 runs, + a pilot twice as long for each strategy whose first one
    // had not settled: the last line says "run N/N done" with N from 6 to 8.
    expect(r.err).toMatch(/run ([678])\/\1 done/);
  });

  it('defaults the output to reports/<name>/ in the working directory', () => {
    const { dir, file } = tinyFile();
    const r = hbsim(
      ['run', file, '--quiet', '--no-charts', '--duration', '30m', '--replications', '1'],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toBe('');
    expect(existsSync(join(dir, 'reports', 'tiny', 'summary.json'))).toBe(true);
  });

  it('bad input exits 2 before running', () => {
    const { file } = tinyFile();
    const r = hbsim(['run', file, '--set', 'strategies.0.params.intervalS=-5']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/strategies\[0\]\.params: .*intervalS/);
    expect(r.err).not.toMatch(STACK_LINE);
  });

  it('Ctrl-C stops the run: exit 130 and no report', async () => {
    const { dir, file } = tinyFile();
    const out = join(dir, 'interrupted');
    const r = await hbsimInterrupted(
      [
        'run',
        file,
        '--out',
        out,
        '--duration',
        '7d',
        '--set',
        'groups.0.count=3000',
        '--jobs',
        '1',
      ],
      /→/,
    );
    expect(r.code).toBe(130);
    expect(r.err).toContain('interrupted');
    // No report: the directory holds only hbsim's marker and its checkpoints.
    expect(existsSync(join(out, 'summary.json'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  });
});

describe('hbsim trace', () => {
  it('prints one JSON object per line', () => {
    const { file } = tinyFile();
    const r = hbsim(['trace', file, '--phone', '3', '--strategy', 'fixed-4m', '--until', '30m']);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  it('rejects a phone or strategy the scenario does not have', () => {
    const { file } = tinyFile();
    const phone = hbsim(['trace', file, '--phone', '20']);
    expect(phone.code).toBe(2);
    expect(phone.err).toContain('the scenario has 20 phones');
    const strat = hbsim(['trace', file, '--phone', '0', '--strategy', 'gmc']);
    expect(strat.code).toBe(2);
    expect(strat.err).toContain('did you mean "gcm"?');
  });
});
