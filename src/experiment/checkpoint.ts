import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult } from '../model/runResult.js';
import { writeFileAtomic } from '../report/atomicFs.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Unit } from './units.js';

export const UNIT_SCHEMA = 'hbsim.unit/1';

/** One finished unit on disk: enough to rebuild a report without re-running it. */
export interface UnitFile {
  schema: typeof UNIT_SCHEMA;
  /** Hash of the (point) scenario the unit belongs to: units of another scenario are ignored. */
  scenarioHash: string;
  point: number;
  strategy: number;
  replication: number;
  result: RunResult;
}

/**
 * Each finished unit is written atomically to its own file as soon as it is done, so a
 * crash or Ctrl-C loses at most the units that were running; `--resume` reads them back.
 */
export class Checkpoint {
  constructor(readonly dir: string) {}

  async save(unit: Unit, scenarioHash: string, result: RunResult): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file: UnitFile = {
      schema: UNIT_SCHEMA,
      scenarioHash,
      point: unit.point,
      strategy: unit.strategy,
      replication: unit.replication,
      result,
    };
    await writeFileAtomic(join(this.dir, `${unit.key}.json`), `${JSON.stringify(file)}\n`);
  }

  /** Finished units whose scenario hash matches, by unit key. */
  async load(hashOfPoint: (point: number) => string | undefined): Promise<Map<string, RunResult>> {
    return loadUnitFiles([this.dir], hashOfPoint);
  }
}

/** Reads unit files from directories (a checkpoint or shard outputs), checking their hashes. */
export async function loadUnitFiles(
  dirs: string[],
  hashOfPoint: (point: number) => string | undefined,
): Promise<Map<string, RunResult>> {
  const out = new Map<string, RunResult>();
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw err;
    }
    for (const name of names.sort()) {
      if (!/^p\d+-s\d+-(r\d+|pilot)\.json$/.test(name)) continue;
      const file = JSON.parse(await readFile(join(dir, name), 'utf8')) as UnitFile;
      if (file.schema !== UNIT_SCHEMA || file.scenarioHash !== hashOfPoint(file.point)) continue;
      out.set(name.slice(0, -'.json'.length), file.result);
    }
  }
  return out;
}

/** Unit files found in directories, whatever their scenario (for `hbsim merge`). */
export async function readUnitFiles(dirs: string[]): Promise<UnitFile[]> {
  const files: UnitFile[] = [];
  for (const dir of dirs) {
    for (const name of (await readdir(dir)).sort()) {
      if (!/^p\d+-s\d+-(r\d+|pilot)\.json$/.test(name)) continue;
      const file = JSON.parse(await readFile(join(dir, name), 'utf8')) as UnitFile;
      if (file.schema === UNIT_SCHEMA) files.push(file);
    }
  }
  return files;
}

export const MANIFEST = 'scenario.json';

/** The scenario of a shard / checkpoint directory, so `hbsim merge` can rebuild the report. */
export async function writeShardManifest(dir: string, scenario: Scenario): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(join(dir, MANIFEST), `${JSON.stringify(scenario)}\n`);
}

export async function readShardManifest(dir: string): Promise<Scenario> {
  return JSON.parse(await readFile(join(dir, MANIFEST), 'utf8')) as Scenario;
}
