import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hbsim, hbsimInterrupted, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

/** The knee sweep, shrunk: 8 points × 1 strategy × 3 replications = 24 units, plus 8 warm-up pilots. */
const KNEE = [
  'scenarios/knee.yaml',
  '--set',
  'groups.0.count=60',
  '--duration',
  '3h',
  '--no-charts',
];

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
const doneLines = (err: string) => err.split('\n').filter((l) => /^run \d+\/\d+ done/.test(l));

describe('experiments from the command line', () => {
  it('a sweep killed midway resumes, reruns only the missing units, and equals an uninterrupted run', async () => {
    const whole = join(tempDir(), 'whole');
    const w = hbsim(['run', ...KNEE, '--out', whole, '--jobs', '1']);
    expect(w.code, w.err).toBe(0);
    // Every unit and pilot of the sweep: measured runs, level-0 pilots, and the longer
    // pilots of strategies whose first had not settled (the last line says N/N).
    const total = Number(/run (\d+)\/\1 done/.exec(w.err)?.[1]);
    expect(total).toBeGreaterThanOrEqual(32);
    expect(doneLines(w.err)).toHaveLength(total);

    const out = join(tempDir(), 'resumed');
    const killed = await hbsimInterrupted(
      ['run', ...KNEE, '--out', out, '--jobs', '1'],
      /run 6\/\d+ done/,
    );
    expect(killed.code).toBe(130);
    expect(existsSync(join(out, 'sweep.json'))).toBe(false); // no half report
    const saved = readdirSync(join(out, '.units')).filter((f) =>
      /^p\d+-s\d+-(r\d+|pilot\d+)\.json$/.test(f),
    );
    expect(saved.length).toBeGreaterThanOrEqual(6);
    expect(saved.length).toBeLessThan(total);

    const resumed = hbsim(['run', ...KNEE, '--out', out, '--jobs', '1', '--resume']);
    expect(resumed.code, resumed.err).toBe(0);
    expect(doneLines(resumed.err)).toHaveLength(total - saved.length);
    expect(read(out, 'sweep.json')).toBe(read(whole, 'sweep.json'));
    expect(existsSync(join(out, '.units'))).toBe(false); // checkpoints removed once the report is written
  }, 240_000);

  it('--jobs 1 and --jobs 2 give byte-identical summary.json', () => {
    const args = [
      'run',
      'scenarios/five-min-nat.yaml',
      '--set',
      'groups.0.count=80',
      '-d',
      '4h',
      '-r',
      '2',
      '--no-charts',
      '-q',
    ];
    const a = join(tempDir(), 'j1');
    const b = join(tempDir(), 'j2');
    const one = hbsim([...args, '--out', a, '--jobs', '1']);
    expect(one.code, one.err).toBe(0);
    const two = hbsim([...args, '--out', b, '--jobs', '2']);
    expect(two.code, two.err).toBe(0);
    expect(read(b, 'summary.json')).toBe(read(a, 'summary.json'));
  }, 240_000);

  it('shards merged give the same report as one run; an incomplete merge is refused', () => {
    const base = tempDir();
    const args = [
      'run',
      'scenarios/five-min-nat.yaml',
      '--set',
      'groups.0.count=40',
      '-d',
      '2h',
      '-r',
      '2',
      '--no-charts',
      '-q',
    ];
    const whole = join(base, 'whole');
    expect(hbsim([...args, '--out', whole, '--jobs', '1']).code).toBe(0);
    const shards = [1, 2, 3].map((i) => join(base, `shard${i}`));
    shards.forEach((dir, i) => {
      const r = hbsim([...args, '--shard', `${i + 1}/3`, '--out', dir, '--jobs', '1']);
      expect(r.code, r.err).toBe(0);
    });
    const partial = hbsim(['merge', shards[0], shards[1], '--out', join(base, 'partial')]);
    expect(partial.code).toBe(2);
    expect(partial.err).toMatch(/units are missing/);
    const merged = join(base, 'merged');
    const m = hbsim(['merge', ...shards, '--out', merged, '--no-charts']);
    expect(m.code, m.err).toBe(0);
    expect(read(merged, 'summary.json')).toBe(read(whole, 'summary.json'));
  }, 240_000);

  it('--sweep sweeps a field and writes one report per point plus sweep.csv', () => {
    const out = join(tempDir(), 'sweep');
    const r = hbsim([
      'run',
      'scenarios/five-min-nat.yaml',
      '--set',
      'groups.0.count=20',
      '-d',
      '1h',
      '-r',
      '1',
      '--no-charts',
      '-q',
      '--sweep',
      'strategies.0.params.intervalS=120,240',
      '--out',
      out,
      '--jobs',
      '1',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(readdirSync(join(out, 'points'))).toEqual(['00', '01']);
    const csv = read(out, 'sweep.csv').trim().split('\n');
    expect(csv[0]).toContain('strategies.0.params.intervalS');
    expect(csv.some((l) => l.startsWith('1,') && l.includes(',240,'))).toBe(true);
    const bad = hbsim(['run', 'scenarios/five-min-nat.yaml', '--sweep', 'nonsense', '-q']);
    expect(bad.code).toBe(2);
  }, 240_000);
});
