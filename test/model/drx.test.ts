import { describe, expect, it } from 'vitest';
import type { RadioConfig } from '../../src/model/config.js';
import { drxAveragePowerW, drxMeanWait, drxWaitAt } from '../../src/model/drx.js';
import { RadioBank } from '../../src/model/radio.js';
import { isolatedExchangeExcessJ, LTE, LTE_CDRX } from '../../src/model/radioPresets.js';
import { PHONE_BYTES, records } from '../../src/model/records.js';
import { runWorld } from '../../src/model/run.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Connected-mode DRX oracle (docs/model.md §2.6), `lte-cdrx` from ARO lte.conf:
 * continuous reception 0.1 s at P_b = 1.06 W; short DRX 0.02 s, T_on = 2 ms at P_on = 1.68 W
 * every T_c = 20 ms; long DRX 10 s, 2 ms every 40 ms. Average of a DRX stage:
 * P̄ = P_b + (P_on − P_b)·T_on/T_c; wait of downlink data x into a stage: 0 if x mod T_c < T_on,
 * else T_c − x mod T_c; mean (T_c − T_on)²/(2 T_c).
 */
const a = 0.1;
const END = 1000;

function bank(r: RadioConfig): RadioBank {
  const { f, i } = records(1, PHONE_BYTES);
  const b = new RadioBank([r], 1, 0, END, f, i);
  b.setInitialProfile(0, 0);
  return b;
}

describe('C-DRX tail (lte-cdrx)', () => {
  it('stage powers are the duty-cycle averages: 1.06 + 0.62·2/20 = 1.122 W, 1.06 + 0.62·2/40 = 1.091 W', () => {
    const [cr, short, long] = LTE_CDRX.tails;
    expect(cr.powerW).toBe(1.06);
    expect(short.powerW).toBeCloseTo(1.06 + (0.62 * 0.002) / 0.02, 12);
    expect(long.powerW).toBeCloseTo(1.06 + (0.62 * 0.002) / 0.04, 12);
    expect(drxAveragePowerW(long.drx!)).toBeCloseTo(1.091, 12);
  });

  it('one isolated exchange: (P_p − i)d + (P_a − i)a + Σ (P̄_k − i)T_k = 11.26 J', () => {
    const b = bank(LTE_CDRX);
    expect(b.transfer(0, 0, a)).toBe(LTE.promotionDelayS);
    b.finish();
    const i = 0.02;
    const oracle =
      (1.21 - i) * 0.26 +
      (1.2 - i) * a +
      (1.06 - i) * 0.1 +
      (1.06 + (0.62 * 0.002) / 0.02 - i) * 0.02 +
      (1.06 + (0.62 * 0.002) / 0.04 - i) * 10;
    expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
    expect(b.excessJ[0]).toBeCloseTo(isolatedExchangeExcessJ(LTE_CDRX, a), 9);
    expect(oracle).toBeCloseTo(11.2634, 4);
  });

  it('downlink wait: none in continuous reception, the next on-duration in DRX', () => {
    const b = bank(LTE_CDRX);
    b.transfer(0, 0, a); // active until 0.36
    const e = 0.26 + a;
    expect(b.drxWait(0, e - 0.01)).toBe(0); // active
    expect(b.drxWait(0, e + 0.05)).toBe(0); // continuous reception
    // Short DRX starts at e + 0.1: 5 ms in → wait 20 − 5 = 15 ms; 1 ms in → on-duration.
    expect(b.drxWait(0, e + 0.1 + 0.005)).toBeCloseTo(0.015, 9);
    expect(b.drxWait(0, e + 0.1 + 0.001)).toBe(0);
    // Long DRX starts at e + 0.12: 10 ms into a cycle → 30 ms.
    expect(b.drxWait(0, e + 0.12 + 4 * 0.04 + 0.01)).toBeCloseTo(0.03, 9);
    expect(b.drxWait(0, e + 20)).toBe(0); // idle: paging, not DRX
    expect(bank(LTE).drxWait(0, 1)).toBe(0); // the flat `lte` tail never waits
  });

  it('mean wait over the long-DRX stage = (T_c − T_on)²/(2 T_c) = 18.05 ms', () => {
    const d = LTE_CDRX.tails[2].drx!;
    let sum = 0;
    const n = 100_000;
    for (let k = 0; k < n; k++) sum += drxWaitAt(d, ((k + 0.5) / n) * 10);
    expect(sum / n).toBeCloseTo(drxMeanWait(d), 5);
    expect(drxMeanWait(d)).toBeCloseTo(0.038 ** 2 / 0.08, 12);
  });

  it('in a world: a push reaching a phone in DRX is delivered at the next on-duration', () => {
    // Heartbeat every 5 s keeps the radio in its tail; pushes at 200/h arrive mostly in DRX.
    const run = (radio: RadioConfig) =>
      runWorld(
        runConfig({
          durationS: 3600,
          carriers: [carrier(1e7, { radio: { ...radio, promotionDelay: undefined } })],
          groups: [group({ apps: [{ name: 'push', pushRatePerHour: 200 }] })],
          strategy: strategy('fixed', { intervalS: 5 }),
        }),
        getStrategy('fixed')!.create,
      ).metrics;
    const flat = run(LTE);
    const cdrx = run(LTE_CDRX);
    expect(cdrx.pushDelivered).toBe(flat.pushDelivered);
    // Same arrivals (common random numbers): the extra latency is the DRX wait. About 95 %
    // of each 5-s beat period is long DRX (the rest active, continuous reception or short
    // DRX), so the mean extra is ≈ 0.95·(T_c − T_on)²/(2 T_c) ≈ 17 ms; with ~200 pushes its
    // standard error is under 1 ms (measured: 16.9 ms).
    const extra = cdrx.pushLatencyMeanS - flat.pushLatencyMeanS;
    const mean = drxMeanWait(LTE_CDRX.tails[2].drx!);
    expect(extra).toBeGreaterThan(0.8 * mean);
    expect(extra).toBeLessThan(1.1 * mean);
  });
});
