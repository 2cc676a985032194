import type { Command } from 'commander';
import { addFigureOptions, type FigureFlags, figureStyleOf } from '../figureOptions.js';
import type { CliIo } from '../io.js';

/** `hbsim report DIR`: redraw charts and HTML from a report's runs.json, without re-running. */
export function registerReport(program: Command, io: CliIo): void {
  const cmd = program
    .command('report')
    .description("rebuild a report's files, charts and HTML from its runs.json (no re-run)")
    .argument('<dir>', 'a report directory written by hbsim run')
    .option('--no-charts', 'skip the PNG/SVG charts')
    .option('-q, --quiet', 'print nothing on success')
    .action(async (dir: string, opts: FigureFlags & { charts: boolean; quiet?: boolean }) => {
      const lib = await import('../../index.js');
      await lib.rebuildReport(dir, { charts: opts.charts, figures: figureStyleOf(opts) });
      if (!opts.quiet) io.out(`report: ${dir}/report.html\n`);
    });
  addFigureOptions(cmd);
}
