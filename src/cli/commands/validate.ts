import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { defaultMemoryBudget, estimateCost, overBudget } from '../../experiment/estimate.js';
import { ScenarioError } from '../../scenario/errors.js';
import { scenarioAtPoint } from '../../scenario/resolve.js';
import { EXIT } from '../errors.js';
import type { CliIo } from '../io.js';
import { loadForCli } from '../loadScenario.js';
import { collect } from '../options.js';

interface ValidateOptions {
  set?: string[];
  quiet?: boolean;
}

export function registerValidate(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
): void {
  program
    .command('validate')
    .description('check scenario files without running them (exit 2 if any is invalid)')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--set <path=value>', 'override a field before checking (repeatable)', collect)
    .option('-q, --quiet', 'print only problems')
    .addHelpText(
      'after',
      `
Examples:
  hbsim validate scenarios/*.yaml
  hbsim validate my.yaml --set groups.0.count=100000`,
    )
    .action(async (files: string[], opts: ValidateOptions) => {
      let failed = 0;
      for (const file of files) {
        try {
          const s = await loadForCli(file, opts.set ?? []);
          // What `hbsim run` would refuse before starting is invalid here too.
          const points = s.sweep.length > 0 ? s.sweep.map((p) => scenarioAtPoint(s, p)) : [s];
          const problem = overBudget(estimateCost(points, defaultJobs()), defaultMemoryBudget());
          if (problem) {
            failed++;
            io.err(
              `${file}: hbsim run would refuse to start it: ${problem} (run --force overrides)\n`,
            );
            continue;
          }
          if (!opts.quiet) {
            const sweep = s.sweep.length ? `, ${s.sweep.length} sweep points` : '';
            const strategies = plural(s.strategies.length, 'strategy', 'strategies');
            const reps = plural(s.replications, 'replication', 'replications');
            io.out(
              `ok ${file}: ${s.name}, ${plural(s.phones, 'phone', 'phones')}, ${strategies} × ${reps}${sweep}, hash ${s.hash}\n`,
            );
          }
        } catch (e) {
          if (!(e instanceof ScenarioError)) throw e;
          failed++;
          io.err(`${e.message}\n`);
        }
      }
      if (failed > 0) {
        io.err(`${failed} of ${files.length} scenario${files.length === 1 ? '' : 's'} invalid\n`);
        setExit(EXIT.badInput);
      }
    });
}

function defaultJobs(): number {
  return availableParallelism();
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
