import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hbsim, removeTempDirs, STACK_LINE, tempDir } from './helpers.js';

afterAll(removeTempDirs);

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

describe('hbsim --help and --version', () => {
  it('help reads like a Unix tool: usage, commands, examples, exit status', () => {
    const r = hbsim(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: hbsim \[options\] \[command\]/);
    for (const cmd of ['run', 'validate', 'list', 'init', 'trace', 'schema'])
      expect(r.out).toContain(`  ${cmd} `);
    expect(r.out).toContain('Examples:');
    expect(r.out).toContain('Exit status: 0 ok, 1 run failed, 2 bad input');
  });

  it('every command has help with examples', () => {
    for (const cmd of ['run', 'validate', 'list', 'init', 'trace', 'schema']) {
      const r = hbsim([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.out, cmd).toContain(`Usage: hbsim ${cmd}`);
      expect(r.out, cmd).toMatch(/Examples?:/);
    }
  });

  it('--version prints the package version', () => {
    const r = hbsim(['--version']);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(pkg.version);
  });

  it('bad commands and flags exit 2 with a message, not a stack trace', () => {
    for (const args of [
      ['frobnicate'],
      ['run', '--seed', 'abc'],
      ['run', '--bogus'],
      ['list', 'things'],
      ['trace', 'x.yaml'],
    ]) {
      const r = hbsim(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(/^hbsim: /);
      expect(r.err).not.toMatch(STACK_LINE);
    }
    expect(hbsim(['frobnicate']).err).toContain("unknown command 'frobnicate'");
  });
});

describe('hbsim validate', () => {
  it('accepts every shipped scenario', () => {
    const files = readdirSync('scenarios')
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join('scenarios', f));
    const r = hbsim(['validate', ...files]);
    expect(r.code).toBe(0);
    for (const f of files) expect(r.out).toContain(`ok ${f}:`);
  });

  it('rejects a bad file with exit 2, file:line:col, path and hint', () => {
    const dir = tempDir();
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      'carriers:\n  - name: c\n    nat:\n      idelTimeout: 5m\ngroups: [{ count: 1 }]\nstrategies: [gcm]\n',
    );
    const r = hbsim(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `${file}:4:7: carriers[0].nat.idelTimeout: unknown key (did you mean "idleTimeout"?)`,
    );
    expect(r.err).not.toMatch(STACK_LINE);
  });

  it('reports each file and fails if any is bad', () => {
    const dir = tempDir();
    const good = join(dir, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ carriers: ['lte-5min'], groups: [{ count: 3 }], strategies: ['gcm'] }),
    );
    const r = hbsim(['validate', good, join(dir, 'missing.yaml')]);
    expect(r.code).toBe(2);
    expect(r.out).toContain(`ok ${good}: good, 3 phones`);
    expect(r.err).toContain('missing.yaml: cannot read the scenario: no such file');
    expect(r.err).toContain('1 of 2 scenarios invalid');
  });

  it('--set is validated and blamed on the argument', () => {
    const r = hbsim(['validate', 'scenarios/five-min-nat.yaml', '--set', 'groups.0.count=lots']);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      '--set groups.0.count=lots: groups[0].count: expected an integer, found "lots"',
    );
  });
});

describe('hbsim list', () => {
  it.each([
    ['strategies', ['fixed', 'gcm', 'smart', 'microg']],
    ['presets', ['lte-5min', 'wifi-home', 'mixed-world', 'umts3g']],
    ['metrics', ['reconnectsPerPhoneDay', 'pushLatencyP95S']],
  ])('%s: names, descriptions and sources', (what, names) => {
    const r = hbsim(['list', what]);
    expect(r.code).toBe(0);
    for (const n of names) expect(r.out).toMatch(new RegExp(`^  ${n} +\\S`, 'm'));
    expect(r.out.match(/source: /g)?.length).toBeGreaterThanOrEqual(names.length);
  });

  it('--json', () => {
    const r = hbsim(['list', 'strategies', '--json']);
    const parsed = JSON.parse(r.out) as { items: { name: string; source: string }[] }[];
    expect(parsed[0].items.find((i) => i.name === 'gcm')?.source).toContain('Chromium');
  });
});

describe('hbsim init', () => {
  it('writes a starter that validates, and refuses to overwrite it', () => {
    const dir = tempDir();
    const first = hbsim(['init'], dir);
    expect(first.code).toBe(0);
    const file = join(dir, 'scenario.yaml');
    expect(readFileSync(file, 'utf8')).toMatch(/^# An hbsim scenario/);
    expect(hbsim(['validate', file]).code).toBe(0);
    const again = hbsim(['init'], dir);
    expect(again.code).toBe(2);
    expect(again.err).toContain('scenario.yaml already exists; use --force');
    expect(hbsim(['init', '--force'], dir).code).toBe(0);
  });

  it('"-" writes to stdout', () => {
    const r = hbsim(['init', '-']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('strategies:');
  });
});

describe('hbsim schema', () => {
  it('prints a JSON Schema with the top-level fields', () => {
    const r = hbsim(['schema']);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.out) as { $schema: string; properties: Record<string, unknown> };
    expect(schema.$schema).toContain('json-schema.org');
    for (const key of ['carriers', 'groups', 'strategies', 'duration', 'sweep'])
      expect(schema.properties).toHaveProperty(key);
  });
});

describe('an example writes nowhere it should not', () => {
  it('validate and list leave the working directory alone', () => {
    const dir = tempDir();
    hbsim(['list', 'presets'], dir);
    hbsim(['schema'], dir);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
