import { describe, expect, it } from 'vitest';
import { LTE } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, runConfig, strategy } from './helpers.js';

/**
 * Mars on the full world model (one LTE phone, constant NAT timeout, RTT r and promotion
 * delay d constant, no pushes). Mars re-arms its heartbeat alarm when the noop is written
 * (mars/stn/src/longlink.cc, the alarm set right after each send), so beat k fires at
 *   upAt − r + Σ_{j≤k} interval_j   (upAt = d + 3r; the first beat is timed from the last
 *   client send of the handshake, one RTT before the connection is up).
 */
const d = LTE.promotionDelayS;
const r = 0.1;

function beats(natTimeoutS: number, durationS: number, type = 'smart-worked-example') {
  const res = runWorld(
    runConfig({
      carriers: [carrier(natTimeoutS)],
      strategy: strategy(type),
      durationS,
      tracePhone: 0,
    }),
    getStrategy(type)!.create,
  );
  const trace = (res as { trace?: TraceRecord[] }).trace ?? [];
  return { res, acks: trace.filter((x) => x.event === 'heartbeat-ack') };
}

describe('smart heartbeat (Mars) on the world model', () => {
  it('with a NAT timeout ≥ 10 min reaches 580 s after 8×210 and 6 beats at each of 270…570 s', () => {
    const { acks, res } = beats(1200, 8 * 3600);
    const intervals = acks.map((x) => x.interval as number);
    const expected = [
      ...Array(8).fill(210),
      ...[270, 330, 390, 450, 510, 570].flatMap((v) => Array(6).fill(v)),
    ];
    expect(intervals.slice(0, expected.length)).toEqual(expected);
    expect(intervals[expected.length]).toBe(580);
    // Time the first 580 s beat fires: the handshake's last send at d + 2r, then the 44
    // intervals before it, then 580.
    const firstAt580 = d + 2 * r + expected.reduce((s, v) => s + v, 0) + 580;
    expect(acks[expected.length].t).toBeCloseTo(firstAt580, 6);
    // 16 800 s of intervals before it (4.67 h) — parameters.md's "≈ 5.6 h" is the time until
    // 580 is confirmed stable (5 more counted beats at 580: see test/strategies).
    expect(expected.reduce((s, v) => s + v, 0)).toBe(16_800);
    expect(res.metrics.reconnectsPerPhoneDay).toBe(0);
  });

  it('as shipped (head, smart_heartbeat.cc 128–138 `<=`): a 5-min NAT loops on the unrecorded 330 s probe', () => {
    const { acks, res } = beats(300, 86_400, 'smart');
    // First connection: 8 × 210, 6 × 270, then the 330 s probe is written at
    //   upAt + 1680 + 1620 + 330, leaves after d, and fails 8 s (Mars's noop timeout) later.
    const upAt = d + 3 * r;
    const t1 = upAt - r + 8 * 210 + 6 * 270 + 330 + d + 8;
    // Every later connection: the loss was > 10 min after the previous attempt, so Mars's
    // reconnect index steps down to 0 (longlink_connect_monitor.cc 315–323): reconnect at
    // once; 3 warm-up beats at 210 s; the 330 s probe fails and, with the success count at
    // 3, `success_heart_count_ <= NetStableTestCount` returns before it is recorded.
    const cycle = d + 2 * r + 3 * 210 + 330 + d + 8;
    const failures = 1 + Math.floor((86_400 - t1) / cycle);
    expect(failures).toBe(86);
    expect(res.reconnectCauses.natEviction).toBe(failures);
    expect(res.metrics.learnedIntervalS).toBe(330); // never backs off
    const probes = acks.filter((x) => x.interval === 330);
    expect(probes.length).toBe(0); // no 330 s beat is ever answered
  });

  it('the documented worked example (smart-worked-example): a 5-min NAT settles at 250 s, stable, after exactly 2 NAT-caused reconnects', () => {
    const { acks, res } = beats(300, 86_400);
    const days = 1;
    expect(res.reconnectCauses.natEviction * days).toBe(2);
    expect(res.metrics.reconnectsPerPhoneDay * days).toBe(2);
    // After the second failure every beat outside the 3-beat warm-up uses 250 s, to the end.
    const tail = acks.slice(-100).map((x) => x.interval);
    expect(new Set(tail)).toEqual(new Set([250]));
    expect(res.metrics.learnedIntervalS).toBe(250);
  });
});
