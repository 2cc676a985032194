import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The repository root (tests run from it). */
export const ROOT = resolve('.');

/**
 * `hbsim` run from source through tsx, as a child process (exit codes and streams are real).
 * tsx's loader is named by absolute URL so that commands can run in any working directory.
 */
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const CLI = ['--import', TSX, join(ROOT, 'src/cli/main.ts')];

export interface CliResult {
  code: number | null;
  out: string;
  /** stderr, plus the signal or spawn error when the process did not exit by itself. */
  err: string;
}

const ENV = { ...process.env, HBSIM_DEBUG: '', FORCE_COLOR: '0' };

export function hbsim(args: string[], cwd = ROOT): CliResult {
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [...CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: ENV,
    timeout: 120_000,
  });
  let err = r.stderr ?? '';
  if (r.signal) err += `\n[killed by ${r.signal}]`;
  if (r.error) err += `\n[spawn error: ${r.error.message}]`;
  return { code: r.status, out: r.stdout, err };
}

/** Starts hbsim and sends SIGINT once stderr contains `when`. */
export function hbsimInterrupted(args: string[], when: RegExp): Promise<CliResult> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd: ROOT, env: ENV });
    let out = '';
    let err = '';
    let sent = false;
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
      if (!sent && when.test(err)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.on('error', fail);
    child.on('close', (code) => done({ code, out, err }));
  });
}

const made: string[] = [];

/** A fresh directory under the OS temp dir, removed by removeTempDirs(). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hbsim-cli-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A stack trace line, which a user error must never show. */
export const STACK_LINE = /^\s+at .+[:(]/m;
