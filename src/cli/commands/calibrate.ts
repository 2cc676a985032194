import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { calibrate } from '../../calibration/fit.js';
import { radioOverride, renderFit } from '../../calibration/render.js';
import { parseTable } from '../../calibration/table.js';
import { RADIO_PRESETS } from '../../model/radioPresets.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

interface CalibrateOptions {
  radio: string;
  voltage: string;
  rtt: string;
  fit?: string;
  json?: boolean;
}

function positiveNumber(flag: string, text: string): number {
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0)
    throw new UsageError(`${flag}: expected a number > 0, found "${text}"`);
  return v;
}

/** `hbsim calibrate`: thin wrapper; the fit is src/calibration/fit.ts. */
export function registerCalibrate(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description(
      "fit a radio preset's timers and powers to a measured current-vs-keep-alive-interval table",
    )
    .argument(
      '<table>',
      'text file: one "<interval>, <current mA>" per line (interval "none" = no keep-alive)',
    )
    .option(
      '--radio <preset>',
      `radio preset to start from (${Object.keys(RADIO_PRESETS).join(', ')})`,
      'umts3g',
    )
    .option('--voltage <V>', 'battery voltage the currents were measured at', '3.7')
    .option('--rtt <s>', 'round-trip time of one keep-alive exchange, seconds', '0.1')
    .option(
      '--fit <knobs>',
      'comma-separated knobs to fit (default: idle power, each tail length and power)',
    )
    .option('--json', 'print JSON instead of text')
    .addHelpText(
      'after',
      `
Examples:
  hbsim calibrate docs/data/haverinen-2007-3g.txt --radio umts3g --voltage 3.7
  hbsim calibrate my-phone.txt --radio lte --fit idlePowerW,tails.connected-drx.durationS

The fit minimises the sum of squared log ratios model/measured (Levenberg-Marquardt,
multi-start); see docs/model.md §2.5.`,
    )
    .action((file: string, opts: CalibrateOptions) => {
      const base = RADIO_PRESETS[opts.radio];
      if (!base)
        throw new UsageError(
          `--radio: expected one of ${Object.keys(RADIO_PRESETS).join(', ')}, found "${opts.radio}"`,
        );
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e}`);
      }
      const points = parseTable(text, file);
      const voltageV = positiveNumber('--voltage', opts.voltage);
      const rttS = positiveNumber('--rtt', opts.rtt);
      const fit = opts.fit
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const result = calibrate(base, points, { voltageV, rttS, fit });
      const command = `hbsim calibrate ${file} --radio ${opts.radio} --voltage ${opts.voltage} --rtt ${opts.rtt}${opts.fit ? ` --fit ${opts.fit}` : ''}`;
      if (opts.json) {
        io.out(
          `${JSON.stringify(
            {
              command,
              points: result.points.map((p) => ({
                ...p,
                intervalS: Number.isFinite(p.intervalS) ? p.intervalS : null,
              })),
              rmsErrorPct: result.rmsErrorPct,
              maxAbsErrorPct: result.maxAbsErrorPct,
              knobs: result.knobs,
              radio: radioOverride(opts.radio, base, result.radio),
            },
            null,
            2,
          )}\n`,
        );
      } else {
        io.out(renderFit(result, opts.radio, base, command));
      }
    });
}
