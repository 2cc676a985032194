import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ScenarioError } from '../../scenario/errors.js';
import { parseShard, type Shard } from '../../experiment/units.js';
import type { Scenario } from '../../scenario/scenario.js';
import { InterruptedError, UsageError } from '../errors.js';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import { watchInterrupt } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { collect, nonNegativeInt, positiveDurationSeconds } from '../options.js';
import {
  outputPath,
  prepareRunOutputs,
  prepareSharedOutputs,
  scenarioOutputDir,
} from '../outputs.js';
import { requirePluginPermission } from '../plugins.js';
import { effectiveJobs } from '../resources.js';

interface TuneOptions extends FigureFlags {
  out?: string;
  seed?: number;
  set?: string[];
  phoneDays?: number;
  wallTime?: number;
  jobs?: number;
  resume?: boolean;
  charts: boolean;
  quiet?: boolean;
  json?: boolean;
  allowPlugins?: boolean;
  pluginTimeout?: number;
  shard?: Shard;
  shardWait?: number;
}

/** How long a shard waits for runs of other shards, with none appearing, before giving up. */
const DEFAULT_SHARD_WAIT_S = 6 * 3600;

function shardText(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 3/16.');
  return shard;
}

function positiveNumber(value: string): number {
  const x = Number(value);
  if (!(Number.isFinite(x) && x > 0)) {
    throw new InvalidArgumentError('expected a number > 0.');
  }
  return x;
}

export function registerTune(program: Command, io: CliIo): void {
  const cmd = program
    .command('tune')
    .description(
      "search the parameters of a scenario's tune: block for the best policy that meets its constraints",
    )
    .argument('<file>', 'scenario file with a tune: block (YAML or JSON)')
    .option('-o, --out <dir>', 'report directory (default: reports/<scenario name>-tune/)')
    .option('--seed <n>', 'master random seed (overrides the file)', nonNegativeInt)
    .option('--set <path=value>', 'override any scenario field (repeatable)', collect)
    .option(
      '--phone-days <n>',
      'budget: simulated phone-days at most (overrides tune.budget)',
      positiveNumber,
    )
    .option(
      '--wall-time <duration>',
      'budget: wall-clock time at most, e.g. 10m (a search stopped by it is not reproducible)',
      positiveDurationSeconds,
    )
    .option(
      '-j, --jobs <n>',
      'worker threads (default: one per core; 0: in this process)',
      nonNegativeInt,
    )
    .option('--resume', 'reuse the runs finished before an interruption (kept in <out>/.units/)')
    .option(
      '--shard <i/n>',
      'be shard i of n processes sharing --out (a shared filesystem): each runs 1/n of the runs, shard 1 writes the report',
      shardText,
    )
    .option(
      '--shard-wait <duration>',
      'with --shard: give up (exit 2) after waiting this long with no run of another shard appearing (default: 6h)',
      positiveDurationSeconds,
    )
    .option('--no-charts', 'skip the PNG/SVG/PDF charts')
    .option('--allow-plugins', 'run strategy modules (.js/.ts) the scenario names')
    .option(
      '--plugin-timeout <duration>',
      'a strategy-module call hung this long stops the run',
      positiveDurationSeconds,
    )
    .option('-q, --quiet', 'no progress output')
    .option('--json', 'print tune.json to stdout when done')
    .addHelpText(
      'after',
      `
Examples:
  hbsim tune scenarios/tune-mars.yaml
  hbsim tune scenarios/tune-fixed-per-carrier.yaml --phone-days 20000 --out /tmp/t
  hbsim tune my.yaml --resume              # after Ctrl-C: the search replays, finished runs reused
  hbsim tune my.yaml --shard 2/8 --out /shared/t   # one of 8 processes (e.g. a Slurm array task)

Writes tune.csv (every candidate), tune.json (the answer, with intervals and the probability
that the constraints hold), tuned.yaml (the strategy as a scenario entry, also printed),
summary.md, report.html and charts/. The same seed gives the same result for any --jobs,
and for any number of shards: every shard is started with the same file, flags and --out.
See docs/tune.md.`,
    )
    .action((file: string, opts: TuneOptions) => runTune(file, opts, io));
  addFigureOptions(cmd);
}

async function runTune(file: string, opts: TuneOptions, io: CliIo): Promise<void> {
  const interrupt = watchInterrupt(io);
  try {
    await tuneWatched(file, opts, io, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

function budgetSets(opts: TuneOptions): string[] {
  const sets: string[] = [];
  if (opts.phoneDays !== undefined) sets.push(`tune.budget.phoneDays=${opts.phoneDays}`);
  if (opts.wallTime !== undefined) sets.push(`tune.budget.wallTime=${opts.wallTime}`);
  return sets;
}

/** Shard flags that cannot work: checked before anything is written. */
function checkShardFlags(scenario: Scenario, opts: TuneOptions, file: string): void {
  if (!opts.shard) {
    if (opts.shardWait !== undefined) throw new UsageError('--shard-wait needs --shard i/n');
    return;
  }
  if (scenario.tune?.budget.wallS !== undefined) {
    const from = opts.wallTime !== undefined ? '--wall-time' : `tune.budget.wallTime in ${file}`;
    throw new UsageError(
      `--shard ${opts.shard.index}/${opts.shard.count} with a wall-time budget (${from}): a search stopped by the clock is not reproducible, so the shards would stop at different points and disagree; to fix this, ${opts.wallTime === undefined ? `remove wallTime from the tune: block of ${file} and ` : 'drop --wall-time and '}give a phone-day budget (--phone-days) if the search needs one`,
    );
  }
}

function requireTune(scenario: Scenario, file: string): void {
  if (scenario.tune) return;
  throw new ScenarioError([
    {
      file,
      path: 'tune',
      expected: 'a tune: block (params, objective, constraints; see docs/tune.md)',
      found: 'none',
    },
  ]);
}

async function tuneWatched(
  file: string,
  opts: TuneOptions,
  io: CliIo,
  signal: AbortSignal,
): Promise<void> {
  const cliOut = opts.out === undefined ? undefined : outputPath(opts.out);
  const scenario = await loadForCli(file, [...(opts.set ?? []), ...budgetSets(opts)], opts);
  requireTune(scenario, file);
  checkShardFlags(scenario, opts, file);
  const shardFlag = opts.shard;
  const outDir =
    cliOut ?? outputPath(scenarioOutputDir(scenario) ?? join('reports', `${scenario.name}-tune`));
  const lib = await import('../../tune/index.js');
  requirePluginPermission([scenario], opts.allowPlugins === true, file);
  const jobs = effectiveJobs(opts.jobs, io, opts.quiet === true);
  if (shardFlag && (await lib.finishedTune(outDir, scenario))) {
    if (!opts.quiet) {
      io.err(
        `hbsim: shard ${shardFlag.index}/${shardFlag.count}: ${outDir} already holds this tune's finished report (tune.json of the same scenario, seed and tune: block); nothing to do\n`,
      );
    }
    return;
  }
  const manifest = shardFlag || opts.resume ? undefined : await lib.shardManifestIn(outDir);
  if (manifest) {
    // Its shards may still be running: starting over would replace the directory under them.
    throw new UsageError(
      `${outDir} is the shared directory of a sharded tune (${manifest}); to finish that tune on this machine once its shards have stopped, add --resume (every finished run is reused); to start another tune, give another --out`,
    );
  }
  const outputs = shardFlag
    ? await prepareSharedOutputs(outDir, scenario)
    : await prepareRunOutputs(outDir, scenario, { shard: false, dryRun: false });
  const spec = scenario.tune!;
  if (!opts.quiet) {
    io.err(
      `hbsim: tuning ${spec.strategy} of ${scenario.name} (${spec.params.map((p) => p.path).join(', ')}; ${spec.objective.goal === 'min' ? 'minimise' : 'maximise'} ${spec.objective.metric}${spec.constraints.length > 0 ? ` s.t. ${spec.constraints.map((c) => `${c.metric} ${c.op} ${c.bound}`).join(', ')}` : ''})${shardFlag ? ` as shard ${shardFlag.index}/${shardFlag.count}` : ''} → ${outDir}\n`,
    );
  }
  const tty = io.errIsTTY && !opts.quiet;
  let last = '';
  let drawn = false;
  /** The progress line, with what a shard is waiting for (a terminal only). */
  const draw = (waiting = '') => {
    if (!tty || !(last || waiting)) return;
    io.err(`\r\x1b[2K${last}${last && waiting ? ' | ' : ''}${waiting}`);
    drawn = true;
  };
  const shard = shardFlag && {
    ...shardFlag,
    waitS: opts.shardWait ?? DEFAULT_SHARD_WAIT_S,
    onWaiting: (missing: number) =>
      draw(
        missing > 0 ? `waiting for ${missing} run${missing > 1 ? 's' : ''} of other shards` : '',
      ),
  };
  if (shard) await lib.joinShards(outputs.checkpointDir, outDir, scenario, shard);
  const bad: string[] = [];
  const evaluator = new lib.Evaluator({
    jobs,
    signal,
    checkpointDir: outputs.checkpointDir,
    resume: opts.resume === true,
    pluginTimeoutS: opts.pluginTimeout,
    shard,
    onBadUnit: (b) => {
      if (bad.length < 5) io.err(`hbsim: not reusing ${b.file}: ${b.reason}; it will be rerun\n`);
      bad.push(b.file);
    },
  });
  const started = performance.now();
  let result: Awaited<ReturnType<typeof lib.tuneScenario>>;
  try {
    result = await lib.tuneScenario(scenario, {
      evaluator,
      onProgress: (p) => {
        if (!tty) return;
        const best = p.best
          ? `best ${p.best.values.map((v) => (typeof v === 'number' ? Number(v.toPrecision(4)) : JSON.stringify(v))).join(', ')} → ${Number(p.best.objective.toPrecision(4))}`
          : 'no feasible candidate yet';
        last = `hbsim tune [${p.scope}] ${p.units} runs, ${Math.round(p.phoneDays)} phone-days | ${best}`;
        draw();
      },
    });
    if (shard) {
      await lib.markShardDone(outputs.checkpointDir, shard);
      // Shard 1 replaces the shared directory with the report: only once no shard reads it.
      if (shard.index === 1) {
        await lib.awaitShardsDone(outputs.checkpointDir, shard, signal, (pending) =>
          draw(
            pending.length > 0
              ? `waiting for shard${pending.length > 1 ? 's' : ''} ${pending.join(', ')} to finish the search`
              : '',
          ),
        );
      }
    }
  } catch (e) {
    if (signal.aborted) throw new InterruptedError();
    throw e;
  } finally {
    if (drawn) io.err('\n');
  }
  if (signal.aborted) throw new InterruptedError();
  if (shard && shard.index !== 1) {
    if (!opts.quiet) {
      io.err(
        `hbsim: shard ${shard.index}/${shard.count} done (${evaluator.units - evaluator.fromOtherShards} of ${evaluator.units} runs here, ${evaluator.reused} reused); shard 1 writes the report to ${outDir}\n`,
      );
    }
    return;
  }
  await lib.writeTuneReport(outDir, scenario, result, {
    charts: opts.charts && scenario.output.charts,
    figures: figureStyleOf(opts),
  });
  const wallS = (performance.now() - started) / 1000;
  if (opts.json) {
    io.out(await readFile(join(outDir, 'tune.json'), 'utf8'));
    return;
  }
  if (opts.quiet) return;
  io.err(
    `hbsim: ${evaluator.units} runs (${evaluator.reused} reused${shard ? `, ${evaluator.fromOtherShards} by other shards` : ''}), ${Math.round(result.phoneDays)} simulated phone-days, ${wallS.toFixed(1)} s\n`,
  );
  for (const s of result.scopes) {
    const b = s.best;
    if (!b) {
      io.out(`${s.scope}: no candidate met the constraints (see ${join(outDir, 'tune.csv')})\n`);
      continue;
    }
    const cons = b.constraints
      .map(
        (c) =>
          `${c.metric} ${Number(c.mean.toPrecision(4))} (${Math.round(c.confidence * 100)}% bound ${Number(c.oneSided.toPrecision(4))} ${c.holds ? 'holds' : 'NOT shown'})`,
      )
      .join('; ');
    const ci = b.objective.ci95
      ? ` [${b.objective.ci95.map((x) => Number(x.toPrecision(4))).join(', ')}]`
      : '';
    io.out(
      `${s.scope}: ${Object.entries(b.values)
        .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
        .join(
          ', ',
        )} → ${spec.objective.metric} ${Number(b.objective.mean.toPrecision(4))}${ci}${cons ? `; ${cons}` : ''}; P(all hold) ${Number.isFinite(b.probabilityAllHold) ? b.probabilityAllHold.toFixed(3) : 'n/a'}\n`,
    );
  }
  io.out(`\n${lib.snippetText(scenario, result)}\nreport: ${join(outDir, 'report.html')}\n`);
}
