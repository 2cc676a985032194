import type { Command } from 'commander';
import type { CliIo } from '../io.js';

interface CompareOptions {
  out: string;
  charts: boolean;
  quiet?: boolean;
}

/** `hbsim compare DIR DIR…`: report directories side by side. */
export function registerCompare(program: Command, io: CliIo): void {
  program
    .command('compare')
    .description(
      'put several report directories side by side (same tables and charts, one group per input)',
    )
    .argument('<dirs...>', 'report directories written by hbsim run (two or more)')
    .requiredOption('-o, --out <dir>', 'directory for the comparison report')
    .option('--no-charts', 'skip the PNG/SVG charts')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      '\nExample:\n  hbsim compare reports/nat-5min reports/nat-30min --out reports/nat-compare',
    )
    .action(async (dirs: string[], opts: CompareOptions) => {
      const { UsageError } = await import('../errors.js');
      if (dirs.length < 2) throw new UsageError('compare needs at least two report directories');
      const lib = await import('../../index.js');
      await lib.compareReports(dirs, opts.out, { charts: opts.charts });
      if (!opts.quiet) io.out(`report: ${opts.out}/report.html\nsummary: ${opts.out}/summary.md\n`);
    });
}
