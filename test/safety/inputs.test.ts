import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, expectRefusal, fixture, tempDir } from './helpers.js';

/**
 * Issue 15, resources and the smaller items: numbers that were accepted and then exhausted
 * the machine are refused before any work, with the estimate; input is capped before
 * parsing; every bad value gets a message naming the file or field.
 */
afterAll(cleanTempDirs);

const TINY = fixture('tiny.yaml');
/** With --dry-run: should an estimate ever accept one of these, the test fails instead of running it. */
const refused = async (...args: string[]) => {
  const t0 = performance.now();
  const r = await cli(['run', TINY, '--out', join(tempDir(), 'o'), '-q', '--dry-run', ...args]);
  return { ...r, wallS: (performance.now() - t0) / 1000 };
};
const run = async (...args: string[]) => {
  const t0 = performance.now();
  const r = await cli(['run', TINY, '--out', join(tempDir(), 'o'), '-q', ...args]);
  return { ...r, wallS: (performance.now() - t0) / 1000 };
};

describe('a cost estimate before any work', () => {
  it.each([
    [
      ['--set', 'replications=1e9'],
      /refusing to start: it would need about .* of memory \(2000000000 units/,
    ],
    [['--set', 'carriers.0.nat.boxes=1e9'], /refusing to start: it would need about/],
    [['--set', 'groups.0.count=1e9'], /refusing to start: it would need about/],
    [['--set', 'output.bucket=1ms', '--duration', '30d'], /refusing to start: it would need about/],
    [
      ['--set', 'groups.0.count=50000', '--duration', '1000d'],
      /refusing to start: it would simulate about .* events/,
    ],
    [
      ['--set', 'groups.0.apps=[{name: a, pushRatePerHour: 1e12}]'],
      /refusing to start: it would simulate/,
    ],
    [['--set', 'duration=1e12'], /refusing to start/],
  ])('%j is refused in a second with the estimate (exit 2)', async (args, why) => {
    const r = await refused(...args);
    expectRefusal(r, why);
    expect(r.err).toContain('--force');
    expect(r.wallS).toBeLessThan(10);
  });

  it('--max-memory sets the budget; the estimate is in the header', async () => {
    const r = await run('--max-memory', '1M');
    expectRefusal(r, /over the budget of 1\.0 MB \(--max-memory\)/);
    const dry = await cli(['run', TINY, '--dry-run', '--out', join(tempDir(), 'o')]);
    expect(dry.code, dry.err).toBe(0);
    expect(dry.err).toMatch(/estimate: 2 units, ~\d+ events, ~\d+ MB peak memory/);
  });

  it('--force goes on past the budget', async () => {
    const r = await run('--max-memory', '1M', '--force', '--jobs', '0', '--no-charts');
    expect(r.code, r.err).toBe(0);
  });

  it('--jobs is capped at the cores', async () => {
    const r = await cli(['run', TINY, '--dry-run', '--jobs', '999', '--out', join(tempDir(), 'o')]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(
      `--jobs 999: this machine has ${availableParallelism()} cores; using ${availableParallelism()}`,
    );
  });

  it('validate refuses what run would refuse: count 1e9, duration 1e308', async () => {
    expectRefusal(
      await cli(['validate', TINY, '--set', 'groups.0.count=1e9']),
      /hbsim run would refuse to start it/,
    );
    expectRefusal(
      await cli(['validate', TINY, '--set', 'duration=1e308']),
      /duration: 1e\+308 is too large/,
    );
  });
});

describe('input caps, checked before parsing', () => {
  it('a 33 MB JSON with a million groups is refused at once', async () => {
    const file = join(tempDir(), 'huge.json');
    const groups = Array.from({ length: 1_000_000 }, () => '{"count":1,"carrier":"x"}').join(',');
    writeFileSync(file, `{"carriers":["lte-5min"],"strategies":["gcm"],"groups":[${groups}]}`);
    const t0 = performance.now();
    expectRefusal(
      await cli(['validate', file]),
      /huge\.json: the scenario is 2\d\.\d MB, larger than the 1 MB limit/,
    );
    expect((performance.now() - t0) / 1000).toBeLessThan(10);
  });

  it('a list longer than 10 000 items is refused, naming it', async () => {
    const file = join(tempDir(), 'long.json');
    const groups = Array.from({ length: 20_000 }, () => '{"count":1}').join(',');
    writeFileSync(file, `{"carriers":["lte-5min"],"strategies":["gcm"],"groups":[${groups}]}`);
    expectRefusal(await cli(['validate', file]), /long\.json.*groups: a list of 20000 items/);
  });

  it('a 50 000-deep JSON under params is refused, not a stack overflow', async () => {
    const file = join(tempDir(), 'deep.json');
    const deep = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
    writeFileSync(
      file,
      `{"carriers":["lte-5min"],"groups":[{"count":1}],"strategies":[{"type":"fixed","params":${deep}}]}`,
    );
    expectRefusal(await cli(['validate', file]), /deep\.json: nesting deeper than 64 levels/);
    expectRefusal(
      await cli([
        'validate',
        TINY,
        '--set',
        `strategies.0.params.x=${'['.repeat(5000)}${']'.repeat(5000)}`,
      ]),
      /--set strategies\.0\.params\.x=.*nested deeper than 64 levels/,
    );
  });
});

describe('every bad value gets a clear message', () => {
  const json = (name: string, text: string) => {
    const file = join(tempDir(), name);
    writeFileSync(file, text);
    return file;
  };
  const base = '"carriers":["lte-5min"],"groups":[{"count":1}]';

  it('duplicate JSON keys', async () => {
    const f = json('dup.json', `{${base},"strategies":["gcm"],"seed":1,"seed":2}`);
    expectRefusal(await cli(['validate', f]), /dup\.json:1:\d+: duplicate key/);
  });

  it('__proto__ under params', async () => {
    const f = json(
      'proto.json',
      `{${base},"strategies":[{"type":"fixed","params":{"__proto__":{"intervalS":1}}}]}`,
    );
    expectRefusal(
      await cli(['validate', f]),
      /proto\.json.*strategies\[0\]\.params\.__proto__: the key "__proto__" is not allowed/,
    );
  });

  it('pushRatePerHour: "1/0s"', async () => {
    expectRefusal(
      await cli(['validate', TINY, '--set', 'groups.0.apps=[{name: a, pushRatePerHour: 1/0s}]']),
      /groups\[0\]\.apps\[0\]\.pushRatePerHour: expected .*finite \(not per 0 s\), found "1\/0s"/,
    );
  });

  it('{dist: empirical, points: []}', async () => {
    expectRefusal(
      await cli([
        'validate',
        TINY,
        '--set',
        'groups.0.outages={ratePerDay: 1, duration: {dist: empirical, points: []}}',
      ]),
      /groups\[0\]\.outages\.duration/,
    );
  });

  it('extreme finite values (a 1e304 W radio tail)', async () => {
    expectRefusal(
      await cli(['validate', TINY, '--set', 'carriers.0.radio.tails.0.powerW=1e304']),
      /powerW: 1e\+304 is too large/,
    );
  });

  it("--sweep 'p=' says why", async () => {
    expectRefusal(
      await run('--sweep', 'p='),
      '--sweep p=: expected path=v1,v2,… or path=60s..30m x 12',
    );
  });
});
