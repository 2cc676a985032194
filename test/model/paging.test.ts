import { describe, expect, it } from 'vitest';
import { Paging } from '../../src/model/paging.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { CONSTANT_LTE, carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Idle paging oracle (docs/model.md §2.6) on the LTE preset: cycle C = 1.28 s,
 * 4 messages per page (TS 23.401 §5.3.4.3: DDN, DDN Ack, S1-AP Paging, RRC Paging),
 * promotion d = 0.26 s, RTT r = 0.1 s (constants).
 *
 * A push written at t reaches the phone's network at t + r/2. Radio up: delivered then.
 * Radio idle: it waits W = (φ − (t + r/2)) mod C for the phone's paging occasion, then the
 * promotion d: latency = r/2 + W + d, with W uniform on [0, C) for Poisson arrivals, mean C/2.
 */
const C = CONSTANT_LTE.paging!.cycleS;
const PAGE = CONSTANT_LTE.paging!.signalingPerPage;
const d = CONSTANT_LTE.promotionDelayS;
const r = 0.1;

describe('idle paging', () => {
  it("the wait is the time to the phone's fixed paging occasion, in [0, C)", () => {
    const p = new Paging(1, 0, 2);
    const w0 = p.delay(0, 100, C);
    expect(w0).toBeGreaterThanOrEqual(0);
    expect(w0).toBeLessThan(C);
    // Same phase later: the occasion repeats every C.
    expect(p.delay(0, 100 + 5 * C, C)).toBeCloseTo(w0, 9);
    expect(p.delay(0, 100 + 0.25, C)).toBeCloseTo((w0 - 0.25 + C) % C, 9);
  });

  it('a push to an idle phone waits half the paging cycle on average and adds the DDN signaling', () => {
    // One phone, pushes at 30/h for 2 days, heartbeats every 30 min under a 1-h NAT: the
    // radio is idle for most arrivals (up ~10.5 s per exchange).
    const res = runWorld(
      runConfig({
        durationS: 2 * 86_400,
        tracePhone: 0,
        carriers: [carrier(3600, { radio: CONSTANT_LTE })],
        groups: [group({ apps: [{ name: 'push', pushRatePerHour: 30 }] })],
        strategy: strategy('fixed', { intervalS: 1800 }),
      }),
      getStrategy('fixed')!.create,
    );
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    const latencies = trace
      .filter((e) => e.event === 'push-delivered')
      .map((e) => e.latency as number);
    expect(latencies.length).toBeGreaterThan(1200);
    // Up: latency r/2 exactly; idle: r/2 + W + d with W ∈ [0, C).
    const paged = latencies.filter((l) => l > r / 2 + 1e-9);
    for (const l of paged) {
      expect(l).toBeGreaterThanOrEqual(r / 2 + d - 1e-9);
      expect(l).toBeLessThan(r / 2 + d + C);
    }
    const waits = paged.map((l) => l - r / 2 - d);
    const mean = waits.reduce((s, x) => s + x, 0) / waits.length;
    // Uniform on [0, C): mean C/2, sd C/√12; 4 standard errors.
    const se = C / Math.sqrt(12 * waits.length);
    expect(Math.abs(mean - C / 2)).toBeLessThan(4 * se);
    // Signaling: 20 per promotion + 4 per page, exactly.
    const m = res.metrics;
    const pagesPerDay = paged.length / 2;
    expect(m.signalingPerPhoneDay).toBeCloseTo(
      m.promotionsPerPhoneDay * CONSTANT_LTE.signalingPerPromotion + pagesPerDay * PAGE,
      9,
    );
  });

  it('paging: null turns it off: an idle push waits only the promotion', () => {
    const res = runWorld(
      runConfig({
        tracePhone: 0,
        carriers: [carrier(3600, { radio: { ...CONSTANT_LTE, paging: undefined } })],
        groups: [group({ apps: [{ name: 'push', pushRatePerHour: 30 }] })],
        strategy: strategy('fixed', { intervalS: 1800 }),
      }),
      getStrategy('fixed')!.create,
    );
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    for (const e of trace.filter((x) => x.event === 'push-delivered'))
      expect([r / 2, r / 2 + d].some((v) => Math.abs((e.latency as number) - v) < 1e-9)).toBe(true);
    expect(res.metrics.signalingPerPhoneDay).toBe(res.metrics.promotionsPerPhoneDay * 20);
  });
});
