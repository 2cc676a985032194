import { describe, expect, it } from 'vitest';
import { SMART_DEFAULTS, createSmart } from '../../src/strategies/smart.js';
import { drive, freshEnv, makeContext, runs } from './driver.js';

/** The documented worked examples (variant `worked-example`); the shipped code is tested below. */
const smart = (p: Record<string, unknown> = {}) =>
  createSmart({ ...SMART_DEFAULTS, variant: 'worked-example', ...p }, freshEnv());
const DAY = 86400;

describe('smart-worked-example (WeChat Mars) — the documented worked examples', () => {
  it('NAT ≥ 10 min: 8 beats at 210 s, 6 at each of 270…570 s, then 580 s for good', () => {
    const t = drive(smart(), { natTimeoutS: 600, maxBeats: 60 });
    const r = runs(t.beats);
    // 3 warm-up + 5 counted at 210; 1 uncounted + 5 counted at each later step.
    expect(r.slice(0, 7)).toEqual([
      [210, 8],
      [270, 6],
      [330, 6],
      [390, 6],
      [450, 6],
      [510, 6],
      [570, 6],
    ]);
    expect(r[7][0]).toBe(580);
    expect(r.length).toBe(8); // 580 until the end of the drive
    expect(t.failures).toBe(0);
  });

  it('580 s is first used after 16800 s of intervals (4.67 h) and confirmed stable at 20280 s (5.63 h)', () => {
    const steps = [270, 330, 390, 450, 510, 570];
    const firstUse = 8 * 210 + 6 * steps.reduce((a, b) => a + b, 0);
    expect(firstUse).toBe(16800);
    // the worked example's "≈ 5.6 h" is the time until 580 s is CONFIRMED: the fifth counted
    // success at the cap marks the record stable, 1 + 5 beats of 580 s after first use.
    const stableAt = firstUse + 6 * 580;
    expect(stableAt).toBe(20280);
    expect(stableAt / 3600).toBeCloseTo(5.633, 3);

    const s = smart();
    const t = drive(s, { natTimeoutS: 600, maxBeats: 44 + 6 });
    const first580 = t.beats.findIndex((b) => b.interval === 580);
    expect(first580).toBe(44);
    // The beat at 580 s is sent 580 s after the previous answer (rtt 0 in the driver).
    expect(t.beats[first580].sentAt - 580).toBe(16800);
    expect(t.beats[first580 + 5].sentAt).toBe(20280);

    // Stable vs probing at 580 shows in what two failures do: probing would go to 500 s,
    // stable goes back to 210 s. After 6 beats at 580 (stable) two failures at 580 → 210.
    const ctx = makeContext({ now: 20280 });
    s.onHeartbeatFailure(ctx, 580, 'ackTimeout');
    s.onConnected(ctx);
    for (let i = 0; i < 3; i++) s.onHeartbeatAck(ctx, s.nextInterval(ctx));
    expect(s.nextInterval(ctx)).toBe(580);
    s.onHeartbeatFailure(ctx, 580, 'ackTimeout');
    expect(s.learnedInterval?.(ctx)).toBe(210);
  });

  it('one more 580 beat short of confirmation, two failures at 580 settle at 500 s (probing branch)', () => {
    const s = smart();
    const t = drive(s, { natTimeoutS: 600, maxBeats: 44 + 5 }); // 5 beats at 580: 4 counted
    expect(t.beats.at(-1)?.interval).toBe(580);
    const ctx = makeContext({ now: t.end });
    s.onHeartbeatFailure(ctx, 580, 'ackTimeout');
    s.onConnected(ctx);
    for (let i = 0; i < 3; i++) s.onHeartbeatAck(ctx, s.nextInterval(ctx));
    s.onHeartbeatFailure(ctx, s.nextInterval(ctx), 'ackTimeout');
    expect(s.learnedInterval?.(ctx)).toBe(500); // 580 − 60 − 20
  });

  it('5-min NAT: 330 s fails, reconnect, 3 warm-up beats, 330 s fails again → 250 s stable after 2 reconnects', () => {
    const s = smart();
    const t = drive(s, { natTimeoutS: 300, durationS: DAY });
    const r = runs(t.beats);
    expect(r.slice(0, 6)).toEqual([
      [210, 8],
      [270, 6],
      [330, 1], // failure 1
      [210, 3], // warm-up of connection 2
      [330, 1], // failure 2 → max(210, 330 − 60 − 20) = 250, stable
      [210, 3], // warm-up of connection 3
    ]);
    expect(r[6][0]).toBe(250);
    expect(r.length).toBe(7); // 250 s for the rest of the day
    expect(t.failures).toBe(2);
    expect(t.reconnects).toBe(2);
    expect(t.beats.filter((b) => !b.ok).map((b) => b.interval)).toEqual([330, 330]);
    expect(t.end).toBeGreaterThanOrEqual(DAY);
    expect(s.learnedInterval?.(makeContext())).toBe(250);
  });

  it('stable for 7 days without change → probes +20 s, then settles back at 250 s', () => {
    const t = drive(smart(), { natTimeoutS: 300, durationS: 8 * DAY });
    const settledAt = t.beats.filter((b) => !b.ok)[1].sentAt + SMART_DEFAULTS.ackTimeoutS;
    const firstReprobe = t.beats.find((b) => b.interval === 270 && b.sentAt > settledAt);
    expect(firstReprobe).toBeDefined();
    // The first success at 250 s at least 7 days after the record was last saved.
    expect(firstReprobe!.sentAt).toBeGreaterThan(settledAt + 7 * DAY);
    expect(firstReprobe!.sentAt).toBeLessThan(settledAt + 7 * DAY + 2 * 250 + 270);
    // 270 s works (NAT 300), so it climbs to 330, fails twice and is back at 250.
    expect(t.failures).toBe(4);
    expect(t.beats.at(-1)?.interval).toBe(250);
  });

  it('uses 210 s while the user is active (or < 10 min after), whatever it has learned', () => {
    const s = smart();
    drive(s, { natTimeoutS: 600, maxBeats: 60 });
    const ctx = makeContext({ now: 100_000 });
    expect(s.nextInterval(ctx)).toBe(580);
    ctx.lastUserActivityAt = 100_000 - 599;
    expect(s.nextInterval(ctx)).toBe(210);
    ctx.lastUserActivityAt = 100_000 - 600;
    expect(s.nextInterval(ctx)).toBe(580);
  });

  it('active beats at 210 s do not count towards the probe of the learned interval', () => {
    // The record probes 270 s; an active beat at 210 s in between breaks the "same interval
    // as the previous beat" chain, so the next 270 s beat is uncounted again.
    const s = smart();
    drive(s, { natTimeoutS: 600, maxBeats: 8 }); // now probing 270
    const ctx = makeContext({ now: 10_000 });
    s.onHeartbeatAck(ctx, 270); // uncounted (previous was 210)
    s.onHeartbeatAck(ctx, 270); // 1
    s.onHeartbeatAck(ctx, 210); // active beat: ignored, breaks the chain
    for (let i = 0; i < 4; i++) s.onHeartbeatAck(ctx, 270); // uncounted, 2, 3, 4
    expect(s.learnedInterval?.(ctx)).toBe(270);
    s.onHeartbeatAck(ctx, 270); // 5 → step
    expect(s.learnedInterval?.(ctx)).toBe(330);
  });

  it('keeps one record per network and re-uses it after a switch back; warm-up on every connection', () => {
    const s = smart();
    const nets = [
      { key: 'carrier-a', kind: 'cellular' as const },
      { key: 'home-wifi', kind: 'wifi' as const },
    ];
    // 14 acks on carrier A (→ 330 learned), switch to Wi-Fi, 3 acks, switch back.
    const script = [...Array(14).fill('ack'), 'switch', 'ack', 'ack', 'ack', 'switch'];
    drive(s, { networks: nets, outcome: (i) => script[i] });
    const a = makeContext({ networkKey: 'carrier-a' });
    const w = makeContext({ networkKey: 'home-wifi', networkKind: 'wifi' });
    expect(s.learnedInterval?.(a)).toBe(330);
    expect(s.learnedInterval?.(w)).toBe(210);
    // Back on A after the switch: warm-up first.
    expect(s.nextInterval(a)).toBe(210);
  });

  it('remembers at most 20 networks, evicting the least recently modified', () => {
    const s = smart();
    const ctx = makeContext();
    for (let n = 0; n < 21; n++) {
      ctx.now = n * 1000;
      ctx.networkKey = `net-${n}`;
      s.onConnected(ctx);
      // Learn something on net-0 only, so we can see whether it survived.
      if (n === 0) for (let i = 0; i < 8; i++) s.onHeartbeatAck(ctx, s.nextInterval(ctx));
    }
    ctx.networkKey = 'net-0';
    expect(s.learnedInterval?.(ctx)).toBe(210); // evicted: a fresh record
    ctx.networkKey = 'net-1';
    s.onConnected(ctx);
    ctx.networkKey = 'net-20';
    expect(s.learnedInterval?.(ctx)).toBe(210);
  });

  it('failures at 210 s are ignored', () => {
    const s = smart();
    const t = drive(s, { natTimeoutS: 200, maxBeats: 50 });
    expect(t.beats.every((b) => b.interval === 210)).toBe(true);
    expect(s.learnedInterval?.(makeContext())).toBe(210);
  });

  it('variant head (Tencent/mars @6aa5b567): noop at connect, next interval chosen at the write; a 5-min NAT settles at 250 s after 2 failures', () => {
    // longlink.cc 785–816 sends a noop (interval 0 here) as soon as the link is up; 810–815
    // choose the next interval right after each write. Per connection: noop, 3 × 210 s (the
    // third chosen while the count was 2), then the record's interval. The first probe fails
    // with success_heart_count_ = 4 > 3, so OnHeartResult records it (128–138 `<=` no longer
    // returns early).
    const t = drive(smart({ variant: 'head' }), { natTimeoutS: 300, durationS: DAY });
    const failures = t.beats.filter((b) => !b.ok);
    expect(failures.map((b) => b.interval)).toEqual([330, 330]);
    const r = runs(t.beats);
    expect(r.slice(0, 3)).toEqual([
      [0, 1],
      [210, 8],
      [270, 6],
    ]);
    expect(t.beats.at(-1)?.interval).toBe(250);
  });

  it('variant release-2018 (@e16fea36) never backs off on a 5-min NAT: the last warm-up success is filed under the probe interval', () => {
    // Without the pre_heart_ rule every success filed under the record's interval counts and
    // zeroes fail_heart_count_ (OnHeartResult 125–128 there). With the next interval chosen
    // at the write, the 3rd warm-up beat's success is filed under the probe interval, so the
    // failure count is back to 0 before every probe: it never reaches 2, and 5 such
    // successes step the record up while every probe fails.
    const s = smart({ variant: 'release-2018' });
    const t = drive(s, { natTimeoutS: 300, durationS: DAY });
    const failures = t.beats.filter((b) => !b.ok);
    expect(failures.length).toBeGreaterThan(50);
    expect(failures.every((b) => b.interval > 300)).toBe(true);
    expect(s.learnedInterval?.(makeContext())).toBeGreaterThan(330);
  });

  it('announces the ceiling so an MQTT-style server (1.5 × announced) never closes a growing session', () => {
    expect(smart().announcedInterval?.(makeContext())).toBe(600);
    expect(smart().ackTimeoutS(makeContext())).toBe(8);
  });
});
