import { describe, expect, it } from 'vitest';
import { WIFI } from '../../src/model/radioPresets.js';
import { runWorld } from '../../src/model/run.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { carrier, group, runConfig, strategy } from './helpers.js';

/** Defects found in review, each pinned by the smallest world that showed it. */
const fixed = getStrategy('fixed')!.create;

describe('model regressions', () => {
  it('the server never accepts more handshakes per second than its budget', () => {
    const res = runWorld(
      runConfig({
        groups: [group({ count: 200 })],
        server: { ...runConfig().server, maxHandshakesPerS: 5 },
        startSpreadS: 2,
        durationS: 3600,
      }),
      fixed,
    );
    expect(res.metrics.serverHandshakesPeakPerS).toBeLessThanOrEqual(5);
    expect(res.metrics.connectFailuresPerPhoneDay).toBeGreaterThan(0);
  });

  it('polling and SMS phones keep no standing connection across network switches and outages', () => {
    for (const architecture of ['polling', 'sms-wakeup'] as const) {
      const res = runWorld(
        runConfig({
          carriers: [carrier(600), carrier(1800, { name: 'wifi', kind: 'wifi', radio: WIFI })],
          groups: [
            group({
              count: 20,
              architecture,
              networks: [
                { carrier: 'lte', meanDwellS: 2 * 3600 },
                { carrier: 'wifi', meanDwellS: 2 * 3600 },
              ],
              outages: { ratePerDay: 4, duration: { type: 'constant', value: 600 } },
              polling: { intervalS: 900, jitterS: 0, keepConnection: false },
              sms: { delay: { type: 'normal', mean: 1, sd: 5 }, signalingPerSms: 10 },
              apps: [{ name: 'a', pushRatePerHour: 2 }],
            }),
          ],
        }),
        fixed,
      );
      expect(res.metrics.heartbeatsPerPhoneDay).toBe(0);
      expect(res.metrics.serverSessionsPeak).toBe(0);
    }
  });

  it('a session still open at the end has been a zombie since its path died', () => {
    const outageAt = 100;
    const end = 800;
    const res = runWorld(
      runConfig({
        carriers: [carrier(3600)],
        strategy: strategy('fixed', { intervalS: 600 }), // server timeout 900 s: after the end
        events: [{ type: 'outage', atS: outageAt, durationS: 5000, carrier: 'lte' }],
        durationS: end,
      }),
      fixed,
    );
    const days = end / 86_400;
    expect(res.metrics.zombieSessionSecondsSumPerPhoneDay * days).toBeCloseTo(end - outageAt, 6);
  });
});
