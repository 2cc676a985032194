import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, existsSync, fixture, STACK_LINE, tempDir } from './helpers.js';

/**
 * Property-based attack on `hbsim run`: generated bad `--set` values on every path of a
 * scenario, and generated flag sets (numbers, shards, budgets, sweeps, output paths). Every
 * case must end in exit 2 with a message naming the file, flag or field, or be accepted as
 * valid (exit 0) — never exit 1, never a stack trace — and a sentinel file next to --out
 * (and inside it, when --out is the user's own directory) must survive.
 *
 * Cases run in this process through the CLI's program object with --dry-run, which runs
 * every check a real run makes before its first simulated event and then stops; a few dozen
 * run for real (--jobs 0, a 5-phone hour). HBSIM_FUZZ_RUNS scales the count.
 */
afterAll(cleanTempDirs);

const TINY = fixture('tiny.yaml');
const SCALE = Number(process.env.HBSIM_FUZZ_RUNS ?? 1);
const tally = { tried: 0, refused: 0, accepted: 0 };

type Path = (string | number)[];
function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  }
  return out;
}

/** Every path of the tiny scenario and of a few fields it leaves to defaults. */
const PATHS = [
  ...paths(parseYaml(readFileSync(TINY, 'utf8'))).map((p) => p.join('.')),
  'seed',
  'warmup',
  'startSpread',
  'handshakeRtts',
  'baseline',
  'output.bucket',
  'output.dir',
  'output.tracePhone',
  'server.keepalive',
  'carriers.0.nat.boxes',
  'carriers.0.nat.timeout',
  'carriers.0.radio',
  'groups.0.apps',
  'groups.0.outages',
  'groups.0.battery.capacityMah',
  'strategies.1.params.intervalS',
  'strategies.2',
  'events',
  'sweep',
  'nosuch.key',
  'groups.99.count',
  'strategies.-1',
  '__proto__.x',
  'groups..count',
];

/** Values a careless or hostile user types: wrong type, sign, size, unit, structure. */
const BAD_VALUES = [
  '-1',
  '-0.5',
  'abc',
  '1e309',
  '-1e309',
  '1e18',
  '.nan',
  '.inf',
  '-.inf',
  '1/0s',
  '0/0',
  '5/0',
  '[]',
  '{}',
  '[1, [2, [3]]]',
  '{a: {b: {c: 1}}}',
  'null',
  '~',
  '""',
  `${'['.repeat(80)}${']'.repeat(80)}`,
  '{__proto__: {polluted: 1}}',
  '{constructor: 1}',
  './evil.mjs',
  '/etc/passwd.js',
  '../../../tmp/x',
  '1h30x',
  '30 m',
  '-5m',
  '1e-320',
  '99999999999999999999999',
  '0x10',
  'true',
  '{dist: empirical, points: []}',
  '{dist: uniform, min: 5m, max: 1m}',
  '{dist: normal, mean: -1, sd: -1}',
  '"\u0000"',
  '"\u202e"',
  '*alias',
  '&a [*a]',
  '!!js/function "x"',
];

const setArg = fc
  .tuple(fc.constantFrom(...PATHS), fc.constantFrom(...BAD_VALUES))
  .map(([p, v]) => `${p}=${v}`);

const NUMBERISH = [
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e9',
  '1e309',
  'NaN',
  'Infinity',
  'abc',
  '9'.repeat(30),
  '0x10',
  '--',
];
const flag = fc.oneof(
  fc.constantFrom(...NUMBERISH).map((v) => ['--seed', v]),
  fc.constantFrom(...NUMBERISH).map((v) => ['--replications', v]),
  fc.constantFrom(...NUMBERISH, '1000d', '1ms', '-5m', '1h30x').map((v) => ['--duration', v]),
  fc.constantFrom(...NUMBERISH, '999').map((v) => ['--jobs', v]),
  fc
    .constantFrom('0/1', '2/1', '1/0', '1/2/3', 'a/b', '1', '/', '-1/2', '1/1e9')
    .map((v) => ['--shard', v]),
  fc.constantFrom('0', '1', 'x', '-1G', '1e99T', '4Q', '').map((v) => ['--max-memory', v]),
  fc.constantFrom('0', '-1s', 'x', '1e309').map((v) => ['--plugin-timeout', v]),
  fc
    .constantFrom(
      'p=',
      '=1',
      'x',
      'strategies.0.type=a.mjs,b.mjs',
      'seed=1..1e12 x 1e9',
      'duration=1,-1',
      'replications=1e9,2',
    )
    .map((v) => ['--sweep', v]),
  setArg.map((v) => ['--set', v]),
  fc.constantFrom('--no-such-flag', '-z', '--resume=yes').map((v) => [v]),
);

type OutKind =
  | 'fresh'
  | 'foreign'
  | 'file'
  | 'empty-string'
  | 'root'
  | 'cwd'
  | 'proc'
  | 'nested-under-file';
const outKind = fc.constantFrom<OutKind>(
  'fresh',
  'fresh',
  'fresh',
  'foreign',
  'file',
  'empty-string',
  'root',
  'cwd',
  'proc',
  'nested-under-file',
);

interface Layout {
  out: string;
  check: () => void;
}

/** A temp dir with the user's sentinel files around the output path of `kind`. */
function layout(kind: OutKind): Layout {
  const root = tempDir();
  writeFileSync(join(root, 'sentinel.txt'), 'next to --out');
  const mine = join(root, 'mine');
  let out = join(root, 'out');
  if (kind === 'foreign') {
    mkdirSync(mine);
    writeFileSync(join(mine, 'sentinel.txt'), 'inside --out');
    out = mine;
  } else if (kind === 'file') out = join(root, 'sentinel.txt');
  else if (kind === 'nested-under-file') out = join(root, 'sentinel.txt', 'x');
  else if (kind === 'empty-string') out = '';
  else if (kind === 'root') out = '/';
  else if (kind === 'cwd') out = '.';
  else if (kind === 'proc') out = '/proc/hbsim-fuzz';
  return {
    out,
    check: () => {
      expect(readFileSync(join(root, 'sentinel.txt'), 'utf8')).toBe('next to --out');
      if (kind === 'foreign') {
        expect(readFileSync(join(mine, 'sentinel.txt'), 'utf8')).toBe('inside --out');
        expect(readdirSync(mine)).toEqual(['sentinel.txt']);
      }
      expect(existsSync('/.units')).toBe(false);
    },
  };
}

/** What the issue asks of every bad input. */
function judge(code: number, err: string): void {
  tally.tried++;
  expect([0, 2], err).toContain(code);
  expect(err).not.toMatch(STACK_LINE);
  expect(err).not.toMatch(/run failed|TypeError|RangeError|Maximum call stack/);
  if (code === 2) {
    tally.refused++;
    // Names what to fix: the scenario file, the flag or --set argument, or the field.
    expect(err).toMatch(/tiny\.yaml|--[a-z]|option|argument|hbsim: .+/);
  } else tally.accepted++;
}

describe('fuzz: bad flags and --set values end cleanly', () => {
  it('generated --set values on every path (dry run, in process)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(setArg, { minLength: 1, maxLength: 3 }),
        outKind,
        async (sets, kind) => {
          const l = layout(kind);
          const r = await cli([
            'run',
            TINY,
            '--dry-run',
            '-q',
            '--out',
            l.out,
            ...sets.flatMap((s) => ['--set', s]),
          ]);
          judge(r.code, r.err);
          l.check();
        },
      ),
      { numRuns: 500 * SCALE, seed: 15 },
    );
  });

  it('generated flag sets (dry run, in process)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(flag, { minLength: 1, maxLength: 4 }),
        outKind,
        async (flags, kind) => {
          const l = layout(kind);
          const r = await cli(['run', TINY, '--dry-run', '-q', '--out', l.out, ...flags.flat()]);
          judge(r.code, r.err);
          l.check();
        },
      ),
      { numRuns: 500 * SCALE, seed: 1515 },
    );
  });

  it('generated bad scenario files (validate, in process)', async () => {
    const doc = parseYaml(readFileSync(TINY, 'utf8'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PATHS),
        fc.constantFrom(...BAD_VALUES),
        fc.boolean(),
        async (path, value, asJson) => {
          const root = tempDir();
          const file = join(root, asJson ? 'tiny.json' : 'tiny.yaml');
          const text = JSON.stringify(doc, null, 1);
          // The bad value spliced in as text, so it is parsed as the file format reads it.
          const key = path.split('.').pop()!;
          const body = asJson
            ? text.replace(/\n}$/, `,\n "${key}": ${JSON.stringify(value)}\n}`)
            : `${readFileSync(TINY, 'utf8')}\n${key}: ${value}\n`;
          writeFileSync(file, body);
          const r = await cli(['validate', file]);
          tally.tried++;
          expect([0, 2]).toContain(r.code);
          expect(r.err).not.toMatch(STACK_LINE);
          if (r.code === 2) {
            tally.refused++;
            expect(r.err).toContain(file);
          } else tally.accepted++;
        },
      ),
      { numRuns: 200 * SCALE, seed: 151515 },
    );
  });

  it('a few cases run for real: refused or a report, never a lost file', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(setArg, { minLength: 1, maxLength: 2 }),
        outKind,
        async (sets, kind) => {
          const l = layout(kind);
          const r = await cli([
            'run',
            TINY,
            '--jobs',
            '0',
            '--no-charts',
            '-q',
            '--out',
            l.out,
            ...sets.flatMap((s) => ['--set', s]),
          ]);
          judge(r.code, r.err);
          l.check();
        },
      ),
      { numRuns: 30, seed: 7 },
    );
    // For the closing note of issue 15 (the count of bad inputs and how they ended).
    console.log(
      `fuzz: ${tally.tried} generated inputs: ${tally.refused} refused with exit 2, ${tally.accepted} valid and accepted, 0 other`,
    );
  }, 120_000);
});
