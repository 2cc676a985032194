/**
 * Which directories are hbsim's. Every directory hbsim creates (a report, a checkpoint
 * directory, a shard's output, a temporary build directory) holds a marker file naming the
 * run that made it and the files it wrote. Nothing is replaced or deleted unless its marker
 * says it is ours and every file in it is one we wrote: a user's thesis.tex that happens to
 * sit in (or be named like a part of) a report stops the run instead of being lost.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { hbsimVersion } from '../version.js';

export const MARKER = '.hbsim.json';
export const MARKER_SCHEMA = 'hbsim.dir/1';

/**
 * report: a report (run, merge, compare); its marker lists its files.
 * checkpoint / shard: finished units of a run (files named by unit key) and scenario.json.
 * temp: a report being built (`<dir>.tmp-<pid>`), removable once its process is gone.
 */
export type DirKind = 'report' | 'checkpoint' | 'shard' | 'temp';

export interface DirMarker {
  schema: typeof MARKER_SCHEMA;
  kind: DirKind;
  hbsimVersion: string;
  /** The run that made the directory: scenario name and hash when known. */
  scenario?: string;
  hash?: string;
  /** The process that is building a temp directory. */
  pid?: number;
  /** Files of a report, relative paths with '/' (the marker itself excluded). */
  files?: string[];
}

/** An output path hbsim may not use (exit 2, before any work). */
export class OutputPathError extends Error {
  override name = 'OutputPathError';
}

export function markerFor(
  kind: DirKind,
  identity: { scenario?: string; hash?: string } = {},
  extra: Partial<DirMarker> = {},
): DirMarker {
  return { schema: MARKER_SCHEMA, kind, hbsimVersion: hbsimVersion(), ...identity, ...extra };
}

export function markerText(marker: DirMarker): string {
  return `${JSON.stringify(marker, null, 2)}\n`;
}

/** The marker of `dir`, or undefined when there is none or it is not one of ours. */
export async function readMarker(dir: string): Promise<DirMarker | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MARKER), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const m = JSON.parse(text) as Partial<DirMarker>;
    const kinds: DirKind[] = ['report', 'checkpoint', 'shard', 'temp'];
    if (m.schema !== MARKER_SCHEMA || !kinds.includes(m.kind as DirKind)) return undefined;
    if (m.files !== undefined && !Array.isArray(m.files)) return undefined;
    return m as DirMarker;
  } catch {
    return undefined;
  }
}

/** `null`: nothing there; otherwise whether it is a directory. */
export async function pathKind(path: string): Promise<'dir' | 'other' | null> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'other';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') return 'other';
    throw err;
  }
}

/** Every file under `dir` (relative, '/'-separated), directories descended. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  await walk(dir);
  return out.sort();
}

/**
 * Names a checkpoint or shard directory may hold besides its marker: units, a shard's
 * scenario.json, and a sharded tune's manifest and done markers (src/tune/shard.ts).
 */
const UNIT_DIR_FILE =
  /^(p\d+-s\d+-(?:r\d+|pilot\d+)(?:-part\d+of\d+)?\.json|scenario\.json|tune-shards\.json|tune-shard-\d+of\d+\.done)(\.tmp-\d+)?$/;

/**
 * Files in an hbsim directory that hbsim did not write there (relative paths). A report
 * may hold a checkpoint directory of its own run (`.units/`), itself checked the same way.
 */
export async function foreignFiles(dir: string, marker: DirMarker): Promise<string[]> {
  const foreign: string[] = [];
  if (marker.kind === 'checkpoint' || marker.kind === 'shard') {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      if (e.name === MARKER) continue;
      if (!e.isFile() || !UNIT_DIR_FILE.test(e.name)) foreign.push(e.name);
    }
    return foreign.sort();
  }
  const listed = new Set(marker.files ?? []);
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name === MARKER) continue;
    if (e.name === CHECKPOINT_SUBDIR && e.isDirectory()) {
      const inner = await readMarker(join(dir, e.name));
      if (inner?.kind === 'checkpoint') {
        const bad = await foreignFiles(join(dir, e.name), inner);
        foreign.push(...bad.map((f) => `${e.name}/${f}`));
      } else foreign.push(`${e.name}/`);
      continue;
    }
    if (e.isDirectory()) {
      for (const f of await listFiles(join(dir, e.name))) {
        if (!listed.has(`${e.name}/${f}`)) foreign.push(`${e.name}/${f}`);
      }
    } else if (!listed.has(e.name)) foreign.push(e.name);
  }
  return foreign.sort();
}

/** Where a run keeps its finished units: inside its own (marked) report directory. */
export const CHECKPOINT_SUBDIR = '.units';

export type DirState =
  | { state: 'absent' }
  | { state: 'empty' }
  | { state: 'ours'; marker: DirMarker };

function list(names: string[]): string {
  return `${names.slice(0, 5).join(', ')}${names.length > 5 ? `, … (${names.length} in all)` : ''}`;
}

/**
 * What `dir` is, for an output of kind `kinds[0]` (any of `kinds` may be replaced): absent,
 * an empty directory, or an hbsim directory of an accepted kind holding only our files.
 * Anything else throws an OutputPathError saying what was found and what to do.
 */
export async function inspectOutputDir(
  dir: string,
  kinds: readonly DirKind[],
  flag = '--out',
): Promise<DirState> {
  const kind = await pathKind(dir);
  if (kind === null) return { state: 'absent' };
  if (kind === 'other') {
    throw new OutputPathError(
      `${flag} ${dir}: exists and is not a directory; to fix this, choose a new directory`,
    );
  }
  const names = await readdir(dir);
  if (names.length === 0) return { state: 'empty' };
  const marker = await readMarker(dir);
  if (!marker) {
    const oldReport = names.includes('runs.json') && names.includes('summary.json');
    throw new OutputPathError(
      `${flag} ${dir}: refusing to write into a directory hbsim did not create (it holds ${list(names.sort())}); nothing was changed. To fix this, choose a new or empty directory${oldReport ? ' (if it is a report of an older hbsim, which wrote no .hbsim.json marker, remove it yourself)' : ''}`,
    );
  }
  if (!kinds.includes(marker.kind)) {
    throw new OutputPathError(
      `${flag} ${dir}: holds an hbsim ${marker.kind} directory, not a ${kinds[0]}; to fix this, choose another directory`,
    );
  }
  const foreign = await foreignFiles(dir, marker);
  if (foreign.length > 0) {
    throw new OutputPathError(
      `${flag} ${dir}: refusing to replace it: it holds files hbsim did not write (${list(foreign)}); nothing was changed. To fix this, move those files out or choose another directory`,
    );
  }
  return { state: 'ours', marker };
}
