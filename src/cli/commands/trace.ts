import type { Command } from 'commander';
import { didYouMean } from '../../scenario/suggest.js';
import { formatDuration } from '../../scenario/units.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { requirePluginPermission } from '../plugins.js';
import { collect, durationSeconds, durationText, nonNegativeInt } from '../options.js';

interface TraceOptions {
  phone: number;
  strategy?: string;
  until?: string;
  seed?: number;
  set?: string[];
  allowPlugins?: boolean;
}

export function registerTrace(program: Command, io: CliIo): void {
  program
    .command('trace')
    .description('print every event of one phone as JSON lines (debugging a strategy or a model)')
    .argument('<file>', 'scenario file')
    .requiredOption(
      '-p, --phone <n>',
      'phone index (0-based, across groups in file order)',
      nonNegativeInt,
    )
    .option('-s, --strategy <name>', 'strategy to trace (default: the baseline)')
    .option(
      '-u, --until <duration>',
      'stop after this much simulated time (default: the whole run)',
      durationText,
    )
    .option('--seed <n>', 'master random seed (overrides the file)', nonNegativeInt)
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect)
    .option('--allow-plugins', 'run the strategy modules the scenario names (they are code)')
    .addHelpText(
      'after',
      `
Each line is one JSON record: t (s), phone, event, and the event's fields; causes and
apps by name, the network, the NAT mapping's idle timeout (natTimeoutS) and the radio
state. Every event and field: docs/trace.md.

Examples:
  hbsim trace scenarios/five-min-nat.yaml --phone 0 --strategy smart --until 2h
  hbsim trace scenarios/five-min-nat.yaml -p 0 -s smart -u 6h | jq -c 'select(.event == "connection-lost")'
  hbsim trace scenarios/five-min-nat.yaml -p 0 -s fixed-28min -u 6h | jq -r 'select(.event | startswith("heartbeat")) | [.t, .event, .interval, .natTimeoutS] | @tsv'`,
    )
    .action(async (file: string, opts: TraceOptions) => {
      const scenario = await loadForCli(file, opts.set, { seed: opts.seed });
      requirePluginPermission([scenario], opts.allowPlugins === true, file);
      if (opts.phone >= scenario.phones) {
        throw new UsageError(
          `--phone ${opts.phone}: the scenario has ${scenario.phones} phones (0..${scenario.phones - 1})`,
        );
      }
      const names = scenario.strategies.map((s) => s.name);
      const strategy = opts.strategy ?? scenario.baseline;
      if (!names.includes(strategy)) {
        const hint = didYouMean(strategy, names);
        throw new UsageError(
          `--strategy ${strategy}: no such strategy in ${file} (${names.join(', ')})${hint ? `; ${hint}` : ''}`,
        );
      }
      // A trace runs from a cold start: an explicit warm-up, then the measured window.
      const endS = scenario.warmupS + scenario.durationS;
      const untilS = opts.until === undefined ? endS : durationSeconds(opts.until);
      if (untilS > endS) {
        throw new UsageError(
          `--until ${opts.until}: past the end of the run (${formatDuration(endS)})`,
        );
      }
      const { traceRun } = await import('../../index.js');
      // traceRun may hand back an array or an async iterable; `for await` takes both.
      const records = await traceRun(scenario, { phone: opts.phone, strategy, untilS });
      for await (const record of records) io.out(`${JSON.stringify(record)}\n`);
    });
}
