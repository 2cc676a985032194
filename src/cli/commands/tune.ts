import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { ScenarioError } from '../../scenario/errors.js';
import type { Scenario } from '../../scenario/scenario.js';
import { InterruptedError } from '../errors.js';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import { watchInterrupt } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { collect, nonNegativeInt, positiveDurationSeconds } from '../options.js';
import { outputPath, prepareRunOutputs, scenarioOutputDir } from '../outputs.js';
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

Writes tune.csv (every candidate), tune.json (the answer, with intervals and the probability
that the constraints hold), tuned.yaml (the strategy as a scenario entry, also printed),
summary.md, report.html and charts/. The same seed gives the same result for any --jobs.
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
  const outDir =
    cliOut ?? outputPath(scenarioOutputDir(scenario) ?? join('reports', `${scenario.name}-tune`));
  const lib = await import('../../tune/index.js');
  requirePluginPermission([scenario], opts.allowPlugins === true, file);
  const jobs = effectiveJobs(opts.jobs, io, opts.quiet === true);
  const outputs = await prepareRunOutputs(outDir, scenario, { shard: false, dryRun: false });
  const spec = scenario.tune!;
  if (!opts.quiet) {
    io.err(
      `hbsim: tuning ${spec.strategy} of ${scenario.name} (${spec.params.map((p) => p.path).join(', ')}; ${spec.objective.goal === 'min' ? 'minimise' : 'maximise'} ${spec.objective.metric}${spec.constraints.length > 0 ? ` s.t. ${spec.constraints.map((c) => `${c.metric} ${c.op} ${c.bound}`).join(', ')}` : ''}) → ${outDir}\n`,
    );
  }
  const tty = io.errIsTTY && !opts.quiet;
  let last = '';
  const bad: string[] = [];
  const evaluator = new lib.Evaluator({
    jobs,
    signal,
    checkpointDir: outputs.checkpointDir,
    resume: opts.resume === true,
    pluginTimeoutS: opts.pluginTimeout,
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
        io.err(`\r\x1b[2K${last}`);
      },
    });
  } catch (e) {
    if (signal.aborted) throw new InterruptedError();
    throw e;
  } finally {
    if (tty && last) io.err('\n');
  }
  if (signal.aborted) throw new InterruptedError();
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
    `hbsim: ${evaluator.units} runs (${evaluator.reused} reused), ${Math.round(result.phoneDays)} simulated phone-days, ${wallS.toFixed(1)} s\n`,
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
