import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, cli, expectRefusal, fixture, STACK_LINE, tempDir } from './helpers.js';

/**
 * Issue 15, plugins: a scenario's strategy module is code. It runs only when allowed, every
 * value it returns is checked with the strategy's name, and a module that exits or hangs
 * ends the run with a clear error and exit 1 whether or not --jobs 0 was asked for.
 */
afterAll(cleanTempDirs);

const PLUGIN = fixture('plugin.yaml');
const MODULE = fixture('modePlugin.mjs');

async function runPlugin(mode: string, more: string[] = [], allow = true) {
  const root = tempDir();
  const ran = join(root, 'ran.txt');
  const r = await cli(['run', PLUGIN, '--out', join(root, 'out'), '--no-charts', '-q', ...more], {
    PLUGIN_MODE: mode,
    PLUGIN_RAN: ran,
    HBSIM_ALLOW_PLUGINS: allow ? '1' : undefined,
  });
  return { ...r, ran: existsSync(ran), out: join(root, 'out') };
}

describe('plugins are code, and say so', () => {
  it('without --allow-plugins: exit 2 naming the module, and the module never ran', async () => {
    const r = await runPlugin('ok', [], false);
    expectRefusal(r, MODULE);
    expect(r.err).toContain('--allow-plugins');
    expect(r.ran).toBe(false);
  });

  it('trace needs the same permission', async () => {
    const r = await cli(['trace', PLUGIN, '--phone', '0'], { HBSIM_ALLOW_PLUGINS: undefined });
    expectRefusal(r, MODULE);
  });

  it('validate loads nothing', async () => {
    const ran = join(tempDir(), 'ran.txt');
    const r = await cli(['validate', PLUGIN], { PLUGIN_RAN: ran });
    expect(r.code, r.err).toBe(0);
    expect(existsSync(ran)).toBe(false);
  });

  it('with --allow-plugins (or HBSIM_ALLOW_PLUGINS=1) a well-behaved module runs', async () => {
    const flag = await runPlugin('ok', ['--allow-plugins', '--jobs', '1'], false);
    expect(flag.code, flag.err).toBe(0);
    expect(flag.ran).toBe(true);
    const env = await runPlugin('ok', ['--jobs', '0']);
    expect(env.code, env.err).toBe(0);
    expect(readFileSync(join(env.out, 'summary.json'), 'utf8')).toContain('"mine"');
  });

  it.each([
    [
      'string',
      /strategy "mine" \(.*modePlugin\.mjs\): nextInterval\(\) must return a number of seconds, found string "300"/,
    ],
    [
      'nan',
      /strategy "mine" .*nextInterval\(\) must return a finite number of seconds .*found NaN/,
    ],
    ['negative', /strategy "mine" .*nextInterval\(\) must return a finite number .*found -5/],
    [
      'ack-infinite',
      /strategy "mine" .*ackTimeoutS\(\) must return a finite number .*found Infinity/,
    ],
    ['throws', /strategy "mine" .*nextInterval\(\) threw: no interval today/],
  ])(
    'a module whose answer is wrong (%s): exit 2, the strategy named, no report',
    async (mode, why) => {
      for (const jobs of ['0', '1']) {
        const r = await runPlugin(mode, ['--jobs', jobs]);
        expectRefusal(r, why);
        expect(existsSync(join(r.out, 'summary.json'))).toBe(false);
      }
    },
  );

  it('a module that fails to import: the same exit code with and without workers', async () => {
    const codes = [];
    for (const jobs of ['0', '1']) {
      const r = await runPlugin('import-throws', ['--jobs', jobs]);
      expectRefusal(r, /modePlugin\.mjs failed to load: boom at import time/);
      codes.push(r.code);
    }
    expect(codes).toEqual([2, 2]);
  });

  it('a module calling process.exit ends the run with exit 1 and a clear error, with or without workers', async () => {
    for (const jobs of ['0', '1']) {
      const r = await runPlugin('exit', ['--jobs', jobs]);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(
        /strategy "mine"\) ended with exit code 0 before finishing: a strategy module called process\.exit\(\)/,
      );
      expect(r.err).not.toMatch(STACK_LINE);
      expect(existsSync(join(r.out, 'summary.json'))).toBe(false);
    }
  });

  it('a module that never returns is stopped after --plugin-timeout (exit 1), with or without workers', async () => {
    for (const jobs of ['0', '1']) {
      const r = await runPlugin('hang', ['--jobs', jobs, '--plugin-timeout', '1s']);
      expect(r.code, r.err).toBe(1);
      expect(r.err).toMatch(
        /strategy "mine" did not return from a call into its module within 1 s/,
      );
      expect(r.err).not.toMatch(STACK_LINE);
    }
  });
});
