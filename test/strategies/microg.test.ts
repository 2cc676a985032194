import { describe, expect, it } from 'vitest';
import { MICROG_DEFAULTS, createMicrog } from '../../src/strategies/microg.js';
import { MICROG_BACKOFF } from '../../src/strategies/registry.js';
import { freshEnv, makeContext } from './driver.js';

const microg = (p: Record<string, unknown> = {}) =>
  createMicrog({ ...MICROG_DEFAULTS, ...p }, freshEnv());

describe('microg — GcmPrefs learnTimeout / learnReached (sources: microg)', () => {
  it('follows a scripted sequence of acks and timeouts (hand-computed)', () => {
    const s = microg();
    const ctx = makeContext({ now: 0, connectedAt: 0, lastInboundAt: 0 });
    const seen: number[] = [s.nextInterval(ctx)];
    /** An ack after `quiet` seconds without inbound data. */
    const ack = (quiet: number) => {
      const i = s.nextInterval(ctx);
      ctx.now += i;
      ctx.lastInboundAt = ctx.now - quiet;
      s.onHeartbeatAck(ctx, i);
      seen.push(s.nextInterval(ctx));
    };
    const timeout = () => {
      const i = s.nextInterval(ctx);
      ctx.now += i + 90;
      s.onHeartbeatFailure(ctx, i, 'ackTimeout');
      seen.push(s.nextInterval(ctx));
    };
    ack(300); // silent 300 s > ¾·300 = 225 → 300 × 1.02 = 306
    timeout(); // 306 × 0.95 = 290.7 < 300 → clamped to 300
    ack(300); // 306
    ack(306); // 306 × 1.02 = 312.12
    ack(100); // inbound 100 s ago ≤ ¾·312.12 = 234.09: the NAT was refreshed, no change
    ack(312.12); // 312.12 × 1.02 = 318.3624
    timeout(); // 318.3624 × 0.95 = 302.44428
    timeout(); // 302.44428 × 0.95 = 287.322066 → 300
    ack(234); // 234 > ¾·300 = 225 → 306
    ack(229); // ≤ ¾·306 = 229.5 → unchanged 306
    const expected = [300, 306, 300, 306, 312.12, 312.12, 318.3624, 302.44428, 300, 306, 306];
    expect(seen.length).toBe(expected.length);
    for (const [i, v] of seen.entries()) expect(v).toBeCloseTo(expected[i], 9);
  });

  it('clamps at 900 s: 56 silent acks from 300 s reach the ceiling and stay there', () => {
    const s = microg();
    const ctx = makeContext({ lastInboundAt: Number.NaN, connectedAt: 0 });
    let v = 300;
    for (let k = 1; k <= 60; k++) {
      const i = s.nextInterval(ctx);
      ctx.now += i;
      ctx.lastInboundAt = Number.NaN; // no data since connect: microG's fallback is connectedAt
      ctx.connectedAt = ctx.now - i;
      s.onHeartbeatAck(ctx, i);
      v = Math.min(900, v * 1.02);
      expect(s.nextInterval(ctx)).toBeCloseTo(v, 9);
    }
    // 300 · 1.02^55 ≈ 890.3 < 900 ≤ 300 · 1.02^56 ≈ 908.1
    expect(300 * 1.02 ** 55).toBeLessThan(900);
    expect(s.nextInterval(ctx)).toBe(900);
  });

  it('keeps mobile and Wi-Fi apart', () => {
    const s = microg();
    const cell = makeContext({ networkKind: 'cellular' });
    const wifi = makeContext({ networkKind: 'wifi', networkKey: 'home' });
    s.onConnected(cell);
    cell.now = 1000;
    cell.lastInboundAt = 0;
    s.onHeartbeatAck(cell, 300);
    expect(s.nextInterval(cell)).toBeCloseTo(306, 9);
    expect(s.nextInterval(wifi)).toBe(300);
    s.onConnected(wifi);
    s.onHeartbeatFailure(wifi, 300, 'ackTimeout');
    expect(s.nextInterval(wifi)).toBe(300);
    expect(s.nextInterval(cell)).toBeCloseTo(306, 9);
    // A switch to Wi-Fi kills a cellular connection with a heartbeat outstanding: the model
    // reports the failure with the new network in ctx; it belongs to the cellular class.
    s.onConnected(cell);
    s.onHeartbeatFailure(wifi, 306, 'rst');
    expect(s.nextInterval(cell)).toBe(300); // 306 × 0.95 = 290.7 → clamped to 300
    expect(s.nextInterval(wifi)).toBe(300);
  });

  it('finds a lost ping at the next alarm (McsService.isConnected, 90 s check) and reconnects after 5, 10, 20, 30, 40, 50, 120 … 600 s', () => {
    // McsService.java MSG_HEARTBEAT: isConnected() runs when the next alarm fires, one
    // interval after the ping; it declares the link dead if no ack came within 90 s.
    // Detection time = max(90 s, interval): 300 s at the start.
    expect(microg().ackTimeoutS(makeContext())).toBe(300);
    expect(microg({ minS: 60, initialS: 60 }).ackTimeoutS(makeContext())).toBe(90);
    // McsService.getCurrentDelay(): 5 s, then the stored delay goes 10, 20 … 50, 60 → +60 in
    // the same call → 120: 60 s itself is never returned.
    expect(MICROG_BACKOFF.delaysS).toEqual([
      5, 10, 20, 30, 40, 50, 120, 180, 240, 300, 360, 420, 480, 540, 600,
    ]);
    expect(MICROG_BACKOFF.resetAfterS).toBe(0);
  });
});
