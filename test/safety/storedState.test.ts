import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, expectRefusal, fixture, tempDir } from './helpers.js';

/**
 * Issue 15, stored state: unit files carry their identity and a checksum; a damaged or
 * foreign one is named and rerun under --resume, refused by merge; report refuses an empty
 * or inconsistent runs.json, naming it.
 */
afterAll(cleanTempDirs);

const QUICK = ['--jobs', '0', '--no-charts', '-q'];
const ALLOW = { HBSIM_ALLOW_PLUGINS: '1' };

/** Multiplies every metric of a unit file by 1000, leaving its checksum as it was. */
function inflate(file: string): void {
  const u = JSON.parse(readFileSync(file, 'utf8'));
  for (const k of Object.keys(u.result.metrics)) u.result.metrics[k] *= 1000;
  writeFileSync(file, JSON.stringify(u));
}

describe('checkpoints are verified on --resume', () => {
  it('a tampered, a foreign and a truncated unit are each named and rerun; the report equals a clean run', async () => {
    const root = tempDir();
    const clean = join(root, 'clean');
    const c = await cli(['run', fixture('mixed.yaml'), ...QUICK, '--out', clean], ALLOW);
    expect(c.code, c.err).toBe(0);
    const cases: [string, (units: string) => void, RegExp][] = [
      ['tampered', (u) => inflate(join(u, 'p0-s0-r0.json')), /checksum does not match/],
      [
        'foreign',
        (u) =>
          copyFileSync(
            join(clean, '..', 'spare', '.units', 'p0-s0-r0.json'),
            join(u, 'p0-s0-r0.json'),
          ),
        /belongs to another run \(scenarioHash/,
      ],
      [
        'truncated',
        (u) =>
          writeFileSync(
            join(u, 'p0-s0-r0.json'),
            readFileSync(join(u, 'p0-s0-r0.json'), 'utf8').slice(0, 200),
          ),
        /not valid JSON/,
      ],
    ];
    // A checkpoint of another run (seed 7) to play the foreign unit.
    await cli(
      ['run', fixture('mixed.yaml'), ...QUICK, '--seed', '7', '--out', join(root, 'spare')],
      {
        ...ALLOW,
        PLUGIN_MODE: 'throws',
      },
    );
    for (const [name, damage, why] of cases) {
      const out = join(root, name);
      const stopped = await cli(['run', fixture('mixed.yaml'), ...QUICK, '--out', out], {
        ...ALLOW,
        PLUGIN_MODE: 'throws',
      });
      expect(stopped.code).toBe(2); // gcm's unit is saved, the module's fails
      damage(join(out, '.units'));
      const resumed = await cli(
        ['run', fixture('mixed.yaml'), ...QUICK, '--out', out, '--resume'],
        ALLOW,
      );
      expect(resumed.code, resumed.err).toBe(0);
      expect(resumed.err).toMatch(
        new RegExp(`not reusing .*p0-s0-r0\\.json: .*${why.source}.*; it will be rerun`),
      );
      expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(
        readFileSync(join(clean, 'summary.json'), 'utf8'),
      );
    }
  });
});

describe('merge refuses damaged shards', () => {
  it('names the unit file that was edited, swapped or cut short', async () => {
    const root = tempDir();
    const shard = join(root, 'shard');
    const s = await cli(['run', fixture('tiny.yaml'), ...QUICK, '--shard', '1/1', '--out', shard]);
    expect(s.code, s.err).toBe(0);
    const ok = await cli(['merge', shard, '--out', join(root, 'ok'), '--no-charts', '-q']);
    expect(ok.code, ok.err).toBe(0);
    const unit = join(shard, 'p0-s0-r0.json');
    const original = readFileSync(unit, 'utf8');
    const damages: [() => void, RegExp][] = [
      [() => inflate(unit), /p0-s0-r0\.json: its checksum does not match/],
      [
        () => copyFileSync(join(shard, 'p0-s1-r0.json'), unit),
        /p0-s0-r0\.json: it belongs to another run \(strategy 1, expected 0\)/,
      ],
      [() => writeFileSync(unit, original.slice(0, 100)), /p0-s0-r0\.json: not valid JSON/],
      [
        () => writeFileSync(join(shard, 'scenario.json'), '{"trunc'),
        /scenario\.json: not valid JSON/,
      ],
    ];
    for (const [damage, why] of damages) {
      damage();
      const r = await cli(['merge', shard, '--out', join(root, 'bad'), '-q']);
      expectRefusal(r, why);
      writeFileSync(unit, original);
    }
  });
});

describe('report refuses an empty or inconsistent runs.json', () => {
  it.each([
    ['runs: []', (d: { runs: unknown[] }) => ({ ...d, runs: [] }), 'it holds no runs'],
    [
      'a run missing',
      (d: { runs: unknown[] }) => ({ ...d, runs: d.runs.slice(1) }),
      'it holds 1 runs, but its scenario has 2 strategies × 1 replications = 2',
    ],
    [
      'a strategy not in the scenario',
      (d: { runs: { strategy: string }[] }) => ({
        ...d,
        runs: d.runs.map((r) => ({ ...r, strategy: 'ghost' })),
      }),
      'runs[0] is of strategy "ghost"',
    ],
  ])('%s', async (_name, edit, why) => {
    const dir = join(tempDir(), 'rep');
    expect((await cli(['run', fixture('tiny.yaml'), ...QUICK, '--out', dir])).code).toBe(0);
    const file = join(dir, 'runs.json');
    writeFileSync(file, JSON.stringify(edit(JSON.parse(readFileSync(file, 'utf8')))));
    const r = await cli(['report', dir, '--no-charts', '-q']);
    expectRefusal(r, `${file}: ${why}`);
  });

  it('a truncated runs.json is named, not a raw JSON error', async () => {
    const dir = join(tempDir(), 'rep');
    expect((await cli(['run', fixture('tiny.yaml'), ...QUICK, '--out', dir])).code).toBe(0);
    const file = join(dir, 'runs.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 500));
    expectRefusal(await cli(['report', dir, '-q']), `${file}: not valid JSON`);
  });
});
