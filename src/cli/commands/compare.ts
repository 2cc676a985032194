import type { Command } from 'commander';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import type { CliIo } from '../io.js';
import { collect } from '../options.js';

interface CompareOptions extends FigureFlags {
  label?: string[];
  out: string;
  charts: boolean;
  quiet?: boolean;
}

/** `hbsim compare DIR DIR…`: report directories side by side. */
export function registerCompare(program: Command, io: CliIo): void {
  const cmd = program
    .command('compare')
    .description(
      'put several report directories side by side (same tables and charts, one group per input)',
    )
    .argument('<dirs...>', 'report directories written by hbsim run (two or more)')
    .requiredOption('-o, --out <dir>', 'directory for the comparison report')
    .option('--no-charts', 'skip the PNG/SVG charts')
    .option(
      '-l, --label <name>',
      'name of an input in tables and legends (repeatable: one per input, in order)',
      collect,
    )
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
The report says how each input's scenario differs from the first one's and, where two
inputs used the same seed, gives paired differences (common random numbers).

Example:
  hbsim compare reports/nat-5min reports/nat-30min -l "5-min NAT" -l "30-min NAT" --out reports/nat-compare`,
    )
    .action(async (dirs: string[], opts: CompareOptions) => {
      const { UsageError } = await import('../errors.js');
      if (dirs.length < 2) throw new UsageError('compare needs at least two report directories');
      if (opts.label && opts.label.length !== dirs.length) {
        throw new UsageError(
          `--label: give one label per input (${dirs.length} inputs, ${opts.label.length} labels)`,
        );
      }
      const lib = await import('../../index.js');
      await lib.compareReports(dirs, opts.out, {
        charts: opts.charts,
        figures: figureStyleOf(opts),
        labels: opts.label,
      });
      if (!opts.quiet) io.out(`report: ${opts.out}/report.html\nsummary: ${opts.out}/summary.md\n`);
    });
  addFigureOptions(cmd);
}
