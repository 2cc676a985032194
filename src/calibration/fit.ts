import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { RadioConfig } from '../model/config.js';
import { keepaliveCurrentMa } from './keepaliveCurve.js';
import type { MeasuredPoint } from './table.js';

/**
 * Fits a radio preset's timers and powers to a measured current-vs-keep-alive-interval
 * table by least squares on the log ratios, Σ_k ln(model_k / measured_k)², with the model's
 * own keep-alive curve (keepaliveCurve.ts). Log ratios weigh every point by its relative
 * error, as a power monitor's error is, and a model 15 % low costs as much as one 15 % high
 * in ratio terms (plain relative errors would let the fit undershoot more than overshoot).
 *
 * Optimiser: Levenberg–Marquardt from mljs (`ml-levenberg-marquardt`), on the logarithm of
 * each free parameter (so every value stays positive and a step is relative), within bounds.
 * The curve is piecewise smooth: it jumps where a tail stage's length crosses an interval
 * (the keep-alive then finds the radio up instead of idle). LM only sees the local slope, so
 * it is started from a grid of tail lengths (each tail at its preset length, half of each
 * measured interval and 1.2 × each) and the best end point is kept.
 */

/** One parameter the fit may move: how to read and write it on a RadioConfig. */
export interface Knob {
  name: string;
  get(r: RadioConfig): number;
  set(r: RadioConfig, v: number): void;
  min: number;
  max: number;
  /** A tail duration: its starting values come from the grid. */
  isTailDuration: boolean;
}

const POWER = { min: 0.001, max: 3 };
const DURATION = { min: 0.05, max: 900 };

/** Every knob a radio offers, by name. */
export function knobsOf(base: RadioConfig): Knob[] {
  const knobs: Knob[] = [
    field('idlePowerW', POWER),
    field('promotionDelayS', { min: 0.01, max: 10 }),
    field('promotionPowerW', POWER),
    field('activePowerW', POWER),
  ];
  // The DCH state and its tail draw one power in ARO's 3G model (POWER_DCH): when the
  // preset has them equal, the first tail's power knob moves both.
  const tied = base.tails.length > 0 && base.tails[0].powerW === base.activePowerW;
  base.tails.forEach((t, k) => {
    knobs.push({
      name: `tails.${t.name}.durationS`,
      get: (r) => r.tails[k].durationS,
      set: (r, v) => {
        r.tails[k].durationS = v;
      },
      ...DURATION,
      isTailDuration: true,
    });
    knobs.push({
      name: `tails.${t.name}.powerW`,
      get: (r) => r.tails[k].powerW,
      set: (r, v) => {
        r.tails[k].powerW = v;
        if (k === 0 && tied) r.activePowerW = v;
      },
      ...POWER,
      isTailDuration: false,
    });
  });
  if (base.fach) {
    knobs.push({
      name: 'fach.promotionDelayS',
      get: (r) => r.fach?.promotionDelayS ?? 0,
      set: (r, v) => {
        if (r.fach) r.fach.promotionDelayS = v;
      },
      min: 0.01,
      max: 10,
      isTailDuration: false,
    });
    knobs.push({
      name: 'fach.promotionPowerW',
      get: (r) => r.fach?.promotionPowerW ?? 0,
      set: (r, v) => {
        if (r.fach) r.fach.promotionPowerW = v;
      },
      ...POWER,
      isTailDuration: false,
    });
  }
  return knobs;
}

function field(
  name: 'idlePowerW' | 'promotionDelayS' | 'promotionPowerW' | 'activePowerW',
  bounds: { min: number; max: number },
): Knob {
  return {
    name,
    get: (r) => r[name],
    set: (r, v) => {
      r[name] = v;
    },
    ...bounds,
    isTailDuration: false,
  };
}

/**
 * The knobs fitted when the user names none: the idle power and every tail stage's length
 * and power (DCH power with its tail when they are equal) — for a 3G preset five knobs,
 * as many as a five-point table determines. The promotion stays as measured: its delay
 * shapes push latency, which a current table cannot show, and its energy is confounded
 * with the tails' in such a table.
 */
export function defaultKnobNames(base: RadioConfig): string[] {
  const tied = base.tails.length > 0 && base.tails[0].powerW === base.activePowerW;
  const names = ['idlePowerW'];
  if (!tied) names.push('activePowerW');
  for (const t of base.tails) names.push(`tails.${t.name}.durationS`, `tails.${t.name}.powerW`);
  return names;
}

export interface FitOptions {
  voltageV: number;
  rttS: number;
  /** Knob names to fit; default defaultKnobNames(base). */
  fit?: string[];
  maxIterations?: number;
}

export interface FittedPoint {
  label: string;
  intervalS: number;
  measuredMa: number;
  modelMa: number;
  /** 100 × (model − measured) / measured. */
  errorPct: number;
}

export interface FitResult {
  radio: RadioConfig;
  points: FittedPoint[];
  /** Root mean square of the relative errors, %. */
  rmsErrorPct: number;
  maxAbsErrorPct: number;
  knobs: { name: string; before: number; after: number }[];
  starts: number;
}

/** Unknown knob names: a usage error naming the valid ones. */
export class CalibrationError extends Error {
  override name = 'UsageError';
}

export function calibrate(
  base: RadioConfig,
  measured: MeasuredPoint[],
  opts: FitOptions,
): FitResult {
  const all = knobsOf(base);
  const names = opts.fit ?? defaultKnobNames(base);
  const knobs = names.map((n) => {
    const k = all.find((x) => x.name === n);
    if (!k)
      throw new CalibrationError(
        `--fit: expected knob names of this radio (${all.map((x) => x.name).join(', ')}), found "${n}"`,
      );
    return k;
  });
  const build = (logs: ArrayLike<number>): RadioConfig => {
    const r = structuredClone(base);
    knobs.forEach((k, j) => {
      k.set(r, Math.exp(logs[j]));
    });
    return r;
  };
  const model = (r: RadioConfig): number[] =>
    measured.map((p) => keepaliveCurrentMa(r, p.intervalS, opts.voltageV, opts.rttS));
  const cost = (r: RadioConfig): number =>
    model(r).reduce((s, m, k) => s + Math.log(m / measured[k].currentMa) ** 2, 0);

  const data = { x: measured.map((_, k) => k), y: measured.map(() => 0) };
  // One model evaluation per parameter vector: LM asks for every x of the same vector.
  const logRatio = (logs: number[]) => {
    const m = model(build(logs));
    return (k: number) => Math.log(m[k] / measured[k].currentMa);
  };
  const minValues = knobs.map((k) => Math.log(k.min));
  const maxValues = knobs.map((k) => Math.log(k.max));

  let best = { logs: knobs.map((k) => Math.log(k.get(base))), cost: cost(base) };
  const starts = startingPoints(base, knobs, measured);
  for (const start of starts) {
    const out = levenbergMarquardt(data, logRatio, {
      initialValues: start.map(Math.log),
      minValues,
      maxValues,
      damping: 1e-2,
      gradientDifference: 1e-3,
      centralDifference: false,
      maxIterations: opts.maxIterations ?? 50,
      errorTolerance: 1e-10,
    });
    const c = cost(build(out.parameterValues));
    if (c < best.cost) best = { logs: out.parameterValues, cost: c };
  }

  // The preset is printed with 4 significant digits; report the errors of what is printed.
  const radio = build(best.logs);
  for (const k of knobs) k.set(radio, Number(k.get(radio).toPrecision(4)));
  const values = model(radio);
  const points = measured.map((p, k) => ({
    label: p.label,
    intervalS: p.intervalS,
    measuredMa: p.currentMa,
    modelMa: values[k],
    errorPct: (100 * (values[k] - p.currentMa)) / p.currentMa,
  }));
  return {
    radio,
    points,
    rmsErrorPct: Math.sqrt(points.reduce((s, p) => s + p.errorPct ** 2, 0) / points.length),
    maxAbsErrorPct: Math.max(...points.map((p) => Math.abs(p.errorPct))),
    knobs: knobs.map((k) => ({ name: k.name, before: k.get(base), after: k.get(radio) })),
    starts: starts.length,
  };
}

/**
 * Starting vectors: every knob at the preset's value, except tail lengths, which take every
 * combination of {preset, ½ × each measured interval, 1.2 × each measured interval}.
 */
function startingPoints(base: RadioConfig, knobs: Knob[], measured: MeasuredPoint[]): number[][] {
  const finite = measured.map((p) => p.intervalS).filter(Number.isFinite);
  let starts: number[][] = [knobs.map((k) => k.get(base))];
  knobs.forEach((k, j) => {
    if (!k.isTailDuration) return;
    const candidates = [
      k.get(base),
      ...finite.flatMap((i) => [0.5 * i, 1.2 * i]).map((v) => Math.min(k.max, Math.max(k.min, v))),
    ];
    starts = starts.flatMap((s) =>
      candidates.map((c) => {
        const next = s.slice();
        next[j] = c;
        return next;
      }),
    );
  });
  return starts;
}
