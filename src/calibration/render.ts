import { stringify } from 'yaml';
import type { RadioConfig } from '../model/config.js';
import type { FitResult } from './fit.js';

/** The fitted radio as a scenario `radio:` mapping: the base preset and what the fit moved. */
export function radioOverride(presetName: string, base: RadioConfig, fitted: RadioConfig) {
  const out: Record<string, unknown> = { preset: presetName };
  for (const key of ['idlePowerW', 'promotionDelayS', 'promotionPowerW', 'activePowerW'] as const)
    if (fitted[key] !== base[key]) out[key] = fitted[key];
  if (JSON.stringify(fitted.tails) !== JSON.stringify(base.tails)) out.tails = fitted.tails;
  if (fitted.fach && JSON.stringify(fitted.fach) !== JSON.stringify(base.fach))
    out.fach = fitted.fach;
  return out;
}

/** +1.2% / −3.4%, and +0.0% rather than −0.0%. */
function signedPct(x: number): string {
  const t = x.toFixed(1);
  return t.startsWith('-') && t !== '-0.0' ? `${t}%` : `+${t.replace('-', '')}%`;
}

function fmtInterval(s: number): string {
  return Number.isFinite(s) ? `${s} s` : 'none';
}

/** The per-point table and the preset, as `hbsim calibrate` prints them. */
export function renderFit(
  r: FitResult,
  presetName: string,
  base: RadioConfig,
  command: string,
): string {
  const lines = [
    `Fit of radio preset ${presetName} (${r.knobs.length} knobs, ${r.starts} starting points):`,
    '',
    '  interval    measured mA   model mA   error',
    ...r.points.map(
      (p) =>
        `  ${fmtInterval(p.intervalS).padEnd(10)}  ${p.measuredMa.toFixed(2).padStart(11)}  ${p.modelMa
          .toFixed(2)
          .padStart(9)}  ${signedPct(p.errorPct).padStart(7)}`,
    ),
    '',
    `  rms error ${r.rmsErrorPct.toFixed(1)}%, largest ${r.maxAbsErrorPct.toFixed(1)}%`,
    '',
    '  knob                          before      after',
    ...r.knobs.map(
      (k) =>
        `  ${k.name.padEnd(28)}  ${String(Number(k.before.toPrecision(4))).padStart(8)}  ${String(k.after).padStart(9)}`,
    ),
    '',
    `# ${command}`,
    '# Use under a carrier: carriers: [{ name: my-phone, radio: <this mapping> }]',
    stringify({ radio: radioOverride(presetName, base, r.radio) }).trimEnd(),
  ];
  return `${lines.join('\n')}\n`;
}
