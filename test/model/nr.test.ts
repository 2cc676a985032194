import { describe, expect, it } from 'vitest';
import type { RadioConfig } from '../../src/model/config.js';
import { RadioBank } from '../../src/model/radio.js';
import { isolatedExchangeExcessJ, NR_NSA, NR_SA } from '../../src/model/radioPresets.js';
import { PHONE_BYTES, records } from '../../src/model/records.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Oracle tests of the 5G presets (docs/model.md §2.7). Symbols: i idle power; setup from
 * IDLE d at P_p; active a = 0.1 s at P_a; SA tail: C-DRX T_c at P_c, then INACTIVE T_i at
 * P_i; resume d_r at P_r.
 */
const a = 0.1;
const END = 10_000;

function bank(r: RadioConfig): RadioBank {
  const { f, i } = records(1, PHONE_BYTES);
  const b = new RadioBank([r], 1, 0, END, f, i);
  b.setInitialProfile(0, 0);
  return b;
}

describe('5G NR presets: one isolated exchange', () => {
  for (const [name, r] of [
    ['nr5g-nsa', NR_NSA],
    ['nr5g-sa', NR_SA],
  ] as const) {
    it(`${name}: E = (P_p − i)·d + (P_a − i)·a + Σ (P_k − i)·T_k, one promotion`, () => {
      const b = bank(r);
      expect(b.transfer(0, 0, a)).toBe(r.promotionDelayS);
      expect(b.promoted).toBe(true);
      b.finish();
      const i = r.idlePowerW;
      let oracle = (r.promotionPowerW - i) * r.promotionDelayS + (r.activePowerW - i) * a;
      for (const t of r.tails) oracle += (t.powerW - i) * t.durationS;
      expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
      expect(b.excessJ[0]).toBeCloseTo(isolatedExchangeExcessJ(r, a), 9);
      expect(b.promotions[0]).toBe(1);
    });
  }

  it('NSA signaling per isolated exchange = LTE 20 + 7 for the NR leg; SA = 20', () => {
    expect(NR_NSA.signalingPerPromotion).toBe(27);
    expect(NR_SA.signalingPerPromotion).toBe(20);
  });
});

describe('5G SA: RRC_INACTIVE resume vs setup from RRC_IDLE', () => {
  const r = NR_SA;
  const i = r.idlePowerW;
  const Tc = r.tails[0].durationS;
  const Pc = r.tails[0].powerW;
  const Ti = r.tails[1].durationS;
  const Pi = r.tails[1].powerW;
  const inactive = r.inactive!;

  it('a transfer in INACTIVE pays the resume: d_r at P_r, then active and the whole tail', () => {
    const b = bank(r);
    b.transfer(0, 0, a);
    const t2 = r.promotionDelayS + a + Tc + 100; // 100 s into INACTIVE
    expect(b.isConnected(0, t2)).toBe(false);
    expect(b.isInactive(0, t2)).toBe(true);
    expect(b.transfer(0, t2, a)).toBe(inactive.resumeDelayS);
    expect(b.promoted).toBe(false); // not an idle→connected promotion
    expect(b.fachPromoted).toBe(true); // signaled as a resume
    b.finish();
    const first = isolatedExchangeExcessJ(r, a) - (Pi - i) * (Ti - 100);
    const resumed =
      (inactive.resumePowerW - i) * inactive.resumeDelayS +
      (r.activePowerW - i) * a +
      (Pc - i) * Tc +
      (Pi - i) * Ti;
    expect(b.excessJ[0]).toBeCloseTo(first + resumed, 9);
    expect(b.promotions[0]).toBe(1);
  });

  it('the resume is cheaper than a setup from IDLE: energy and signaling, by the preset numbers', () => {
    const resumeJ = (inactive.resumePowerW - i) * inactive.resumeDelayS;
    const setupJ = (r.promotionPowerW - i) * r.promotionDelayS;
    expect(resumeJ).toBeLessThan(setupJ);
    expect(inactive.resumeDelayS).toBeLessThan(r.promotionDelayS);
    expect(inactive.signalingPerResume).toBeLessThan(r.signalingPerPromotion);
    // And in a world: heartbeats every 300 s (inside INACTIVE's 600 s) resume every time;
    // every 1200 s (beyond connected + INACTIVE) set up from IDLE every time.
    const run = (intervalS: number) =>
      runWorld(
        runConfig({
          carriers: [carrier(3600, { radio: { ...r } })],
          strategy: strategy('fixed', { intervalS }),
        }),
        getStrategy('fixed')!.create,
      ).metrics;
    const fast = run(300);
    const slow = run(1200);
    // 300 s: one setup (the connect), every heartbeat a resume: 20 + 6 × heartbeats.
    expect(fast.promotionsPerPhoneDay).toBe(1);
    expect(fast.signalingPerPhoneDay).toBe(
      20 + inactive.signalingPerResume * fast.heartbeatsPerPhoneDay,
    );
    // 1200 s: every heartbeat a setup: 20 × (heartbeats + 1).
    expect(slow.signalingPerPhoneDay).toBe(20 * (slow.heartbeatsPerPhoneDay + 1));
    // Per exchange, the resume cycle costs less signaling than the setup cycle.
    expect(fast.signalingPerPhoneDay / (fast.heartbeatsPerPhoneDay + 1)).toBeLessThan(
      slow.signalingPerPhoneDay / (slow.heartbeatsPerPhoneDay + 1),
    );
  });

  it('a push to an inactive phone waits its paging occasion and costs one RAN page', () => {
    const res = runWorld(
      runConfig({
        tracePhone: 0,
        carriers: [carrier(3600, { radio: { ...r } })],
        groups: [group({ apps: [{ name: 'push', pushRatePerHour: 20 }] })],
        strategy: strategy('fixed', { intervalS: 300 }),
      }),
      getStrategy('fixed')!.create,
    );
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    const lat = trace.filter((e) => e.event === 'push-delivered').map((e) => e.latency as number);
    const r2 = 0.05;
    // Heartbeats every 300 s keep the phone out of IDLE: a push finds it connected (r/2)
    // or inactive (r/2 + wait in [0, C) + resume).
    for (const l of lat) {
      const up = Math.abs(l - r2) < 1e-9;
      const paged =
        l >= r2 + inactive.resumeDelayS - 1e-9 && l < r2 + inactive.resumeDelayS + r.paging!.cycleS;
      expect(up || paged).toBe(true);
    }
    const pages = lat.filter((l) => l > r2 + 1e-9).length;
    expect(pages).toBeGreaterThan(300);
    const m = res.metrics;
    const resumes =
      (m.signalingPerPhoneDay - 20 - pages * inactive.signalingPerPage) /
      inactive.signalingPerResume;
    expect(Number.isInteger(Math.round(resumes * 1e9) / 1e9)).toBe(true);
    expect(m.promotionsPerPhoneDay).toBe(1);
  });
});
