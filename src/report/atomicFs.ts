/**
 * Atomic output: files are written to `<file>.tmp-<pid>` and renamed; a report directory is
 * built whole in `<dir>.tmp-<pid>` and swapped in at the end, so an interrupted run leaves
 * the previous report (or nothing), never half of one.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await mkdir(dirname(file), { recursive: true });
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Entries a report directory may hold; anything else means the directory is not ours. */
export const REPORT_ENTRIES = new Set([
  'summary.json',
  'summary.md',
  'runs.csv',
  'runs.json',
  'timeseries.csv',
  'meta.json',
  'report.html',
  'compare.json',
  'charts',
  // A sweep report (sweepReport.ts): one report per point, and the sweep's index.
  'points',
  'sweep.csv',
  'sweep.json',
]);

async function isDirectory(path: string): Promise<boolean | null> {
  try {
    return (await stat(path)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Throws unless `dir` is absent, empty, or holds only report entries. */
async function assertReplaceable(dir: string): Promise<void> {
  const kind = await isDirectory(dir);
  if (kind === null) return;
  if (!kind) throw new Error(`${dir} exists and is not a directory; choose another output path`);
  const foreign = (await readdir(dir)).filter(
    (e) => !REPORT_ENTRIES.has(e) && !e.includes('.tmp-'),
  );
  if (foreign.length > 0) {
    throw new Error(
      `refusing to replace ${dir}: it holds files that are not part of an hbsim report (${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ', …' : ''}); choose another output directory`,
    );
  }
}

/**
 * Builds a directory with `build(tmpDir)` and puts it in place of `dir`. The old report, if
 * any, is replaced only after the new one is complete; on error the temp dir is removed.
 */
export async function buildDirAtomic(
  dir: string,
  build: (tmpDir: string) => Promise<void>,
): Promise<void> {
  const target = resolve(dir);
  await assertReplaceable(target);
  const tmp = `${target}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await build(tmp);
    if ((await isDirectory(target)) !== null) {
      const old = `${target}.old-${process.pid}`;
      await rm(old, { recursive: true, force: true });
      await rename(target, old);
      try {
        await rename(tmp, target);
      } catch (err) {
        await rename(old, target).catch(() => undefined); // put the previous report back
        throw err;
      }
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, target);
    }
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
