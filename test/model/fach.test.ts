import { describe, expect, it } from 'vitest';
import type { RadioConfig } from '../../src/model/config.js';
import { RadioBank } from '../../src/model/radio.js';
import { UMTS3G } from '../../src/model/radioPresets.js';
import { PHONE_BYTES, records } from '../../src/model/records.js';
import { runWorld } from '../../src/model/run.js';
import { HEARTBEAT_BYTES } from '../../src/model/transferSizes.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Oracle tests of the 3G FACH rules (ARO's RRC model, docs/model.md §2.1) on the umts3g
 * preset with a constant promotion delay. Symbols: i idle power, d = 2 s IDLE→DCH at
 * P_p = 0.51 W, DCH P_D = 1.02 W with a T_D = 4 s tail, FACH P_F = 0.40 W with a
 * T_F = 10 s tail, FACH→DCH d_F = 1.5 s at P_FD = 0.71 W, a = 0.1 s active per transfer.
 */
const R: RadioConfig = { ...UMTS3G, promotionDelay: undefined };
const i = R.idlePowerW;
const d = R.promotionDelayS;
const PP = R.promotionPowerW;
const PD = R.activePowerW;
const TD = R.tails[0].durationS;
const PF = R.tails[1].powerW;
const TF = R.tails[1].durationS;
const fach = R.fach!;
const a = 0.1;
const END = 1000;
const SMALL = HEARTBEAT_BYTES;
const LARGE = 5000;

function bank(radio: RadioConfig = R): RadioBank {
  const { f, i: ints } = records(1, PHONE_BYTES);
  const b = new RadioBank([radio], 1, 0, END, f, ints);
  b.setInitialProfile(0, 0);
  return b;
}

/** Excess energy of the first exchange (from idle at 0) up to time t inside its tail. */
function firstUpTo(t: number): number {
  const dchEnd = d + a + TD;
  return (
    (PP - i) * d +
    (PD - i) * a +
    (PD - i) * Math.min(TD, t - d - a) +
    (PF - i) * Math.max(0, t - dchEnd)
  );
}

describe('3G FACH (ARO RRC model)', () => {
  it('the preset carries ARO imap.conf FACH numbers', () => {
    expect(fach).toEqual({
      thresholdBytes: 475,
      promotionDelayS: 1.5,
      promotionPowerW: 0.71,
      signalingPerPromotion: 5,
    });
    expect(SMALL).toBeLessThanOrEqual(fach.thresholdBytes);
  });

  it('a small transfer in the FACH stage stays on FACH: no delay, FACH power, FACH timer restarts', () => {
    const b = bank();
    expect(b.transfer(0, 0, a, SMALL)).toBe(d); // from idle: IDLE→DCH, whatever the size
    expect(b.promoted).toBe(true);
    const t2 = 10; // DCH tail ends at d + a + T_D = 6.1 s: t2 is in FACH
    expect(b.transfer(0, t2, a, SMALL)).toBe(0);
    expect(b.promoted).toBe(false);
    expect(b.fachPromoted).toBe(false);
    // Radio up until t2 + a + T_F (FACH timer only), idle after.
    expect(b.isConnected(0, t2 + a + TF - 1e-9)).toBe(true);
    expect(b.isConnected(0, t2 + a + TF + 1e-9)).toBe(false);
    b.finish();
    const oracle = firstUpTo(t2) + (PF - i) * (a + TF);
    expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
    expect(b.promotions[0]).toBe(1);
  });

  it('a large transfer in the FACH stage pays the FACH→DCH promotion, then DCH and the full tail', () => {
    const b = bank();
    b.transfer(0, 0, a, LARGE);
    const t2 = 10;
    expect(b.transfer(0, t2, a, LARGE)).toBe(fach.promotionDelayS);
    expect(b.promoted).toBe(false);
    expect(b.fachPromoted).toBe(true);
    b.finish();
    const oracle =
      firstUpTo(t2) +
      (fach.promotionPowerW - i) * fach.promotionDelayS +
      (PD - i) * (a + TD) +
      (PF - i) * TF;
    expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
    expect(b.promotions[0]).toBe(1); // FACH→DCH is not an idle→connected promotion
  });

  it('a small transfer in the DCH tail restarts DCH (no FACH)', () => {
    const b = bank();
    b.transfer(0, 0, a, SMALL);
    const t2 = 4; // inside [2.1, 6.1): DCH tail
    expect(b.transfer(0, t2, a, SMALL)).toBe(0);
    b.finish();
    const oracle = firstUpTo(t2) + (PD - i) * (a + TD) + (PF - i) * TF;
    expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
  });

  it('after a FACH transfer, only the FACH timer stands between the radio and idle', () => {
    const b = bank();
    b.transfer(0, 0, a, SMALL);
    b.transfer(0, 10, a, SMALL); // on FACH until 10.1, FACH tail to 20.1
    const t3 = 10.1 + TF + 0.5; // past the FACH timer: idle again
    expect(b.transfer(0, t3, a, SMALL)).toBe(d);
    expect(b.promoted).toBe(true);
    b.finish();
    // First exchange up to 10 s + the FACH transfer with its FACH tail + an isolated exchange.
    const isolated = (PP - i) * d + (PD - i) * (a + TD) + (PF - i) * TF;
    expect(b.excessJ[0]).toBeCloseTo(firstUpTo(10) + (PF - i) * (a + TF) + isolated, 9);
    expect(b.promotions[0]).toBe(2);
  });

  it('fach omitted: a transfer in the FACH stage restarts DCH as before', () => {
    const b = bank({ ...R, fach: undefined });
    b.transfer(0, 0, a, SMALL);
    expect(b.transfer(0, 10, a, SMALL)).toBe(0);
    b.finish();
    const oracle = firstUpTo(10) + (PD - i) * (a + TD) + (PF - i) * TF;
    expect(b.excessJ[0]).toBeCloseTo(oracle, 9);
  });

  it('a world of 8-s heartbeats on 3G sits on FACH: attributable power ≈ P_F − i', () => {
    // Heartbeats every 8 s (timed from the send): each lands in the FACH stage (8 > a + T_D
    // after a DCH exchange, 8 < a + T_F after a FACH one), so after the connect's exchange
    // the radio never leaves FACH. Energy/day ≈ (P_F − i) × 86 400 s, plus the connect's
    // promotion and DCH stretch (< 10 J of ~32 000 J).
    const cfg = runConfig({
      carriers: [carrier(600, { name: 'lte', radio: R })],
      groups: [group()],
      strategy: strategy('fixed', { intervalS: 8 }),
    });
    const res = runWorld(cfg, getStrategy('fixed')!.create);
    const m = res.metrics;
    const oracle = (PF - i) * 86_400;
    expect(Math.abs(m.energyJPerPhoneDay - oracle) / oracle).toBeLessThan(0.001);
    expect(m.promotionsPerPhoneDay).toBe(1); // the connect only
    // Signaling: the connect's promotion only (30); no FACH→DCH switch happened.
    expect(m.signalingPerPhoneDay).toBe(R.signalingPerPromotion);
  });

  it('a push that finds the radio on FACH switches it to DCH and adds the FACH→DCH signaling', () => {
    // Same 8-s FACH world with pushes (a push exceeds the FACH threshold, transferSizes.ts):
    // every push on FACH costs one switch of 5 messages, none is an idle promotion.
    const cfg = runConfig({
      carriers: [carrier(600, { name: 'lte', radio: R })],
      groups: [group({ apps: [{ name: 'push', pushRatePerHour: 6 }] })],
      strategy: strategy('fixed', { intervalS: 8 }),
    });
    const m = runWorld(cfg, getStrategy('fixed')!.create).metrics;
    const switches =
      (m.signalingPerPhoneDay - m.promotionsPerPhoneDay * R.signalingPerPromotion) /
      fach.signalingPerPromotion;
    expect(Number.isInteger(switches)).toBe(true);
    expect(switches).toBeGreaterThan(100); // ~144 pushes a day, nearly all on FACH
    expect(switches).toBeLessThanOrEqual(m.pushDelivered);
  });
});
