/**
 * The figure flags every command that draws charts takes: `--style paper` and the size and
 * font of the chart files. Invalid values are usage errors that name the flag.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  FIGURE_STYLE_NAMES,
  type FigureStyle,
  figureStyle,
  parseFigureSize,
} from '../report/figureStyle.js';

export interface FigureFlags {
  style: FigureStyle['name'];
  figureSize?: { width: number; height: number };
  fontFamily?: string;
  fontSize?: number;
}

function sizeArg(value: string): { width: number; height: number } {
  const r = parseFigureSize(value);
  if (typeof r === 'string') throw new InvalidArgumentError(`${r}.`);
  return r;
}

function fontSizeArg(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || n < 4 || n > 48) {
    throw new InvalidArgumentError('expected a font size in px (= pt) between 4 and 48.');
  }
  return n;
}

function fontFamilyArg(value: string): string {
  if (value.trim() === '' || /[<>"&;{}]/.test(value)) {
    throw new InvalidArgumentError('expected a font family list such as "Times New Roman, serif".');
  }
  return value.trim();
}

export function addFigureOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--style <name>',
        'look of the chart files: screen (titled) or paper (no title, compact)',
      )
        .choices([...FIGURE_STYLE_NAMES])
        .default('screen'),
    )
    .option(
      '--figure-size <WxH>',
      'chart file size, e.g. 3.5x2.4in, 9x6cm or 360x240 (px = pt); paper default 5x3.33in',
      sizeArg,
    )
    .option(
      '--font-family <list>',
      'font of the chart files, e.g. "Times New Roman, serif"',
      fontFamilyArg,
    )
    .option('--font-size <pt>', 'base font size of the chart files (paper default 9)', fontSizeArg);
}

export function figureStyleOf(flags: FigureFlags): FigureStyle {
  return figureStyle(flags.style, {
    width: flags.figureSize?.width,
    height: flags.figureSize?.height,
    fontFamily: flags.fontFamily,
    fontSize: flags.fontSize,
  });
}
