#!/usr/bin/env node
/**
 * Regenerates reports/examples/default/: the built-in default scenario's summary.md and its
 * figures in the paper style (SVG with real text), so a reader sees results before
 * installing anything. Run with `npm run examples` (it builds first); commit the result.
 * The new example is written next to the old one and swapped in only when complete.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'reports', 'examples', 'default');
const work = join(root, 'reports', 'examples', '.default-work.tmp');
const fresh = join(root, 'reports', 'examples', '.default-new.tmp');
const old = join(root, 'reports', 'examples', '.default-old.tmp');

for (const d of [work, fresh, old]) rmSync(d, { recursive: true, force: true });
const started = process.hrtime.bigint();
execFileSync(
  process.execPath,
  [join(root, 'dist/src/cli/main.js'), 'run', '--style', 'paper', '--out', work, '--quiet'],
  { cwd: root, stdio: 'inherit' },
);
const wallS = Number(process.hrtime.bigint() - started) / 1e9;

mkdirSync(join(fresh, 'charts'), { recursive: true });
cpSync(join(work, 'summary.md'), join(fresh, 'summary.md'));
for (const f of readdirSync(join(work, 'charts')).filter((x) => x.endsWith('.svg')).sort()) {
  cpSync(join(work, 'charts', f), join(fresh, 'charts', f));
}
if (existsSync(target)) renameSync(target, old);
renameSync(fresh, target);
for (const d of [work, old]) rmSync(d, { recursive: true, force: true });
console.log(`reports/examples/default/ written (hbsim run took ${wallS.toFixed(0)} s wall)`);
