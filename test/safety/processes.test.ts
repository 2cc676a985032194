import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hbsim, removeTempDirs, ROOT, STACK_LINE, tempDir } from '../cli/helpers.js';
import { fixture } from './helpers.js';

/**
 * The handful of attack cases that need a real process: signals, and exit codes as a shell
 * sees them (the rest of the corpus runs in process).
 */
afterAll(removeTempDirs);

const TSX = join(ROOT, 'node_modules/tsx/dist/loader.mjs');

/** Starts hbsim and sends `signals` (one after another) once stderr matches `when`. */
function interrupted(args: string[], when: RegExp, signals: NodeJS.Signals[]) {
  return new Promise<{ code: number | null; err: string }>((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--import', `file://${TSX}`, join(ROOT, 'src/cli/main.ts'), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, HBSIM_DEBUG: '' },
      },
    );
    let err = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      err += d;
      if (!sent && when.test(err)) {
        sent = true;
        for (const [i, s] of signals.entries()) setTimeout(() => child.kill(s), 200 * i);
      }
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, err }));
  });
}

const LONG = [
  fixture('tiny.yaml'),
  '--set',
  'groups.0.count=3000',
  '--duration',
  '7d',
  '--jobs',
  '1',
  '--no-charts',
];

describe('signals and real exit codes', () => {
  it('SIGTERM stops a run like Ctrl-C: exit 130, the previous report untouched, no temp dirs', async () => {
    const root = tempDir();
    const out = join(root, 'report');
    const first = hbsim([
      'run',
      fixture('tiny.yaml'),
      '--out',
      out,
      '--jobs',
      '0',
      '--no-charts',
      '-q',
    ]);
    expect(first.code, first.err).toBe(0);
    const before = readFileSync(join(out, 'summary.json'), 'utf8');
    const r = await interrupted(['run', ...LONG, '--out', out], /estimate:/, ['SIGTERM']);
    expect(r.code, r.err).toBe(130);
    expect(r.err).toContain('interrupted (SIGTERM)');
    expect(readFileSync(join(out, 'summary.json'), 'utf8')).toBe(before);
    expect(readdirSync(root).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('a second signal quits at once, leaving no temp dir', async () => {
    const root = tempDir();
    const out = join(root, 'report');
    const r = await interrupted(['run', ...LONG, '--out', out], /estimate:/, ['SIGINT', 'SIGINT']);
    expect(r.code).toBe(130);
    expect(readdirSync(root).filter((e) => e.includes('.tmp-'))).toEqual([]);
  });

  it('bad inputs as a shell sees them: exit 2, one message, no stack trace, nothing written', () => {
    const root = tempDir();
    writeFileSync(join(root, 'sentinel.txt'), 'keep');
    for (const [args, why] of [
      [
        ['run', fixture('tiny.yaml'), '--set', 'replications=1e9', '--out', join(root, 'a')],
        /refusing to start/,
      ],
      [['run', fixture('plugin.yaml'), '--out', join(root, 'b')], /--allow-plugins/],
      [['run', fixture('tiny.yaml'), '--out', join(root, 'sentinel.txt')], /not a directory/],
    ] as const) {
      const r = hbsim([...args]);
      expect(r.code, r.err).toBe(2);
      expect(r.err).toMatch(why);
      expect(r.err).not.toMatch(STACK_LINE);
    }
    expect(readdirSync(root)).toEqual(['sentinel.txt']);
    expect(existsSync(join(root, 'a'))).toBe(false);
  });
});
