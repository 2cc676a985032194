import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calibrate, knobsOf } from '../../src/calibration/fit.js';
import { keepaliveCurrentMa } from '../../src/calibration/keepaliveCurve.js';
import { parseTable } from '../../src/calibration/table.js';
import type { RadioConfig } from '../../src/model/config.js';
import { LTE, UMTS3G, UMTS3G_HAVERINEN_2007 } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from '../model/helpers.js';

const V = 3.7;
const RTT = 0.1;
const HAVERINEN = parseTable(
  readFileSync(new URL('../../docs/data/haverinen-2007-3g.txt', import.meta.url), 'utf8'),
  'haverinen-2007-3g.txt',
);

describe('keep-alive current curve', () => {
  it('beyond the tail, I = (P_idle + E_x / T) / V with E_x one isolated exchange (LTE)', () => {
    // E_x = (P_prom − i)·d + (P_act − i)·a + (P_tail − i)·T_tail, every keep-alive from idle.
    const i = LTE.idlePowerW;
    const ex =
      (LTE.promotionPowerW - i) * LTE.promotionDelayS +
      (LTE.activePowerW - i) * RTT +
      (LTE.tails[0].powerW - i) * LTE.tails[0].durationS;
    for (const T of [60, 300]) {
      const oracle = (1000 * (i + ex / T)) / V;
      expect(keepaliveCurrentMa(LTE, T, V, RTT)).toBeCloseTo(oracle, 9);
    }
    expect(keepaliveCurrentMa(LTE, Number.POSITIVE_INFINITY, V, RTT)).toBeCloseTo(
      (1000 * i) / V,
      12,
    );
  });

  it('inside the LTE tail, I = (P_idle + ((P_act − i)·a + (P_tail − i)·(T − a)) / T) / V', () => {
    const i = LTE.idlePowerW;
    const T = 5; // < a + 10.1 s: every keep-alive finds the radio in its tail
    const oracle =
      (1000 * (i + ((LTE.activePowerW - i) * RTT + (LTE.tails[0].powerW - i) * (T - RTT)) / T)) / V;
    expect(keepaliveCurrentMa(LTE, T, V, RTT)).toBeCloseTo(oracle, 9);
  });
});

describe('hbsim calibrate: least-squares fit to a measured curve', () => {
  it('recovers a curve the model itself produced (exact fit, error < 0.5 % per point)', () => {
    // A synthetic "measured" table from known timers: the fit must find a preset that
    // reproduces it, whatever its starting point.
    const truth: RadioConfig = structuredClone(UMTS3G);
    truth.tails[0].durationS = 8;
    truth.tails[1].durationS = 30;
    truth.tails[1].powerW = 0.25;
    const intervals = [5, 15, 25, 60, 300, Number.POSITIVE_INFINITY];
    const table = intervals.map((t) => ({
      intervalS: t,
      currentMa: keepaliveCurrentMa(truth, t, V, RTT),
      label: String(t),
    }));
    const fit = calibrate(UMTS3G, table, { voltageV: V, rttS: RTT });
    expect(fit.maxAbsErrorPct).toBeLessThan(0.5);
  });

  it('Haverinen 2007: the fit reproduces all five points within 15 %', () => {
    const fit = calibrate(UMTS3G, HAVERINEN, { voltageV: V, rttS: RTT });
    for (const p of fit.points) expect(Math.abs(p.errorPct)).toBeLessThan(15);
    // The shipped preset is what this fit prints (4 significant digits).
    const shipped = knobsOf(UMTS3G).filter((k) => fit.knobs.some((f) => f.name === k.name));
    for (const k of shipped) expect(k.get(UMTS3G_HAVERINEN_2007)).toBe(k.get(fit.radio));
  });

  it('the shipped umts3g-haverinen2007 preset reproduces the five points within 15 % in the simulator', () => {
    // The whole world (connect, NAT, server), one phone for a day per interval; average
    // current = (P_idle + attributable J/day / 86 400 s) / V.
    const fixed = getStrategy('fixed')!.create;
    const R = { ...UMTS3G_HAVERINEN_2007, promotionDelay: undefined };
    for (const p of HAVERINEN) {
      const interval = Number.isFinite(p.intervalS) ? p.intervalS : 30 * 86_400;
      const res = runWorld(
        runConfig({
          carriers: [carrier(3600, { name: 'lte', radio: R })],
          groups: [group()],
          strategy: strategy('fixed', { intervalS: interval }),
        }),
        fixed,
      );
      const mA = (1000 * (R.idlePowerW + res.metrics.energyJPerPhoneDay / 86_400)) / V;
      expect(Math.abs(mA - p.currentMa) / p.currentMa).toBeLessThan(0.15);
    }
  });

  it('bad tables and knob names are usage errors naming the file, line, expected and found', () => {
    expect(() => parseTable('20s, 34\nabc, 5\n', 'm.txt')).toThrow(
      /m\.txt:2: expected an interval .* found "abc"/,
    );
    expect(() => parseTable('20s, -1\n30, 2\n', 'm.txt')).toThrow(
      /m\.txt:1: expected a current in mA > 0, found "-1"/,
    );
    expect(() => parseTable('20s, 34\n', 'm.txt')).toThrow(/at least 2 points, found 1/);
    expect(() => calibrate(UMTS3G, HAVERINEN, { voltageV: V, rttS: RTT, fit: ['nope'] })).toThrow(
      /--fit: expected knob names .* found "nope"/,
    );
  });
});
