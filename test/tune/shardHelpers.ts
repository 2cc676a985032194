import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { analyticYaml } from './helpers.js';

/** The small analytic tune the shard tests run (18 runs of 15 phones, 12 h). */
export function writeShardScenario(dir: string): string {
  const file = join(dir, 'analytic.yaml');
  writeFileSync(
    file,
    analyticYaml('  initialPoints: 4\n  resolution: 0.12\n').replace('count: 40', 'count: 15'),
  );
  return file;
}

/** `hbsim tune FILE --out OUT -j 0 --no-charts ...more`. */
export function tuneArgs(file: string, out: string, ...more: string[]): string[] {
  return ['tune', file, '--out', out, '-j', '0', '--no-charts', ...more];
}

const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const ENV = { ...process.env, HBSIM_DEBUG: '', FORCE_COLOR: '0' };

export interface Outcome {
  code: number | null;
  out: string;
  err: string;
}

export interface Child {
  proc: ChildProcess;
  done: Promise<Outcome>;
}

/** hbsim as a real child process (through tsx, from source), started now. */
export function start(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    env: ENV,
  });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d) => {
    out += d;
  });
  proc.stderr!.on('data', (d) => {
    err += d;
  });
  const done = new Promise<Outcome>((ok, fail) => {
    proc.on('error', fail);
    proc.on('close', (code) => ok({ code, out, err }));
  });
  return { proc, done };
}

/** Starts the shards at once (they race to create the shared directory, as on a cluster). */
export function startShards(argsOf: (k: number) => string[], n: number): Child[] {
  return Array.from({ length: n }, (_, i) => start(argsOf(i + 1)));
}

export function files(d: string): string[] {
  return readdirSync(d).sort();
}

/** Every file of two report directories, byte for byte. */
export function expectSameReport(a: string, b: string): void {
  expect(files(b)).toEqual(files(a));
  for (const f of files(a)) expect(readFileSync(join(b, f)), f).toEqual(readFileSync(join(a, f)));
}
