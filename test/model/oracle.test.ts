import { describe, expect, it } from 'vitest';
import { Cause } from '../../src/model/causes.js';
import { isolatedExchangeExcessJ, LTE } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import type { TraceRecord } from '../../src/model/trace.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/**
 * Oracle tests (docs/model.md §9): one-phone worlds small enough for closed-form answers.
 * Common constants of the LTE preset and the helpers' world:
 *   promotion d = 0.26 s, RTT r = 0.1 s, handshake = 3 RTT, start at t = 0.
 */
const d = LTE.promotionDelayS;
const r = 0.1;
const handshake = 3 * r;
const fixed = getStrategy('fixed')!.create;

function traced(cfg: Parameters<typeof runConfig>[0]) {
  const res = runWorld(runConfig({ tracePhone: 0, ...cfg }), fixed);
  return { res, trace: (res as { trace?: TraceRecord[] }).trace ?? [] };
}

describe('oracle 1: heartbeat below the NAT timeout', () => {
  it('288 ± 1 heartbeats, no reconnects, promotions = heartbeats + connects, energy = promotions × one exchange', () => {
    const { res } = traced({
      carriers: [carrier(600)],
      strategy: strategy('fixed', { intervalS: 300 }),
    });
    const m = res.metrics;
    // The connection is up at d + 3r; `fixed` is timed from the send, as MQTT keep-alive
    // (3.1.1 §3.1.2.10: the gap between client sends), so the timer fires every 300 s.
    const upAt = d + handshake;
    const period = 300;
    const expected = Math.floor((86_400 - upAt) / period); // 287
    expect(Math.abs(m.heartbeatsPerPhoneDay - 288)).toBeLessThanOrEqual(1);
    expect(m.heartbeatsPerPhoneDay).toBe(expected);
    expect(m.reconnectsPerPhoneDay).toBe(0);
    // Beats are 300 s apart, far beyond the 10.1 s LTE tail: every beat promotes, plus the connect.
    expect(m.promotionsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay + 1);
    // Each isolated exchange costs the excess energy of promotion + active RTT + full tail.
    const perExchange = isolatedExchangeExcessJ(LTE, r);
    const oracle = m.promotionsPerPhoneDay * perExchange;
    // Within 1%: the connect keeps the radio active 3 RTTs instead of 1 (+0.24 J of ~3200 J).
    expect(Math.abs(m.energyJPerPhoneDay - oracle) / oracle).toBeLessThan(0.01);
    // Signaling = promotions × 20 (LTE, sources: 3gpp-23401).
    expect(m.signalingPerPhoneDay).toBe(m.promotionsPerPhoneDay * 20);
  });
});

describe('oracle 2: heartbeat above the NAT timeout', () => {
  it('every heartbeat fails, failed heartbeats = reconnects, and the cycle length matches the timeline', () => {
    const ackTimeout = 60;
    const { res, trace } = traced({
      carriers: [carrier(300)],
      strategy: strategy('fixed', { intervalS: 600, ackTimeoutS: ackTimeout }),
    });
    const m = res.metrics;
    expect(m.failedHeartbeatsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay);
    expect(m.reconnectsPerPhoneDay).toBe(m.failedHeartbeatsPerPhoneDay);
    expect(res.reconnectCauses.natEviction).toBe(m.reconnectsPerPhoneDay);
    // Cycle: a connect starts at t0 (promotion d: the tail of the last TCP retransmission,
    // sent 31 s after the beat, ended 41.2 s after it, before the 60 s ack timeout), is up at
    // t0 + d + 3r; the beat fires 600 s after the CONNECT was written (t0 + d + 2r: timed from
    // the client's last send), is sent after its promotion d, and is declared failed 60 s
    // later, when the phone reconnects at once: t1 = t0 + d + 2r + 600 + d + 60.
    const cycle = d + 2 * r + 600 + d + ackTimeout;
    const connects = trace.filter((x) => x.event === 'connect').map((x) => x.t);
    expect(connects.length).toBeGreaterThan(10);
    for (let i = 1; i < connects.length; i++)
      expect(connects[i] - connects[i - 1]).toBeCloseTo(cycle, 9);
    expect(m.reconnectsPerPhoneDay).toBe(Math.floor(86_400 / cycle));
  });
});

describe('oracle 3: a push written into an evicted mapping', () => {
  it('waits for the server ack timeout, the re-queue, and the reconnect; latency as computed', () => {
    const pushAt = 400;
    const ackTimeout = 60;
    const { res, trace } = traced({
      carriers: [carrier(300)],
      strategy: strategy('fixed', { intervalS: 600, ackTimeoutS: ackTimeout }),
      events: [{ type: 'push', atS: pushAt, phone: 0, app: 0 }],
      durationS: 2000,
    });
    // Up at d+3r = 0.56; mapping dies at 300.56; the push at 400 goes into the dead mapping;
    // the server closes the session at 400 + 60 and queues the message. The beat at
    // 0.56 + 600 promotes (d), fails 60 s later, the phone reconnects at once: the radio's
    // tail from the last retransmission (+31 s) is over, so it promotes again (d), does the
    // handshake (3r), and the queued message arrives r/2 later.
    const beatSent = d + 2 * r + 600 + d; // timed from the CONNECT's write, one RTT before up
    const reconnectUp = beatSent + ackTimeout + d + handshake;
    const expectedLatency = reconnectUp + r / 2 - pushAt;
    const delivered = trace.find((x) => x.event === 'push-delivered');
    expect(delivered?.latency).toBeCloseTo(expectedLatency, 9);
    expect(trace.find((x) => x.event === 'session-closed')?.t).toBe(pushAt + 60);
    expect(res.metrics.pushDelivered).toBe(1);
    expect(res.metrics.pushLatencyMaxS).toBeCloseTo(expectedLatency, 9);
  });
});

describe('oracle 4: MQTT keep-alive rule', () => {
  it('the server closes a silent session exactly 1.5 × interval after the last client packet', () => {
    const interval = 600;
    const outageAt = 100;
    const { res, trace } = traced({
      carriers: [carrier(3600)],
      strategy: strategy('fixed', { intervalS: interval }),
      events: [{ type: 'outage', atS: outageAt, durationS: 5000, carrier: 'lte' }],
      durationS: 3000,
    });
    // Last client packet: the end of the handshake at d + 3r; then the phone loses coverage
    // and stays silent; the server has announced interval 600 → timeout 900.
    const lastPacket = d + handshake;
    const closed = trace.find((x) => x.event === 'session-closed');
    expect(closed?.t).toBeCloseTo(lastPacket + 1.5 * interval, 9);
    expect(closed?.cause).toBe(Cause.serverTimeout);
    // The session was a zombie from the outage until then.
    const days = 3000 / 86_400;
    expect(res.metrics.zombieSessionSecondsSumPerPhoneDay * days).toBeCloseTo(
      lastPacket + 1.5 * interval - outageAt,
      6,
    );
  });
});

describe('oracle 5: NAT capacity with LRU eviction', () => {
  it('with capacity 2 and 3 connections, the least recently used mapping is evicted', () => {
    const nat = { ...carrier(3600).nat, capacity: 2, onFull: 'evict-lru' as const };
    const cfg = {
      carriers: [carrier(3600, { nat })],
      groups: [group({ count: 3 })],
      strategy: strategy('fixed', { intervalS: 300 }),
      durationS: 400,
    };
    // All three connect at t = 0 in phone order; phone 0's mapping is the least recently
    // used when phone 2's SYN arrives, so phone 0's first heartbeat finds it evicted.
    const p0 = runWorld(runConfig({ ...cfg, tracePhone: 0 }), fixed) as { trace?: TraceRecord[] };
    const lost0 = p0.trace!.find((x) => x.event === 'heartbeat-lost');
    expect(lost0?.cause).toBe(Cause.capacityEviction);
    for (const phone of [1, 2]) {
      const px = runWorld(runConfig({ ...cfg, tracePhone: phone }), fixed) as {
        trace?: TraceRecord[];
      };
      const first = px.trace!.find((x) => x.event.startsWith('heartbeat'));
      expect(first?.event).toBe('heartbeat-ack');
    }
  });

  it('with onFull: reject, the third SYN fails and backs off', () => {
    const nat = { ...carrier(3600).nat, capacity: 2, onFull: 'reject' as const };
    const res = runWorld(
      runConfig({
        carriers: [carrier(3600, { nat })],
        groups: [group({ count: 3 })],
        durationS: 30,
        tracePhone: 2,
      }),
      fixed,
    ) as { trace?: TraceRecord[]; metrics: Record<string, number> };
    expect(res.trace!.find((x) => x.event === 'connect-failed')).toBeDefined();
    expect(res.metrics.connectFailuresPerPhoneDay).toBeGreaterThan(0);
  });
});

describe('oracle 6: a network switch', () => {
  it('reconnects at once, leaves a zombie until the server timeout, and loses no message', () => {
    const interval = 300;
    const { res, trace } = traced({
      carriers: [carrier(3600), carrier(3600, { name: 'wifi', kind: 'wifi' })],
      groups: [
        group({
          networks: [
            { carrier: 'lte', meanDwellS: 3 * 3600 },
            { carrier: 'wifi', meanDwellS: 3 * 3600 },
          ],
          apps: [{ name: 'push', pushRatePerHour: 6 }],
        }),
      ],
      strategy: strategy('fixed', { intervalS: interval }),
    });
    const switches = trace.filter((x) => x.event === 'network-switch').map((x) => x.t);
    expect(switches.length).toBeGreaterThan(2);
    for (const t of switches) {
      // The phone knows at once: the next connect starts at the switch instant.
      expect(trace.find((x) => x.event === 'connect' && x.t >= t)?.t).toBe(t);
      // The server does not: the old session is retired as a zombie closing 1.5 × interval
      // after its last client packet, which was at most one interval (plus a beat) ago.
      const retired = trace.find((x) => x.event === 'session-retired' && x.t >= t);
      expect(retired).toBeDefined();
      expect(Number(retired!.closesAt) - t).toBeGreaterThan(0.5 * interval - 1);
      expect(Number(retired!.closesAt) - t).toBeLessThanOrEqual(1.5 * interval);
    }
    expect(res.reconnectCauses.networkChange * 1).toBe(switches.length);
    expect(res.metrics.zombieSessionSecondsSumPerPhoneDay).toBeGreaterThan(0);
    // No message lost: everything that arrived was delivered or is still pending.
    expect(res.metrics.pushExpired).toBe(0);
    expect(res.metrics.pushDelivered + res.metrics.pushPending).toBe(res.metrics.pushArrived);
    expect(res.metrics.pushArrived).toBeGreaterThan(100);
  });
});
