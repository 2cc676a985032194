import type { Command } from 'commander';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import type { CliIo } from '../io.js';
import { checkReportOutput } from '../outputs.js';

interface MergeOptions extends FigureFlags {
  out: string;
  charts: boolean;
  quiet?: boolean;
}

/** `hbsim merge DIR…`: combine the shard directories of one experiment into its report. */
export function registerMerge(program: Command, io: CliIo): void {
  const cmd = program
    .command('merge')
    .description('combine the --out directories of `hbsim run --shard i/n` into one report')
    .argument('<dirs...>', 'shard directories (all shards of one scenario)')
    .requiredOption('-o, --out <dir>', 'report directory to write')
    .option('--no-charts', 'skip the PNG/SVG charts')
    .option('-q, --quiet', 'print nothing on success')
    .addHelpText(
      'after',
      `
Example (a 16-shard job array):
  hbsim run knee.yaml --shard $i/16 --out shards/$i     # one per array task
  hbsim merge shards/* --out reports/knee                # once all have finished`,
    )
    .action(async (dirs: string[], opts: MergeOptions) => {
      // The output is checked before the shards are read: a bad --out costs nothing.
      await checkReportOutput(opts.out);
      const lib = await import('../../index.js');
      const points = await lib.mergeShards(dirs);
      const sweep = points.length > 1 || points[0].point !== undefined;
      const ro = { charts: opts.charts, figures: figureStyleOf(opts) };
      if (sweep) await lib.writeSweepReport(opts.out, points, ro);
      else await lib.writeReport(opts.out, points[0].result, ro);
      if (!opts.quiet) io.out(`report: ${opts.out}/report.html\nsummary: ${opts.out}/summary.md\n`);
    });
  addFigureOptions(cmd);
}
