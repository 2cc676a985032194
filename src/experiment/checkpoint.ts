import { maxPilotLevel } from './warmup.js';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../report/atomicFs.js';
import { PILOT_REPLICATION } from '../scenario/runConfig.js';
import type { RunResult } from '../model/runResult.js';
import type { Scenario } from '../scenario/scenario.js';
import { hbsimVersion } from '../version.js';
import { parsePartitionKey, type UnitOutput } from './partitions.js';
import { type Unit, unitKey } from './units.js';

export const UNIT_SCHEMA = 'hbsim.unit/2';

/** What a unit file claims to be: checked against the scenario before its result is reused. */
export interface UnitIdentity {
  /** Hash of the (point) scenario the unit belongs to. */
  scenarioHash: string;
  point: number;
  strategy: number;
  strategyName: string;
  replication: number;
  seed: number;
  hbsimVersion: string;
}

/** One finished unit on disk: enough to rebuild a report without re-running it. */
export interface UnitFile extends UnitIdentity {
  schema: typeof UNIT_SCHEMA;
  /** sha256 of JSON.stringify(result): a unit edited or cut short is never reused. */
  checksum: string;
  result: UnitOutput;
}

/** A unit file that was not used, and why (a resumed run reruns it; a merge refuses). */
export interface BadUnit {
  file: string;
  reason: string;
}

export function resultChecksum(result: UnitOutput): string {
  return createHash('sha256').update(JSON.stringify(result)).digest('hex');
}

/** The identity unit `unit` of the point scenario `sc` must carry. */
export function unitIdentity(sc: Scenario, unit: Unit): UnitIdentity {
  return {
    scenarioHash: sc.hash,
    point: unit.point,
    strategy: unit.strategy,
    strategyName: sc.strategies[unit.strategy]?.name ?? '',
    replication: unit.replication,
    seed: sc.seed,
    hbsimVersion: hbsimVersion(),
  };
}

/**
 * Each finished unit is written atomically to its own file as soon as it is done, so a
 * crash or Ctrl-C loses at most the units that were running; `--resume` reads them back.
 * The directory itself is prepared (and marked as ours) by the caller.
 */
export class Checkpoint {
  constructor(readonly dir: string) {}

  async save(unit: Unit, point: Scenario, result: UnitOutput): Promise<void> {
    const file: UnitFile = {
      schema: UNIT_SCHEMA,
      ...unitIdentity(point, unit),
      checksum: resultChecksum(result),
      result,
    };
    await writeFileAtomic(join(this.dir, `${unit.key}.json`), `${JSON.stringify(file)}\n`);
  }

  /** Finished units of these point scenarios, by unit key; others reported to `onBad`. */
  async load(points: Scenario[], onBad?: (bad: BadUnit) => void): Promise<Map<string, UnitOutput>> {
    return loadUnitFiles([this.dir], points, onBad);
  }
}

/**
 * `p<point>-s<strategy>-r<replication>.json`, or `-pilot<level>` for a warm-up pilot, and
 * `-part<i>of<n>` before `.json` for population partition i of n.
 */
const UNIT_FILE = /^p(\d+)-s(\d+)-(?:r(\d+)|pilot(\d+))(?:-part(\d+)of(\d+))?\.json$/;

/** Why `data` (read from a file named after `key`) is not unit `key` of `points`, or undefined. */
function unitProblem(data: unknown, key: string, points: Scenario[]): string | undefined {
  if (typeof data !== 'object' || data === null) return 'not a unit file';
  const f = data as Partial<UnitFile>;
  if (f.schema !== UNIT_SCHEMA) {
    return `not a unit file of this hbsim (schema ${JSON.stringify(f.schema)}, expected "${UNIT_SCHEMA}")`;
  }
  if (typeof f.result !== 'object' || f.result === null) return 'it has no result';
  if (f.checksum !== resultChecksum(f.result)) {
    return 'its checksum does not match its contents (edited or damaged)';
  }
  const m = UNIT_FILE.exec(`${key}.json`)!;
  const p = Number(m[1]);
  const s = Number(m[2]);
  const pilot = m[3] === undefined;
  const r = pilot ? PILOT_REPLICATION : Number(m[3]);
  const sc = points[p];
  if (
    !sc ||
    s >= sc.strategies.length ||
    (pilot ? sc.warmupMode !== 'auto' || Number(m[4]) > maxPilotLevel(sc) : r >= sc.replications)
  ) {
    return 'the scenario has no such unit';
  }
  const want = unitIdentity(sc, { point: p, strategy: s, replication: r, key });
  for (const k of Object.keys(want) as (keyof UnitIdentity)[]) {
    if (f[k] !== want[k]) {
      return `it belongs to another run (${k} ${JSON.stringify(f[k])}, expected ${JSON.stringify(want[k])})`;
    }
  }
  const part = parsePartitionKey(key);
  const partial = (f.result as { kind?: string }).kind === 'partial';
  if (partial !== (part !== undefined)) {
    return part ? 'it holds a whole run, not a partition' : 'it holds a partition, not a whole run';
  }
  if (part) {
    const p = (f.result as { partition?: { index?: unknown; count?: unknown } }).partition;
    if (p?.index !== part.index || p?.count !== part.count) {
      return `its result is not partition ${part.index + 1} of ${part.count}`;
    }
  }
  if (f.result.strategy !== want.strategyName || f.result.replication !== r) {
    return `its result is for strategy "${f.result.strategy}" replication ${f.result.replication}, not "${want.strategyName}" replication ${r}`;
  }
  return undefined;
}

/**
 * Reads the unit files of directories (a checkpoint or shard outputs) that belong to these
 * point scenarios. A file that is damaged, edited, or of another run is passed to `onBad`
 * with its name and the reason, and not used.
 */
export async function loadUnitFiles(
  dirs: string[],
  points: Scenario[],
  onBad: (bad: BadUnit) => void = () => undefined,
): Promise<Map<string, UnitOutput>> {
  const out = new Map<string, UnitOutput>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const name of names.sort()) {
      if (!UNIT_FILE.test(name)) continue;
      const file = join(dir, name);
      const key = name.slice(0, -'.json'.length);
      let data: unknown;
      try {
        data = JSON.parse(await readFile(file, 'utf8'));
      } catch (err) {
        onBad({ file, reason: `not valid JSON (${(err as Error).message.split('\n')[0]})` });
        continue;
      }
      const problem = unitProblem(data, key, points);
      if (problem) onBad({ file, reason: problem });
      else out.set(key, (data as UnitFile).result);
    }
  }
  return out;
}

/**
 * One unit's checkpoint in `dir`, if it is there and belongs to these point scenarios
 * (undefined when absent; a damaged or foreign file goes to `onBad` and is not used).
 * For callers that learn their points as they go (hbsim tune) and so cannot load all at once.
 */
export async function readUnitFile(
  dir: string,
  key: string,
  points: Scenario[],
  onBad: (bad: BadUnit) => void = () => undefined,
): Promise<RunResult | undefined> {
  const file = join(dir, `${key}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    onBad({ file, reason: `not valid JSON (${(err as Error).message.split('\n')[0]})` });
    return undefined;
  }
  const problem = unitProblem(data, key, points);
  if (problem) {
    onBad({ file, reason: problem });
    return undefined;
  }
  // A key without -part<i>of<n> names a whole run, and unitProblem checked the file holds one.
  return (data as UnitFile).result as RunResult;
}

export { unitKey };

export const MANIFEST = 'scenario.json';

/** The scenario of a shard / checkpoint directory, so `hbsim merge` can rebuild the report. */
export async function writeShardManifest(dir: string, scenario: Scenario): Promise<void> {
  await writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(scenario)}\n`);
}

/** Thrown when a directory's scenario.json is missing or unreadable (named in the message). */
export class ManifestError extends Error {
  override name = 'MergeError';
}

export async function readShardManifest(dir: string): Promise<Scenario> {
  const file = join(dir, MANIFEST);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ManifestError(
      `${dir} is not a shard directory (no ${MANIFEST}); to fix this, pass the --out directories of hbsim run --shard`,
    );
  }
  let data: Partial<Scenario>;
  try {
    data = JSON.parse(text) as Partial<Scenario>;
  } catch (err) {
    throw new ManifestError(`${file}: not valid JSON (${(err as Error).message.split('\n')[0]})`);
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    typeof data.hash !== 'string' ||
    !Array.isArray(data.strategies) ||
    !Array.isArray(data.sweep) ||
    typeof data.document !== 'object'
  ) {
    throw new ManifestError(
      `${file}: not an hbsim scenario manifest (missing hash, strategies or sweep)`,
    );
  }
  return data as Scenario;
}
