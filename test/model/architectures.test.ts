import { describe, expect, it } from 'vitest';
import { LTE, WIFI } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/** The four push architectures of docs/model.md §7, checked against closed forms. */
const fixed = getStrategy('fixed')!.create;
const d = LTE.promotionDelayS;
const r = 0.1;
const DAY = 86_400;

describe('polling', () => {
  it('mean latency = pollInterval / 2 (+ the poll exchange), polls per day = 86400 / pollInterval', () => {
    const interval = 600;
    const phones = 200;
    const res = runWorld(
      runConfig({
        carriers: [carrier(60)], // NAT far below the poll interval: every poll opens a new connection
        groups: [
          group({
            count: phones,
            architecture: 'polling',
            polling: { intervalS: interval, jitterS: 0, keepConnection: false },
            apps: [{ name: 'mail', pushRatePerHour: 2 }],
          }),
        ],
      }),
      fixed,
    );
    const m = res.metrics;
    // Poisson arrivals are uniform within a poll period: wait ~ U(0, I), mean I/2. The poll
    // itself: promotion d (the radio is idle after 600 s), handshake 3r and request/response r.
    const expected = interval / 2 + d + 4 * r;
    // Standard error of the mean of U(0, I): I / √(12 n); allow 5 of them.
    const n = m.pushDelivered;
    const tolerance = (5 * interval) / Math.sqrt(12 * n);
    // The mean latency from the histogram is exact (sum / count).
    const hist = res.latency as { sum: number; count: number };
    expect(Math.abs(hist.sum / hist.count - expected)).toBeLessThan(tolerance);
    // Polls: one every I per app from a uniform first poll in [0, I): 86400 / I ± 1 per phone.
    expect(Math.abs(m.pollsPerPhoneDay - DAY / interval)).toBeLessThanOrEqual(1);
    expect(m.heartbeatsPerPhoneDay).toBe(0);
    expect(m.pushArrived).toBe(m.pushDelivered + m.pushPending + m.pushExpired);
  });
});

describe('system channel vs per-app', () => {
  it('k apps: promotions per day ≈ 1× on one shared connection vs ≈ k× with a connection per app', () => {
    const k = 5;
    const run = (architecture: 'system-channel' | 'per-app') =>
      runWorld(
        runConfig({
          carriers: [carrier(3600)], // NAT timeout above the interval: no reconnects
          groups: [
            group({
              count: 50,
              architecture,
              apps: Array.from({ length: k }, (_, i) => ({ name: `app${i}`, pushRatePerHour: 0 })),
            }),
          ],
          strategy: strategy('fixed', { intervalS: 300 }),
          startSpreadS: 300,
        }),
        fixed,
      ).metrics;
    const shared = run('system-channel');
    const perApp = run('per-app');
    // One connection: one promotion per heartbeat, 86400 / 300.36 ≈ 287.6 a day.
    expect(shared.promotionsPerPhoneDay).toBeGreaterThan(280);
    expect(shared.promotionsPerPhoneDay).toBeLessThan(290);
    // k unaligned connections: k× as many, less the beats that fall into another app's tail.
    // With independent uniform phases on a period P = 300.36 s, a beat promotes only if no
    // other app was active in the window w = tail + beat ≈ 10.46 s before it:
    //   ratio ≈ k · (1 − w/P)^(k−1) = 5 · 0.8677 = 4.34.
    // Phases drift (a beat riding another's tail is 0.26 s shorter), so allow 5%.
    const P = 300 + d + r;
    const w = LTE.tails[0].durationS + d + r;
    const expectedRatio = k * (1 - w / P) ** (k - 1);
    const ratio = perApp.promotionsPerPhoneDay / shared.promotionsPerPhoneDay;
    expect(Math.abs(ratio - expectedRatio) / expectedRatio).toBeLessThan(0.05);
    expect(ratio).toBeLessThanOrEqual(k);
    expect(perApp.heartbeatsPerPhoneDay / shared.heartbeatsPerPhoneDay).toBeCloseTo(k, 1);
  });

  it('OS alarm alignment makes per-app heartbeats share wake-ups', () => {
    const k = 5;
    const run = (alignment?: { periodS: number }) =>
      runWorld(
        runConfig({
          carriers: [carrier(3600)],
          groups: [
            group({
              count: 20,
              architecture: 'per-app',
              alignment,
              apps: Array.from({ length: k }, (_, i) => ({ name: `app${i}`, pushRatePerHour: 0 })),
            }),
          ],
          strategy: strategy('fixed', { intervalS: 300 }),
          startSpreadS: 300,
          // Deferred beats are up to 900 s apart: the server must not time the session out.
          server: { ...runConfig().server, keepalive: { rule: 'fixed', timeoutS: 7200 } },
        }),
        fixed,
      ).metrics;
    const free = run();
    const aligned = run({ periodS: 900 });
    // Aligned to a shared 15-min grid, all 5 apps wake together: 86400 / 900 = 96 wake-ups a
    // day, plus at most one promotion per app for its first connect.
    expect(aligned.promotionsPerPhoneDay).toBeLessThanOrEqual(DAY / 900 + k + 1);
    expect(free.promotionsPerPhoneDay).toBeGreaterThan(4 * aligned.promotionsPerPhoneDay);
  });
});

describe('sms wake-up', () => {
  it('every message costs exactly one SMS, one wake-up connection, and no heartbeats', () => {
    const res = runWorld(
      runConfig({
        groups: [
          group({
            count: 50,
            architecture: 'sms-wakeup',
            sms: { delay: { type: 'constant', value: 5 }, signalingPerSms: 10 },
            apps: [{ name: 'chat', pushRatePerHour: 1 }],
          }),
        ],
      }),
      fixed,
    );
    const m = res.metrics;
    const phoneDays = 50;
    expect(m.heartbeatsPerPhoneDay).toBe(0);
    expect(m.smsPerPhoneDay * phoneDays).toBe(m.pushArrived);
    // One handshake per message that reached the phone (those still on their way are pending).
    expect(m.serverHandshakesPerSMean * DAY).toBeCloseTo(m.pushDelivered, 6);
    // Latency: SMS delay 5 s + promotion + connect (3r) + fetch (r); a fetch that finds the
    // radio still up from another fetch skips the promotion, so the mean is a little lower.
    const hist = res.latency as { sum: number; count: number; max: number | null };
    expect(hist.sum / hist.count).toBeLessThanOrEqual(5 + d + 4 * r + 1e-9);
    expect(hist.sum / hist.count).toBeGreaterThan(5 + d + 4 * r - 0.01);
    expect(hist.max).toBeCloseTo(5 + d + 4 * r, 9);
    expect(m.pushArrived).toBe(m.pushDelivered + m.pushPending + m.pushExpired);
  });
});

describe('message conservation holds for every architecture', () => {
  for (const architecture of ['system-channel', 'per-app', 'polling', 'sms-wakeup'] as const) {
    it(architecture, () => {
      const res = runWorld(
        runConfig({
          carriers: [carrier(300), carrier(1800, { name: 'wifi', kind: 'wifi', radio: WIFI })],
          groups: [
            group({
              count: 30,
              architecture,
              networks: [
                { carrier: 'lte', meanDwellS: 4 * 3600 },
                { carrier: 'wifi', meanDwellS: 2 * 3600 },
              ],
              outages: { ratePerDay: 3, duration: { type: 'exponential', mean: 600 } },
              polling: { intervalS: 900, jitterS: 60, keepConnection: true },
              sms: { delay: { type: 'uniform', min: 1, max: 30 }, signalingPerSms: 10 },
              apps: [
                { name: 'a', pushRatePerHour: 3 },
                { name: 'b', pushRatePerHour: 1 },
              ],
            }),
          ],
          strategy: strategy('fixed', { intervalS: 600 }),
          server: { ...runConfig().server, messageTtlS: 3600 },
        }),
        fixed,
      );
      // runWorld already throws if arrived ≠ delivered + expired + pending; check the totals too.
      const m = res.metrics;
      expect(m.pushArrived).toBeGreaterThan(100);
      expect(m.pushArrived).toBe(m.pushDelivered + m.pushExpired + m.pushPending);
    });
  }
});

describe('per-app breakdown', () => {
  it('every architecture reports arrivals, deliveries and latency per app, adding up to the totals', () => {
    for (const architecture of ['system-channel', 'per-app', 'polling', 'sms-wakeup'] as const) {
      const res = runWorld(
        runConfig({
          groups: [
            group({
              count: 20,
              architecture,
              polling: { intervalS: 900, jitterS: 0, keepConnection: false },
              sms: { delay: { type: 'constant', value: 3 }, signalingPerSms: 10 },
              apps: [
                { name: 'chat', pushRatePerHour: 4 },
                { name: 'mail', pushRatePerHour: 1 },
              ],
            }),
          ],
        }),
        fixed,
      );
      const apps = res.apps!;
      expect(apps.map((a) => a.name)).toEqual(['chat', 'mail']);
      expect(apps[0].arrived + apps[1].arrived).toBe(res.metrics.pushArrived);
      expect(apps[0].delivered + apps[1].delivered).toBe(res.metrics.pushDelivered);
      // chat gets four times mail's rate: 20 phones × 24 h × 4/h = 1920 expected (Poisson sd ≈ 44).
      expect(Math.abs(apps[0].arrived - 1920)).toBeLessThan(5 * Math.sqrt(1920));
      expect((apps[1].latency as { count: number }).count).toBe(apps[1].delivered);
    }
  });
});
