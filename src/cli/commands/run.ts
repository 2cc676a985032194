import { readFile, rm } from 'node:fs/promises';
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
import { collect, durationText, nonNegativeInt, positiveInt } from '../options.js';
import { createProgress, type RunDoneInfo } from '../progress.js';

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
      'worker threads (default: one per core; 0: run in this process)',
      nonNegativeInt,
    )
    .option('--resume', 'reuse the runs finished before an interruption (from <out>.units/)')
    .option(
      '--shard <i/n>',
      'run only shard i of n of the units and write them to --out (combine with hbsim merge)',
      shardText,
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
  hbsim run my.yaml --json --quiet | jq '.strategies[].name'

Progress goes to stderr. Every finished run is checkpointed in <out>.units/ (removed when the
report is written); the report directory is replaced only when the whole experiment is done,
so Ctrl-C leaves the previous report untouched and --resume picks up where it stopped.`,
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
  opts: RunOptions,
  io: CliIo,
): void {
  if (opts.quiet) return;
  const sweep = scenario.sweep.length > 0 ? `${scenario.sweep.length} sweep points × ` : '';
  const shard = opts.shard
    ? ` (shard ${opts.shard.index}/${opts.shard.count}: ${units} units)`
    : '';
  io.err(
    `hbsim: ${scenario.name}: ${scenario.phones} phones, ${formatDuration(scenario.durationS)}, ` +
      `${sweep}${scenario.strategies.length} strategies × ${scenario.replications} replications${shard} → ${outDir}\n`,
  );
}

async function runScenario(file: string | undefined, opts: RunOptions, io: CliIo): Promise<void> {
  const scenario = await loadForCli(file, opts.set, opts);
  const outDir = opts.out ?? scenario.output.dir ?? join('reports', scenario.name);
  // Watch for Ctrl-C before anything slow happens, so an early press is a clean stop too.
  const interrupt = watchInterrupt(io);
  try {
    // Loaded here, not at the top: validate/list/schema start fast without the engine.
    const lib = await import('../../index.js');
    const points = lib.pointScenarios(scenario);
    const units = lib.shardUnits(lib.enumerateUnits(points), opts.shard);
    announce(scenario, outDir, units.length, opts, io);
    // A shard writes its units into --out itself; a whole run checkpoints next to the report.
    const checkpointDir = opts.shard ? outDir : `${outDir}.units`;
    await lib.writeShardManifest(checkpointDir, scenario);
    const progress = createProgress(io, { quiet: opts.quiet === true, total: units.length });
    let results: Awaited<ReturnType<typeof lib.runScenarioPoints>>;
    try {
      results = await lib.runScenarioPoints(scenario, {
        signal: interrupt.signal,
        onRunDone: (info: RunDoneInfo) => progress.onRunDone(info),
        jobs: opts.jobs,
        checkpointDir,
        resume: opts.resume === true || opts.shard !== undefined,
        shard: opts.shard,
      });
    } catch (e) {
      if (interrupt.signal.aborted) throw new InterruptedError();
      throw e;
    } finally {
      progress.stop();
    }
    if (interrupt.signal.aborted) throw new InterruptedError();
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
    const ro = { charts, figures: figureStyleOf(opts) };
    if (scenario.sweep.length > 0) await lib.writeSweepReport(outDir, results, ro);
    else await lib.writeReport(outDir, results[0].result, ro);
    await rm(checkpointDir, { recursive: true, force: true });
  } finally {
    interrupt.dispose();
  }
  const summary = scenario.sweep.length > 0 ? 'sweep.json' : 'summary.json';
  if (opts.json) io.out(await readFile(join(outDir, summary), 'utf8'));
  else if (!opts.quiet) {
    io.out(`report: ${join(outDir, 'report.html')}\nsummary: ${join(outDir, 'summary.md')}\n`);
  }
}
