import { describe, expect, it } from 'vitest';
import type { PhoneGroupConfig, RunConfig } from '../../src/model/config.js';
import { AOSP_DOZE, dozeRelease, maintenanceWindows } from '../../src/model/doze.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import {
  WHILE_IDLE_COMPAT,
  WHILE_IDLE_EXACT,
  WHILE_IDLE_LEGACY,
} from '../../src/model/whileIdle.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Doze completeness (docs/model.md §5.8): while-idle alarm quotas (AOSP AlarmManagerService),
 * pushes on an app's own connection, reconnects after a maintenance window, screen-on
 * sessions by hour. Screen off from t = 0: first idle period at D = 3870 s.
 */
const D = AOSP_DOZE;
const night = 12 * 3600;
const SERVER = {
  keepalive: { rule: 'fixed' as const, timeoutS: 1e9 },
  pushAckTimeoutS: 60,
  messageTtlS: 28 * 86_400,
  sessionTakeover: false,
  maxHandshakesPerS: 0,
};

function run(g: Partial<PhoneGroupConfig>, intervalS: number, over: Partial<RunConfig> = {}) {
  const res = runWorld(
    runConfig({
      durationS: night,
      tracePhone: 0,
      carriers: [carrier(1e7)],
      server: SERVER,
      groups: [group({ doze: D, ...g })],
      strategy: strategy('fixed', { intervalS }),
      ...over,
    }),
    getStrategy('fixed')!.create,
  );
  const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
  return { res, trace, beats: trace.filter((e) => e.event === 'heartbeat-ack').map((e) => e.t) };
}

const inIdle = (t: number) => dozeRelease(D, 0, t) > t;

describe('while-idle heartbeat alarms', () => {
  it('exact (72 per hour): a 600-s heartbeat is never held; every beat 600 s after the last', () => {
    const { res, beats } = run({ dozeWhileIdle: WHILE_IDLE_EXACT }, 600);
    // CONNECT written at 0.26 + 0.2 s; then one beat every 600 s for the whole night.
    expect(beats.length).toBe(Math.floor((night - 0.46) / 600));
    for (let k = 1; k < beats.length; k++) expect(beats[k] - beats[k - 1]).toBeCloseTo(600, 6);
    expect(res.metrics.dozeDeferredHeartbeatsPerPhoneDay).toBe(0);
    // The ones inside idle periods used the quota.
    const idle = beats.filter(inIdle).length;
    expect(idle).toBeGreaterThan(40);
    expect(res.metrics.dozeWhileIdleHeartbeatsPerPhoneDay).toBeCloseTo(idle / 0.5, 9);
  });

  it('legacy (1 per 9 min): inside an idle period a 300-s heartbeat fires every 540 s', () => {
    const { res, beats } = run({ dozeWhileIdle: WHILE_IDLE_LEGACY }, 300);
    let pairs = 0;
    for (let k = 1; k < beats.length; k++) {
      if (!inIdle(beats[k]) || !inIdle(beats[k - 1])) continue;
      // Quota 1: the next one waits until the last is one window old: max(300, 540) = 540 s.
      expect(beats[k] - beats[k - 1]).toBeCloseTo(540, 6);
      pairs++;
    }
    expect(pairs).toBeGreaterThan(40);
    expect(res.metrics.dozeDeferredHeartbeatsPerPhoneDay).toBeGreaterThan(0);
    // Each held beat waits 540 − 300 = 240 s, or less when a maintenance window comes first.
    expect(res.metrics.dozeHeartbeatDeferralMeanS).toBeLessThanOrEqual(240 + 1e-9);
    expect(res.metrics.dozeHeartbeatDeferralMeanS).toBeGreaterThan(200);
  });

  it('compat (7 per hour): never more than 7 in any hour of idle, 7 per hour in a long idle period', () => {
    const { beats } = run({ dozeWhileIdle: WHILE_IDLE_COMPAT }, 300, { durationS: 24 * 3600 });
    const idle = beats.filter(inIdle);
    for (const t of idle) {
      expect(idle.filter((u) => u > t - 3600 && u <= t).length).toBeLessThanOrEqual(7);
    }
    // The fourth idle period lasts 6 h (after the 1-, 2- and 4-h ones): 6 × 7 = 42 beats.
    const w = maintenanceWindows(D, 0, 0, 24 * 3600);
    const [start, end] = [w[2][1], w[3][0]];
    expect(end - start).toBe(6 * 3600);
    const n = idle.filter((t) => t > start && t < end).length;
    expect(n).toBeGreaterThanOrEqual(6 * 7 - 1);
    expect(n).toBeLessThanOrEqual(6 * 7 + 1);
  });
});

describe('reconnects after maintenance windows', () => {
  // NAT timeout 30 min: the 1-h and longer idle periods outlive every mapping, so the beat
  // held for each window fails, and the connection is re-made in it. Windows in 12 h:
  // 7470, 14 970, 29 970 s → 3 such reconnects per connection: 6 per connection-day.
  const nat = [carrier(1800)];

  it('system channel: 3 per night, and they are all the reconnects', () => {
    const { res } = run({}, 600, { carriers: nat });
    expect(res.metrics.dozeReconnectsPerPhoneDay).toBeCloseTo(6, 9);
    expect(res.metrics.reconnectsPerPhoneDay).toBeCloseTo(6, 9);
  });

  it('per-app: each app connection has its own (2 apps → 12 per phone-day)', () => {
    const { res } = run(
      {
        architecture: 'per-app',
        apps: [
          { name: 'a', pushRatePerHour: 0 },
          { name: 'b', pushRatePerHour: 0 },
        ],
      },
      600,
      { carriers: nat },
    );
    expect(res.metrics.dozeReconnectsPerPhoneDay).toBeCloseTo(12, 9);
  });

  it('a standing connection that outlives the idle periods is never re-made', () => {
    const { res } = run({}, 600);
    expect(res.metrics.dozeReconnectsPerPhoneDay).toBe(0);
  });
});

describe('pushes under Doze by architecture', () => {
  const apps = [{ name: 'push', pushRatePerHour: 4 }];

  it('an app’s own connection waits for the window even at high priority; FCM high priority does not', () => {
    const sys = run({ apps, dozePushPriority: 'high' }, 600).res.metrics;
    const own = run({ apps, architecture: 'per-app', dozePushPriority: 'high' }, 600).res.metrics;
    expect(sys.dozeDelayedPushesPerPhoneDay).toBe(0);
    expect(sys.dozePushLatencyAddedS).toBe(0);
    expect(own.dozeDelayedPushesPerPhoneDay).toBeGreaterThan(0);
    // Added latency per delivered push = the held pushes' total wait / all delivered.
    const heldCount = own.dozeDelayedPushesPerPhoneDay * 0.5;
    expect(own.dozePushLatencyAddedS * own.pushDelivered).toBeCloseTo(
      own.dozePushDelayMeanS * heldCount,
      6,
    );
    expect(own.pushLatencyMeanS).toBeGreaterThan(
      sys.pushLatencyMeanS + own.dozePushLatencyAddedS / 2,
    );
  });
});

describe('screen-on sessions by hour', () => {
  it('a profile with weight only in hour 9 puts every session in 09:00–10:00', () => {
    const profile = Array.from({ length: 24 }, (_, h) => (h === 9 ? 1 : 0));
    const { trace } = run(
      { background: { ratePerHour: 2, duration: { type: 'constant', value: 60 }, profile } },
      600,
      { durationS: 3 * 86_400 },
    );
    const sessions = trace.filter((e) => e.event === 'user-traffic').map((e) => e.t);
    // Mean rate 2/h over the day = 48 a day, all in one hour: ≈ 144 in 3 days.
    expect(sessions.length).toBeGreaterThan(100);
    expect(sessions.length).toBeLessThan(190);
    for (const t of sessions) expect(Math.floor(t / 3600) % 24).toBe(9);
  });
});
