import { describe, expect, it } from 'vitest';
import { isolatedExchangeExcessJ, LTE, WIFI } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, runConfig, strategy } from './helpers.js';

/**
 * Oracle for the `apns` preset (docs/strategies.md; sources: apns-pushproxy): one phone, a
 * NAT that never evicts, no pushes. Timed from the send: the CONNECT is written at d + 2r
 * (promotion d, RTT r), and a keep-alive follows every T: ⌊(86 400 − d − 2r) / T⌋ a day.
 */
const r = 0.1;
const apns = getStrategy('apns')!;

function day(onWifi: boolean) {
  const c = onWifi ? carrier(1e7, { kind: 'wifi', radio: WIFI }) : carrier(1e7);
  return runWorld(runConfig({ carriers: [c], strategy: strategy('apns') }), apns.create).metrics;
}

describe('apns preset (iOS system channel)', () => {
  it('is a system of its own: 20 min on cellular, 15 min on Wi-Fi, from the send', () => {
    expect(apns.defaults).toMatchObject({ intervalS: 1200, wifiIntervalS: 900 });
    expect(apns.timing).toBe('send');
  });

  it('cellular: ⌊(86 400 − d − 2r) / 1200⌋ = 71 keep-alives, each an isolated LTE exchange', () => {
    const m = day(false);
    const d = LTE.promotionDelayS;
    expect(m.heartbeatsPerPhoneDay).toBe(Math.floor((86_400 - d - 2 * r) / 1200));
    expect(m.reconnectsPerPhoneDay).toBe(0);
    // 1200 s ≫ the 10.1-s tail: every keep-alive promotes, plus the connect.
    expect(m.promotionsPerPhoneDay).toBe(m.heartbeatsPerPhoneDay + 1);
    const oracle = m.promotionsPerPhoneDay * isolatedExchangeExcessJ(LTE, r);
    expect(Math.abs(m.energyJPerPhoneDay - oracle) / oracle).toBeLessThan(0.01);
    expect(m.signalingPerPhoneDay).toBe(20 * m.promotionsPerPhoneDay);
  });

  it('Wi-Fi: ⌊(86 400 − 2r) / 900⌋ = 95 keep-alives, no carrier signaling', () => {
    const m = day(true);
    expect(m.heartbeatsPerPhoneDay).toBe(Math.floor((86_400 - 2 * r) / 900));
    expect(m.signalingPerPhoneDay).toBe(0);
    const oracle = m.promotionsPerPhoneDay * isolatedExchangeExcessJ(WIFI, r);
    expect(Math.abs(m.energyJPerPhoneDay - oracle) / oracle).toBeLessThan(0.02);
  });
});
