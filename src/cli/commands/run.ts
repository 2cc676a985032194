import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { parseShard, type Shard } from '../../experiment/units.js';
import type { Scenario } from '../../scenario/scenario.js';
import { formatDuration } from '../../scenario/units.js';
import { InterruptedError } from '../errors.js';
import { watchInterrupt } from '../interrupt.js';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import {
  collect,
  durationText,
  memorySize,
  nonNegativeInt,
  positiveDurationSeconds,
  positiveInt,
} from '../options.js';
import { outputPath, prepareRunOutputs, scenarioOutputDir } from '../outputs.js';
import { requirePluginPermission } from '../plugins.js';
import { createProgress, type RunDoneInfo } from '../progress.js';
import { checkBudget, effectiveJobs } from '../resources.js';

interface RunOptions extends FigureFlags {
  out?: string;
  seed?: number;
  replications?: number;
  duration?: string;
  set?: string[];
  sweep?: string[];
  charts: boolean;
  quiet?: boolean;
  json?: boolean;
  jobs?: number;
  resume?: boolean;
  shard?: Shard;
  partitions?: number;
  allowPlugins?: boolean;
  pluginTimeout?: number;
  maxMemory?: number;
  force?: boolean;
  dryRun?: boolean;
}

export function registerRun(program: Command, io: CliIo): void {
  const cmd = program
    .command('run')
    .description('run a scenario (the built-in default if FILE is omitted) and write its report')
    .argument('[file]', 'scenario file (YAML or JSON)')
    .option('-o, --out <dir>', 'report directory (default: reports/<scenario name>/)')
    .option('--seed <n>', 'master random seed (overrides the file)', nonNegativeInt)
    .option('-r, --replications <n>', 'replications per strategy (overrides the file)', positiveInt)
    .option(
      '-d, --duration <duration>',
      'simulated time per run, e.g. 6h (overrides the file)',
      durationText,
    )
    .option(
      '--set <path=value>',
      'override any scenario field, e.g. groups.0.count=500 (repeatable)',
      collect,
    )
    .option(
      '--sweep <path=values>',
      'sweep a scenario field: path=v1,v2,… or path="60s..30m x 12" (repeatable: a grid)',
      collect,
    )
    .option('--no-charts', 'skip the PNG/SVG charts (faster)')
    .option(
      '-j, --jobs <n>',
      'worker threads (default and most: one per core; 0: run in this process)',
      nonNegativeInt,
    )
    .option('--resume', 'reuse the runs finished before an interruption (kept in <out>/.units/)')
    .option(
      '--partitions <n>',
      'split each run by phone id into n population partitions, run as units of their own and merged into the identical result (default: automatic when a run exceeds 250k phones or leaves cores idle; 1: never)',
      positiveInt,
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n of the units and write them to --out (combine with hbsim merge)',
      shardText,
    )
    .option(
      '--allow-plugins',
      'run the strategy modules (.js/.ts files) the scenario names: they are code running with your rights (or set HBSIM_ALLOW_PLUGINS=1)',
    )
    .option(
      '--plugin-timeout <duration>',
      'a call into a strategy module that has not returned after this long stops the run (default 30s)',
      positiveDurationSeconds,
    )
    .option(
      '--max-memory <size>',
      'refuse to start when the estimated peak memory exceeds this, e.g. 8G (default: half the RAM)',
      memorySize,
    )
    .option('--force', 'start even when the estimate is over --max-memory or the event limit')
    .option(
      '--dry-run',
      'check the scenario, flags and output path, print the estimate, run nothing',
    )
    .option('-q, --quiet', 'no progress output')
    .option('--json', 'print summary.json to stdout when done')
    .addHelpText(
      'after',
      `
Examples:
  hbsim run                                   # built-in default scenario → reports/default/
  hbsim run scenarios/five-min-nat.yaml -r 10
  hbsim run my.yaml --set groups.0.count=1000 --duration 6h --out /tmp/quick
  hbsim run my.yaml --sweep strategies.0.params.intervalS="1m..30m x 8"
  hbsim run my.yaml --resume                  # after Ctrl-C: only the missing runs
  hbsim run my.yaml --shard 3/16 --out shards/3 && hbsim merge shards/* --out reports/my
  hbsim run big.yaml --partitions 8 -j 2         # one 1M-phone run as 8 units on 2 cores
  hbsim run my.yaml --json --quiet | jq '.strategies[].name'
  hbsim run my.yaml --dry-run                 # the cost estimate, nothing run

Before any work hbsim checks the output directory (it must be new, empty, or a report hbsim
wrote: a directory holding anything else is never touched) and estimates the cost; a run
over --max-memory is refused unless --force. Progress goes to stderr. Every finished run is
checkpointed in <out>/.units/; the report replaces the directory only when the whole
experiment is done, so Ctrl-C or SIGTERM leaves the previous report untouched and --resume
picks up where it stopped. Strategy modules named by the scenario are code: they run only
with --allow-plugins (see README).`,
    )
    .action((file: string | undefined, opts: RunOptions) => runScenario(file, opts, io));
  addFigureOptions(cmd);
}

function shardText(value: string): Shard {
  const shard = parseShard(value);
  if (!shard) throw new InvalidArgumentError('expected i/n with 1 <= i <= n, e.g. 3/16.');
  return shard;
}

function announce(
  scenario: Scenario,
  outDir: string,
  units: number,
  estimate: string,
  opts: RunOptions,
  io: CliIo,
): void {
  if (opts.quiet && !opts.dryRun) return;
  const sweep = scenario.sweep.length > 0 ? `${scenario.sweep.length} sweep points × ` : '';
  const shard = opts.shard
    ? ` (shard ${opts.shard.index}/${opts.shard.count}: ${units} units)`
    : '';
  io.err(
    `hbsim: ${scenario.name}: ${scenario.phones} phones, ${formatDuration(scenario.durationS)} measured${scenario.warmupMode === 'auto' ? ' after an automatic warm-up' : scenario.warmupS > 0 ? ` after a ${formatDuration(scenario.warmupS)} warm-up` : ''}, ` +
      `${sweep}${scenario.strategies.length} strategies × ${scenario.replications} replications${shard} → ${outDir}\n` +
      `hbsim: ${estimate}\n`,
  );
}

async function runScenario(file: string | undefined, opts: RunOptions, io: CliIo): Promise<void> {
  // Ctrl-C / SIGTERM are watched from the start, so even an early one is a clean stop.
  const interrupt = watchInterrupt(io);
  try {
    await runWatched(file, opts, io, interrupt.signal);
  } finally {
    interrupt.dispose();
  }
}

async function runWatched(
  file: string | undefined,
  opts: RunOptions,
  io: CliIo,
  signal: AbortSignal,
): Promise<void> {
  // Every check that can fail on the user's input runs before anything is written.
  const cliOut = opts.out === undefined ? undefined : outputPath(opts.out);
  const scenario = await loadForCli(file, opts.set, opts);
  const outDir =
    cliOut ?? outputPath(scenarioOutputDir(scenario) ?? join('reports', scenario.name));
  // Loaded here, not at the top: validate/list/schema start fast without the engine.
  const lib = await import('../../index.js');
  const points = lib.pointScenarios(scenario);
  requirePluginPermission(points, opts.allowPlugins === true, file);
  const jobs = effectiveJobs(opts.jobs, io, opts.quiet === true);
  // Partitions are chosen (or refused, for coupled phones) before anything is written.
  const partitions = lib.choosePartitions(points, {
    requested: opts.partitions,
    jobs: Math.max(1, jobs),
    sharded: opts.shard !== undefined,
  });
  const budget = checkBudget(points, opts.shard, jobs, opts, partitions);
  const outputs = await prepareRunOutputs(outDir, scenario, {
    shard: opts.shard !== undefined,
    dryRun: opts.dryRun === true,
  });
  announce(scenario, outDir, budget.units, budget.text, opts, io);
  if (opts.dryRun) {
    io.out(`dry run: nothing was run or written (output: ${outDir})\n`);
    return;
  }
  const units = lib.shardUnits(
    lib.partitionUnits(lib.enumerateUnits(points), partitions),
    opts.shard,
  );
  await lib.writeShardManifest(outputs.checkpointDir, scenario);
  const progress = createProgress(io, { quiet: opts.quiet === true, total: units.length });
  const bad: string[] = [];
  let results: Awaited<ReturnType<typeof lib.runScenarioPoints>>;
  try {
    results = await lib.runScenarioPoints(scenario, {
      signal,
      onRunDone: (info: RunDoneInfo) => progress.onRunDone(info),
      jobs,
      checkpointDir: outputs.checkpointDir,
      resume: opts.resume === true || opts.shard !== undefined,
      shard: opts.shard,
      partitions: opts.partitions,
      pluginTimeoutS: opts.pluginTimeout,
      onBadUnit: (b) => {
        if (bad.length < 5) io.err(`hbsim: not reusing ${b.file}: ${b.reason}; it will be rerun\n`);
        bad.push(b.file);
      },
    });
  } catch (e) {
    if (signal.aborted) throw new InterruptedError();
    throw e;
  } finally {
    progress.stop();
  }
  if (bad.length > 5) io.err(`hbsim: … ${bad.length} saved units in all are rerun\n`);
  if (signal.aborted) throw new InterruptedError();
  if (opts.shard) {
    if (!opts.quiet) {
      io.err(
        `hbsim: shard ${opts.shard.index}/${opts.shard.count} done: ${units.length} units in ${outDir}\n`,
      );
      io.out(`units: ${outDir}\nnext: hbsim merge <all shard dirs> --out <report dir>\n`);
    }
    return;
  }
  const charts = opts.charts && scenario.output.charts;
  // The report replaces outDir (its checkpoints included) only once it is complete.
  const ro = { charts, figures: figureStyleOf(opts) };
  if (scenario.sweep.length > 0) await lib.writeSweepReport(outDir, results, ro);
  else await lib.writeReport(outDir, results[0].result, ro);
  const summary = scenario.sweep.length > 0 ? 'sweep.json' : 'summary.json';
  if (opts.json) io.out(await readFile(join(outDir, summary), 'utf8'));
  else if (!opts.quiet) {
    io.out(`report: ${join(outDir, 'report.html')}\nsummary: ${join(outDir, 'summary.md')}\n`);
  }
}
