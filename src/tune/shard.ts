import { randomInt } from 'node:crypto';
import { link, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { readUnitFile } from '../experiment/checkpoint.js';
import { DirectoryWake } from './directoryWake.js';
import { TUNE_SCHEMA } from './result.js';
import type { Unit } from '../experiment/units.js';
import { RunAborted } from '../model/run.js';
import type { RunResult } from '../model/runResult.js';
import { writeFileAtomic } from '../report/atomicFs.js';
import { CHECKPOINT_SUBDIR } from '../report/ownership.js';
import { hashOf } from '../scenario/hash.js';
import type { Scenario } from '../scenario/scenario.js';
import { hbsimVersion } from '../version.js';

/**
 * A tune sharded over processes that share one output directory (docs/tune.md, "Sharding a
 * tune"). A race is sequential — round r+1's candidates depend on round r's results — so the
 * shards do not split the search: every shard replays the same deterministic search, and at
 * each batch of units runs its own share and reads the others' from the shared checkpoint
 * directory, where their owners write them atomically. The manifest makes sure every shard
 * in a directory replays the same search; the done markers tell shard 1 when the others no
 * longer read the directory, so that it may replace it with the report.
 */

/** A user error of a sharded tune (exit 2): a mismatched shard, or shards that never came. */
export class TuneShardError extends Error {
  override name = 'TuneShardError';
}

export interface TuneShard {
  /** 1-based, as on the command line. */
  index: number;
  count: number;
  /** A shard waiting this long with no new unit of another shard appearing gives up (exit 2). */
  waitS: number;
  /** Told how many units of other shards it is waiting for (0: no longer waiting). */
  onWaiting?: (missing: number) => void;
}

/**
 * The shard that runs the unit at position `seq` of the search's sequence of units (its
 * index over all batches so far): round-robin, so that consecutive batches start on
 * different shards and a batch of one (a warm-up pilot) does not always land on shard 1.
 */
export function unitOwner(seq: number, count: number): number {
  return (seq % count) + 1;
}

export const SHARD_MANIFEST = 'tune-shards.json';
export const SHARD_MANIFEST_SCHEMA = 'hbsim.tune-shards/1';

export interface ShardManifest {
  schema: typeof SHARD_MANIFEST_SCHEMA;
  scenario: string;
  scenarioHash: string;
  seed: number;
  shards: number;
  /** Hash of the resolved tune: block (the scenario's hash leaves it out). */
  tuneHash: string;
  hbsimVersion: string;
}

export function shardManifest(scenario: Scenario, shards: number): ShardManifest {
  return {
    schema: SHARD_MANIFEST_SCHEMA,
    scenario: scenario.name,
    scenarioHash: scenario.hash,
    seed: scenario.seed,
    shards,
    tuneHash: hashOf(scenario.tune ?? null),
    hbsimVersion: hbsimVersion(),
  };
}

/** A temp-file suffix unique across hosts (containers often share pids, e.g. pid 1). */
function tempSuffix(): string {
  // Above Linux's largest pid: a leftover is never mistaken for a live process's temp.
  return String(randomInt(1e8, 2 ** 31 - 1));
}

/** Creates `file` with `text` if it does not exist, atomically (a reader sees all or none). */
async function createExclusive(file: string, text: string): Promise<boolean> {
  const tmp = `${file}.tmp-${tempSuffix()}`;
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, file);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // A filesystem without hard links: O_EXCL creation (readers retry a partial file).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        await writeFile(file, text, { flag: 'wx' });
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e;
      }
    }
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

async function readManifest(file: string): Promise<Partial<ShardManifest>> {
  // A manifest made by O_EXCL creation may be read half written: retried for a moment.
  for (let attempt = 0; ; attempt++) {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as Partial<ShardManifest>;
    } catch (err) {
      if (attempt >= 20) {
        throw new TuneShardError(
          `${file}: not a readable shard manifest (${(err as Error).message.split('\n')[0]}); to fix this, stop every shard, remove that file and start them again with --resume`,
        );
      }
      await sleep(100);
    }
  }
}

/**
 * Writes the shared directory's manifest if this shard is the first, or checks that this
 * shard replays the same search as the shards already there.
 */
export async function joinShards(
  checkpointDir: string,
  outDir: string,
  scenario: Scenario,
  shard: TuneShard,
): Promise<void> {
  const mine = shardManifest(scenario, shard.count);
  const file = join(checkpointDir, SHARD_MANIFEST);
  if (await createExclusive(file, `${JSON.stringify(mine, null, 2)}\n`)) return;
  const theirs = await readManifest(file);
  const problem = manifestProblem(theirs, mine);
  if (!problem) return;
  throw new TuneShardError(
    `--shard ${shard.index}/${shard.count}: ${outDir} is the shared directory of a tune with ${problem.theirs}, but this shard has ${problem.mine}. Every shard of a tune must be started with the same file, --set, --seed and budget flags and the same number of shards; to fix this, start this shard like the others, or give this tune another --out (to change the number of shards, stop every shard and remove ${file}: the finished runs are kept and reused)`,
  );
}

function manifestProblem(
  theirs: Partial<ShardManifest>,
  mine: ShardManifest,
): { theirs: string; mine: string } | undefined {
  if (theirs.schema !== SHARD_MANIFEST_SCHEMA) {
    return {
      theirs: `an unknown manifest (schema ${JSON.stringify(theirs.schema)})`,
      mine: `schema "${SHARD_MANIFEST_SCHEMA}"`,
    };
  }
  if (theirs.seed !== mine.seed)
    return { theirs: `seed ${theirs.seed}`, mine: `seed ${mine.seed}` };
  if (theirs.shards !== mine.shards) {
    return { theirs: `${theirs.shards} shards`, mine: `${mine.shards} shards` };
  }
  if (theirs.scenarioHash !== mine.scenarioHash) {
    return {
      theirs: `scenario ${theirs.scenario} (hash ${theirs.scenarioHash})`,
      mine: `scenario ${mine.scenario} (hash ${mine.scenarioHash})`,
    };
  }
  if (theirs.tuneHash !== mine.tuneHash) {
    return {
      theirs: `another tune: block (hash ${theirs.tuneHash})`,
      mine: `tune: block hash ${mine.tuneHash}`,
    };
  }
  if (theirs.hbsimVersion !== mine.hbsimVersion) {
    return { theirs: `hbsim ${theirs.hbsimVersion}`, mine: `hbsim ${mine.hbsimVersion}` };
  }
  return undefined;
}

/**
 * Polls from 200 ms, growing by half each time up to 2 s, back to 200 ms when a unit appears;
 * a file landing in the directory ends a pause early (DirectoryWake).
 */
const POLL_MIN_MS = 200;
const POLL_MAX_MS = 2000;

/** Reads a unit, treating a stale NFS handle (file replaced while read) as not there yet. */
async function tryRead(
  dir: string,
  key: string,
  points: Scenario[],
): Promise<RunResult | undefined> {
  try {
    // A file that is not (yet) this unit — a leftover of another run — is simply not there
    // yet: its owner replaces it when it runs the unit.
    return await readUnitFile(dir, key, points);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESTALE') return undefined;
    throw err;
  }
}

/**
 * Waits until every unit of `units` (run by other shards) is in the checkpoint directory,
 * and returns their results. Gives up (TuneShardError) when `shard.waitS` pass with no new
 * unit appearing, naming the missing units and their shards.
 */
export async function awaitUnits(
  dir: string,
  units: readonly { unit: Unit; owner: number }[],
  points: Scenario[],
  shard: TuneShard,
  signal?: AbortSignal,
  now: () => number = () => performance.now(),
): Promise<Map<string, RunResult>> {
  const got = new Map<string, RunResult>();
  let missing = [...units];
  let delay = POLL_MIN_MS;
  let lastNews = now();
  const wake = new DirectoryWake(dir);
  try {
    for (;;) {
      if (signal?.aborted) throw new RunAborted('run stopped');
      const still: typeof missing = [];
      for (const m of missing) {
        const r = await tryRead(dir, m.unit.key, points);
        if (r) got.set(m.unit.key, r);
        else still.push(m);
      }
      if (still.length < missing.length) {
        lastNews = now();
        delay = POLL_MIN_MS;
      }
      missing = still;
      shard.onWaiting?.(missing.length);
      if (missing.length === 0) return got;
      if ((now() - lastNews) / 1000 >= shard.waitS) {
        const owners = [...new Set(missing.map((m) => m.owner))].sort((a, b) => a - b);
        const keys = missing.map((m) => `${m.unit.key} (shard ${m.owner})`);
        throw new TuneShardError(
          `--shard ${shard.index}/${shard.count}: waited ${formatWait(shard.waitS)} with no new run of another shard in ${dir}; missing ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? `, … (${keys.length} in all)` : ''}. To fix this, (re)start shard${owners.length > 1 ? 's' : ''} ${owners.map((o) => `${o}/${shard.count}`).join(', ')} with --resume, on a filesystem every shard sees (--shard-wait sets how long to wait), then this one with --resume`,
        );
      }
      await wake.pause(delay, signal);
      delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
    }
  } finally {
    wake.close();
  }
}

function formatWait(s: number): string {
  if (s >= 3600) return `${Number((s / 3600).toPrecision(3))} h`;
  if (s >= 60) return `${Number((s / 60).toPrecision(3))} min`;
  return `${Number(s.toPrecision(3))} s`;
}

/** `tune-shard-<k>of<n>.done`: shard k has finished the search and reads nothing more. */
export function doneMarker(index: number, count: number): string {
  return `tune-shard-${index}of${count}.done`;
}

export async function markShardDone(checkpointDir: string, shard: TuneShard): Promise<void> {
  await writeFileAtomic(
    join(checkpointDir, doneMarker(shard.index, shard.count)),
    `${JSON.stringify({ shard: shard.index, of: shard.count })}\n`,
  );
}

/**
 * Shard 1, before it replaces the shared directory with the report: waits until every
 * other shard has finished the search (and so reads no more unit files), or gives up
 * after `shard.waitS` with none finishing.
 */
export async function awaitShardsDone(
  checkpointDir: string,
  shard: TuneShard,
  signal?: AbortSignal,
  onWaiting?: (shards: number[]) => void,
  now: () => number = () => performance.now(),
): Promise<void> {
  let pending = Array.from({ length: shard.count }, (_, i) => i + 1).filter(
    (k) => k !== shard.index,
  );
  let delay = POLL_MIN_MS;
  let lastNews = now();
  const wake = new DirectoryWake(checkpointDir);
  try {
    for (;;) {
      const still: number[] = [];
      for (const k of pending) {
        try {
          await readFile(join(checkpointDir, doneMarker(k, shard.count)));
        } catch {
          still.push(k);
        }
      }
      if (still.length < pending.length) {
        lastNews = now();
        delay = POLL_MIN_MS;
      }
      pending = still;
      onWaiting?.(pending);
      if (pending.length === 0) return;
      if ((now() - lastNews) / 1000 >= shard.waitS) {
        throw new TuneShardError(
          `--shard ${shard.index}/${shard.count}: every run is done, but shard${pending.length > 1 ? 's' : ''} ${pending.map((k) => `${k}/${shard.count}`).join(', ')} did not finish the search within ${formatWait(shard.waitS)}; the report is not written. To fix this, restart ${pending.length > 1 ? 'them' : 'it'} with --resume (they replay the search from the finished runs in seconds), then this shard with --resume`,
        );
      }
      await wake.pause(delay, signal);
      delay = Math.min(POLL_MAX_MS, Math.round(delay * 1.5));
    }
  } finally {
    wake.close();
  }
}

/**
 * Is `outDir` the finished report of this very search (its tune.json written for the same
 * scenario, seed and tune: block, and no checkpoints left)? A shard started after shard 1
 * wrote the report — a late or retried array task — then has nothing to do; without this
 * check it would start the search again and wait in vain for the other shards.
 */
export async function finishedTune(outDir: string, scenario: Scenario): Promise<boolean> {
  let report: { schema?: string; scenario?: { hash?: string; seed?: number }; tune?: unknown };
  try {
    report = JSON.parse(await readFile(join(outDir, 'tune.json'), 'utf8'));
  } catch {
    return false;
  }
  if (
    report.schema !== TUNE_SCHEMA ||
    report.scenario?.hash !== scenario.hash ||
    report.scenario?.seed !== scenario.seed ||
    hashOf(report.tune ?? null) !== hashOf(scenario.tune ?? null)
  ) {
    return false;
  }
  try {
    await stat(join(outDir, CHECKPOINT_SUBDIR));
    return false; // a search is still going on in it (or was interrupted)
  } catch {
    return true;
  }
}

/** The manifest of a sharded tune's shared checkpoints in `outDir`, if it holds one. */
export async function shardManifestIn(outDir: string): Promise<string | undefined> {
  const file = join(outDir, CHECKPOINT_SUBDIR, SHARD_MANIFEST);
  try {
    await stat(file);
    return file;
  } catch {
    return undefined;
  }
}
