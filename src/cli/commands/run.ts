import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { Scenario } from '../../scenario/scenario.js';
import { formatDuration } from '../../scenario/units.js';
import { InterruptedError } from '../errors.js';
import { watchInterrupt } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { collect, durationText, nonNegativeInt, positiveInt } from '../options.js';
import { createProgress, type RunDoneInfo } from '../progress.js';

interface RunOptions {
  out?: string;
  seed?: number;
  replications?: number;
  duration?: string;
  set?: string[];
  charts: boolean;
  quiet?: boolean;
  json?: boolean;
  jobs?: number;
}

export function registerRun(program: Command, io: CliIo): void {
  program
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
    .option('--no-charts', 'skip the PNG/SVG charts (faster)')
    .option(
      '-j, --jobs <n>',
      'worker threads (default: one per core; 0: run in this process)',
      nonNegativeInt,
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
  hbsim run my.yaml --json --quiet | jq '.strategies[].name'

Progress goes to stderr; the report directory is replaced only when a run completes
(Ctrl-C leaves the previous report untouched).`,
    )
    .action((file: string | undefined, opts: RunOptions) => runScenario(file, opts, io));
}

function announce(scenario: Scenario, outDir: string, opts: RunOptions, io: CliIo): void {
  if (scenario.sweep.length > 0) {
    io.err(
      `hbsim: note: \`hbsim run\` does not run the sweep (${scenario.sweep.length} points); running the scenario as written\n`,
    );
  }
  if (opts.quiet) return;
  io.err(
    `hbsim: ${scenario.name}: ${scenario.phones} phones, ${formatDuration(scenario.durationS)}, ` +
      `${scenario.strategies.length} strategies × ${scenario.replications} replications → ${outDir}\n`,
  );
}

async function runScenario(file: string | undefined, opts: RunOptions, io: CliIo): Promise<void> {
  const scenario = await loadForCli(file, opts.set, opts);
  const outDir = opts.out ?? scenario.output.dir ?? join('reports', scenario.name);
  // Watch for Ctrl-C before anything slow happens, so an early press is a clean stop too.
  const interrupt = watchInterrupt(io);
  try {
    announce(scenario, outDir, opts, io);
    // Loaded here, not at the top: validate/list/schema start fast without the engine.
    const { runExperiment, writeReport } = await import('../../index.js');
    const progress = createProgress(io, {
      quiet: opts.quiet === true,
      total: scenario.strategies.length * scenario.replications,
    });
    let result: Awaited<ReturnType<typeof runExperiment>>;
    try {
      result = await runExperiment(scenario, {
        signal: interrupt.signal,
        onRunDone: (info: RunDoneInfo) => progress.onRunDone(info),
        jobs: opts.jobs,
      });
    } catch (e) {
      if (interrupt.signal.aborted) throw new InterruptedError();
      throw e;
    } finally {
      progress.stop();
    }
    if (interrupt.signal.aborted) throw new InterruptedError();
    await writeReport(outDir, result, { charts: opts.charts && scenario.output.charts });
  } finally {
    interrupt.dispose();
  }
  if (opts.json) io.out(await readFile(join(outDir, 'summary.json'), 'utf8'));
  else if (!opts.quiet) {
    io.out(`report: ${join(outDir, 'report.html')}\nsummary: ${join(outDir, 'summary.md')}\n`);
  }
}
