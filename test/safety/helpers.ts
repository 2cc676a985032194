import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (name: string) => join(FIXTURES, name);

/** A stack trace line, which a user error must never show. */
export const STACK_LINE = /^\s+at .+[:(]/m;

export interface Outcome {
  code: number;
  out: string;
  err: string;
}

/** hbsim in this process (the program object, fake streams): milliseconds per bad input. */
export async function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<Outcome> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: false,
    errStream: process.stderr,
  };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    const code = await runCli(['node', 'hbsim', ...args], io);
    return { code, out, err };
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** A refusal as the issue asks: exit 2, one clear message naming `what`, no stack trace. */
export function expectRefusal(r: Outcome, what: RegExp | string): void {
  expect(r.code, r.err).toBe(2);
  expect(r.err).toMatch(typeof what === 'string' ? new RegExp(escapeRegExp(what)) : what);
  expect(r.err).not.toMatch(STACK_LINE);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const made: string[] = [];

/** A fresh temp dir (removed by cleanTempDirs). */
export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hbsim-safety-'));
  made.push(d);
  return d;
}

export function cleanTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/**
 * A user's files around an output path: `sentinel.txt` next to `out` and, when `inside`,
 * `out/` as the user's own directory with `sentinel.txt` in it.
 */
export function sentinels(root: string, out: string, inside: boolean): () => void {
  const next = join(root, 'sentinel.txt');
  writeFileSync(next, 'next to --out');
  const within = join(out, 'sentinel.txt');
  if (inside) {
    mkdirSync(out, { recursive: true });
    writeFileSync(within, 'inside --out');
  }
  return () => {
    expect(readFileSync(next, 'utf8')).toBe('next to --out');
    if (inside) expect(readFileSync(within, 'utf8')).toBe('inside --out');
  };
}

export { existsSync, resolve };
