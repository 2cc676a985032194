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
    // 16 800 s of intervals before it (4.67 h) — the worked example's "≈ 5.6 h" is the time until
    // 580 is confirmed stable (5 more counted beats at 580: see test/strategies).
    expect(expected.reduce((s, v) => s + v, 0)).toBe(16_800);
    expect(res.metrics.reconnectsPerPhoneDay).toBe(0);
  });

  it('as shipped (head @6aa5b567): a 5-min NAT settles at 250 s, stable, after exactly 2 NAT-caused reconnects', () => {
    // longlink.cc sends a noop as soon as a connection is up and chooses the next interval
    // right after each write; OnHeartResult files results under that choice. Per
    // connection: the noop, 3 × 210 s, then the record's interval. Connection 1: noop +
    // 8 × 210, 6 × 270, the 330 s probe fails (failure 1). Connection 2: noop + 3 × 210, 330
    // fails with success_heart_count_ = 4 (recorded: failure 2) → max(210, 330 − 60 − 20) =
    // 250 s, stable. Connection 3: noop + 3 × 210, then 250 s for good.
    const { acks, res } = beats(300, 86_400, 'smart');
    expect(res.reconnectCauses.natEviction).toBe(2);
    expect(res.metrics.reconnectsPerPhoneDay).toBe(2);
    const intervals = acks.map((x) => x.interval as number);
    // The noop at connect is logged with the interval chosen for the first beat (210).
    expect(intervals.slice(0, 15)).toEqual([...Array(9).fill(210), ...Array(6).fill(270)]);
    expect(intervals.slice(15, 19)).toEqual(Array(4).fill(210));
    expect(intervals.slice(19, 23)).toEqual(Array(4).fill(210));
    expect(new Set(intervals.slice(23))).toEqual(new Set([250]));
    expect(res.metrics.learnedIntervalS).toBe(250);
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
