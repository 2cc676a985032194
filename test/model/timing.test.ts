import { describe, expect, it } from 'vitest';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { CONSTANT_LTE, carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Heartbeat timing against the NAT (docs/model.md §3, §5.2). The carrier NAT sits at the
 * phone's gateway: a packet passes it when the phone sends or receives it. With a constant
 * RTT r, promotion delay d and NAT timeout τ, and a NAT refreshed by both directions:
 *
 * - timed from the send (MQTT 3.1.1 §3.1.2.10, Mars, microG): beat k is written at t_k, leaves
 *   at t_k + d, its answer passes the NAT at t_k + d + r; the next leaves at t_k + I + d.
 *   Silence at the NAT = I − r, so a fixed interval survives exactly when I − r < τ.
 *   The first beat after a connect is timed from the CONNECT, written (radio already up) one
 *   RTT before the CONNACK passes the NAT: its silence is I − r + d. With d > 0 that first beat
 *   binds: a fixed interval keeps its connection exactly when I − r + d < τ.
 * - timed from the answer (Chromium GCM, HeartbeatManager::OnHeartbeatAcked → RestartTimer):
 *   the timer restarts at t_k + d + r, the next beat leaves at t_k + d + r + I + d.
 *   Silence = I + d (the first beat after the login too), so it survives exactly when I + d < τ.
 */
const d = CONSTANT_LTE.promotionDelayS;
const r = 0.1;
const tau = 300;

function run(type: string, intervalS: number, over: Parameters<typeof runConfig>[0] = {}) {
  const params = type === 'gcm' ? { intervalS, wifiIntervalS: intervalS } : { intervalS };
  return runWorld(
    runConfig({ carriers: [carrier(tau)], strategy: strategy(type, params), ...over }),
    getStrategy(type)!.create,
  );
}

describe('timing oracle: from the send (MQTT) vs from the answer (GCM)', () => {
  it('fixed (from the send), no promotion delay (d = 0): survives τ exactly when I − r < τ', () => {
    const noPromotion = carrier(tau, { radio: { ...CONSTANT_LTE, promotionDelayS: 0 } });
    for (const I of [tau - 0.5, tau, tau + r - 0.01]) {
      expect(I - r < tau).toBe(true);
      expect(run('fixed', I, { carriers: [noPromotion] }).metrics.reconnectsPerPhoneDay).toBe(0);
    }
    for (const I of [tau + r + 0.01, tau + 1]) {
      expect(I - r < tau).toBe(false);
      const m = run('fixed', I, { carriers: [noPromotion] }).metrics;
      expect(m.reconnectsPerPhoneDay).toBeGreaterThan(100);
      expect(m.failedHeartbeatsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay);
    }
  });

  it('fixed (from the send), promotion d = 0.26 s: the first beat binds, I − r + d < τ', () => {
    for (const I of [tau - 0.5, tau + r - d - 0.01]) {
      expect(I - r + d < tau).toBe(true);
      expect(run('fixed', I).metrics.reconnectsPerPhoneDay).toBe(0);
    }
    for (const I of [tau + r - d + 0.01, tau + r - 0.01]) {
      expect(I - r + d < tau).toBe(false);
      const m = run('fixed', I).metrics;
      expect(m.reconnectsPerPhoneDay).toBeGreaterThan(100);
      expect(m.failedHeartbeatsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay);
    }
  });

  it('gcm (from the answer) survives τ exactly when I + d < τ', () => {
    for (const I of [tau - d - 0.01, tau - 1]) {
      expect(I + d < tau).toBe(true);
      expect(run('gcm', I).metrics.reconnectsPerPhoneDay).toBe(0);
    }
    for (const I of [tau - d + 0.01, tau]) {
      expect(I + d < tau).toBe(false);
      const m = run('gcm', I).metrics;
      expect(m.failedHeartbeatsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay);
    }
  });
});

describe('variability: a NAT that sweeps expired mappings every g seconds', () => {
  it('survival of a heartbeat after silence s = I − r is 1 − (s − τ)/g over τ < s < τ + g', () => {
    // One box per phone, each with its own sweep phase φ ~ U(0, g). No promotion delay, so
    // the first beat's silence is s = I − r (see the header). A mapping refreshed at L
    // is evicted at the first sweep at or after L + τ; a packet at L + s passes when no sweep
    // falls in [L + τ, L + s], which has probability 1 − (s − τ)/g.
    const g = 10;
    const phones = 3000;
    for (const excess of [2, 5, 8]) {
      const I = tau + r + excess;
      const res = runWorld(
        runConfig({
          carriers: [
            carrier(tau, {
              radio: { ...CONSTANT_LTE, promotionDelayS: 0 },
              nat: { ...carrier(tau).nat, boxes: phones, timeoutScope: 'box', expiryTickS: g },
            }),
          ],
          groups: [group({ count: phones })],
          strategy: strategy('fixed', { intervalS: I }),
          // Only the first heartbeat of each phone: sent at 2r + I, answered or failed by +60 s.
          durationS: 3 * r + I + 100,
        }),
        getStrategy('fixed')!.create,
      );
      const days = (3 * r + I + 100) / 86_400;
      const beats = res.metrics.heartbeatsPerPhoneDay * days * phones;
      const failed = res.metrics.failedHeartbeatsPerPhoneDay * days * phones;
      expect(Math.round(beats)).toBe(phones);
      const survival = 1 - failed / beats;
      const expected = 1 - (I - r - tau) / g;
      // Binomial standard error sqrt(p(1−p)/n) ≤ 0.0092 at n = 3000: allow 4 of them.
      expect(Math.abs(survival - expected)).toBeLessThan(0.037);
    }
  });
});

describe('GCM: every received message restarts the heartbeat timer (mcs_client.cc)', () => {
  it('with Poisson pushes at rate λ and interval T on a long NAT: heartbeats/h = λe^(−λT)/(1 − e^(−λT)) within 5%', () => {
    // The timer restarts at each push; a gap X between pushes holds floor(X/T) heartbeats, and
    // E[floor(X/T)] = Σ_k P(X ≥ kT) = e^(−λT)/(1 − e^(−λT)). Per hour: λ·that.
    const T = 600;
    const perHour = 6;
    const lambda = perHour / 3600;
    const phones = 200;
    const res = runWorld(
      runConfig({
        carriers: [carrier(1e7)],
        groups: [group({ count: phones, apps: [{ name: 'push', pushRatePerHour: perHour }] })],
        strategy: strategy('gcm', { intervalS: T, wifiIntervalS: T }),
      }),
      getStrategy('gcm')!.create,
    );
    const expectedPerHour = ((lambda * Math.exp(-lambda * T)) / (1 - Math.exp(-lambda * T))) * 3600;
    const perHourSim = res.metrics.heartbeatsPerPhoneDay / 24;
    expect(Math.abs(perHourSim - expectedPerHour) / expectedPerHour).toBeLessThan(0.05);
    // Without the restart (fixed, from the send) the rate would be 3600/T = 6/h: far away.
    expect(expectedPerHour).toBeLessThan(4);
  });
});

describe('microG: a lost ping is found at the next alarm (McsService.isConnected)', () => {
  it('detection one interval after the ping (≥ 90 s), then reconnect after 5 s', () => {
    // τ = 200 s < microG's 300 s start: the first ping, written 300 s after the login's last
    // send (upAt − r), leaves after d; the next alarm (300 s later; the model dates it from the
    // packet) runs isConnected(), whose 90 s no-ack check fails: loss at upAt − r + 300 + d + 300.
    const res = runWorld(
      runConfig({
        carriers: [carrier(200)],
        strategy: strategy('microg'),
        durationS: 2000,
        tracePhone: 0,
      }),
      getStrategy('microg')!.create,
    );
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    const upAt = d + 3 * r;
    const lost = trace.find((x) => x.event === 'connection-lost');
    expect(lost?.t).toBeCloseTo(upAt - r + 300 + d + 300, 9);
    const connects = trace.filter((x) => x.event === 'connect').map((x) => x.t);
    expect(connects[1]).toBeCloseTo((lost?.t as number) + 5, 9); // McsService delay 5 s
  });
});

describe('NAT timeouts are configuration, identical under every strategy (common random numbers)', () => {
  it('each phone meets the same timeout on a carrier whatever the strategy, on every connection', () => {
    const spread = carrier(0, {
      nat: { ...carrier(0).nat, idleTimeout: { type: 'uniform', min: 240, max: 320 } },
    });
    const faced = (type: string, phone: number) => {
      const res = runWorld(
        runConfig({
          carriers: [spread],
          groups: [group({ count: 4 })],
          strategy: strategy(type),
          durationS: 6 * 3600,
          tracePhone: phone,
        }),
        getStrategy(type)!.create,
      );
      const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
      return trace.filter((x) => x.event === 'connect').map((x) => x.natTimeoutS as number);
    };
    const seen = new Set<number>();
    for (let phone = 0; phone < 4; phone++) {
      const a = faced('fixed', phone);
      const b = faced('smart', phone);
      const c = faced('binary-search', phone);
      expect(b.length).toBeGreaterThan(1); // smart reconnects: more than one mapping
      for (const list of [a, b, c]) expect(new Set(list)).toEqual(new Set([a[0]]));
      seen.add(a[0]);
    }
    expect(seen.size).toBe(4); // drawn per phone, not one value for all
  });
});
