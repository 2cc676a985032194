import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../src/model/config.js';
import { AOSP_DOZE, dozeRelease, maintenanceWindows } from '../../src/model/doze.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Android deep Doze oracle (docs/model.md §5.8), AOSP DeviceIdleController defaults:
 * screen off at 0 → first idle at D = 30 + 30 + 4 + 0.5 min = 3870 s; idle periods
 * 1 h, 2 h, 4 h, 6 h, 6 h …; maintenance windows 5 min, 10 min, 10 min … between them.
 */
const D = AOSP_DOZE;

describe('Doze schedule', () => {
  it('windows start at D + 1 h, then + 5 min + 2 h, then + 10 min + 4 h, then every 6 h 10 min', () => {
    const w = maintenanceWindows(D, 0, 0, 40 * 3600);
    const s0 = 3870 + 3600;
    const s1 = s0 + 300 + 7200;
    const s2 = s1 + 600 + 14_400;
    const s3 = s2 + 600 + 21_600;
    expect(w.slice(0, 4)).toEqual([
      [s0, s0 + 300],
      [s1, s1 + 600],
      [s2, s2 + 600],
      [s3, s3 + 600],
    ]);
    expect(w[4][0]).toBe(s3 + 600 + 21_600);
  });

  it('an alarm due in an idle period waits for the next window; in a window or before idle, not', () => {
    expect(dozeRelease(D, 0, 1000)).toBe(1000); // not yet idle
    expect(dozeRelease(D, 0, 4000)).toBe(3870 + 3600); // idle 0
    expect(dozeRelease(D, 0, 3870 + 3600 + 100)).toBe(3870 + 3600 + 100); // window 0
    expect(dozeRelease(D, 0, 3870 + 3600 + 300)).toBe(3870 + 3600 + 300 + 7200); // idle 1
    expect(dozeRelease(D, 1e5, 1e5 + 10)).toBe(1e5 + 10); // screen went off at 1e5
  });
});

describe('a phone in deep Doze', () => {
  const night = 12 * 3600;
  const config = (over: Partial<RunConfig> = {}) =>
    runConfig({
      durationS: night,
      tracePhone: 0,
      // NAT and server keep every session: only Doze decides when beats go out.
      carriers: [carrier(1e7)],
      server: {
        keepalive: { rule: 'fixed', timeoutS: 1e9 },
        pushAckTimeoutS: 60,
        messageTtlS: 28 * 86_400,
        sessionTakeover: false,
        maxHandshakesPerS: 0,
      },
      groups: [group({ doze: D })],
      strategy: strategy('fixed', { intervalS: 600 }),
      ...over,
    });

  it('sends its heartbeats only in maintenance windows: one per window, as the schedule says', () => {
    const res = runWorld(config(), getStrategy('fixed')!.create);
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    const beats = trace.filter((e) => e.event === 'heartbeat-ack').map((e) => e.t);
    const windows = maintenanceWindows(D, 0, 0, night);
    const inIdle = beats.filter((t) => t >= D.toDeepIdleS);
    // Every beat after the phone went idle is at a window's start …
    for (const t of inIdle) expect(windows.some(([s]) => Math.abs(t - s) < 1e-6)).toBe(true);
    // … and every window has exactly one (600 s ≥ the 5- and 10-min windows).
    expect(inIdle.length).toBe(windows.length);
    // 12 h: windows at 7470, 14 970, 29 970 s → 3 beats in the night after the idle entry.
    expect(windows.map(([s]) => s)).toEqual([7470, 14_970, 29_970]);
    // Before idle: one beat every 600 s from the connect (CONNECT written at 0.26 + 0.2 s).
    const before = beats.filter((t) => t < D.toDeepIdleS);
    expect(before.length).toBe(Math.floor((D.toDeepIdleS - 0.46) / 600));
    expect(res.metrics.dozeDeferredHeartbeatsPerPhoneDay).toBeGreaterThan(0);
  });

  it('user activity (screen on) ends Doze: every beat fires when the schedule of its moment allows', () => {
    // Bursts of use (screen on) at 0.3/h: each resets the screen-off time; a held beat is
    // released at the burst. Property: at each beat's time t, with s the end of the last
    // burst before t (0 if none), either the screen is on or dozeRelease(D, s, t) = t.
    const res = runWorld(
      config({
        groups: [
          group({
            doze: D,
            background: { ratePerHour: 0.3, duration: { type: 'constant', value: 60 } },
          }),
        ],
      }),
      getStrategy('fixed')!.create,
    );
    const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
    const bursts = trace
      .filter((e) => e.event === 'user-traffic')
      .map((e) => [e.t, e.t + (e.durationS as number)]);
    expect(bursts.length).toBeGreaterThan(0);
    const beats = trace.filter((e) => e.event === 'heartbeat-ack').map((e) => e.t);
    let released = 0;
    for (const t of beats) {
      const on = bursts.some(([a, b]) => a <= t + 1e-9 && t < b);
      const s = Math.max(0, ...bursts.filter(([, b]) => b <= t).map(([, b]) => b));
      if (on) released++;
      else expect(dozeRelease(D, s, t)).toBeCloseTo(t, 6);
    }
    // Some beats were held by Doze and released by a screen-on.
    expect(released).toBeGreaterThan(0);
  });

  it('normal-priority pushes wait for the window; high-priority ones do not', () => {
    const run = (p: 'high' | 'normal') =>
      runWorld(
        config({
          groups: [
            group({ doze: D, dozePushPriority: p, apps: [{ name: 'push', pushRatePerHour: 4 }] }),
          ],
        }),
        getStrategy('fixed')!.create,
      ).metrics;
    const high = run('high');
    const normal = run('normal');
    expect(high.dozeDelayedPushesPerPhoneDay).toBe(0);
    expect(normal.dozeDelayedPushesPerPhoneDay).toBeGreaterThan(0);
    expect(normal.pushLatencyP50S).toBeGreaterThan(high.pushLatencyP50S);
  });
});
