import { describe, expect, it } from 'vitest';
import { LTE, UMTS3G, WIFI } from '../../src/model/radioPresets.js';
import { DEFAULTS } from '../../src/scenario/defaults.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { load, MINIMAL } from './helpers.js';

describe('a four-line scenario', () => {
  const s = load(MINIMAL, 'dir/quick-look.yaml');

  it('gets the documented top-level defaults', () => {
    expect(s.name).toBe('quick-look');
    expect(s.seed).toBe(1);
    expect(s.durationS).toBe(86400);
    expect(s.warmupS).toBe(0);
    expect(s.replications).toBe(1);
    expect(s.startSpreadS).toBe(1800);
    expect(s.handshakeRtts).toBe(3);
    expect(s.bucketS).toBe(60);
    expect(s.intervalSamplePhones).toBe(100);
    expect(s.tracePhone).toBe(-1);
    expect(s.output).toEqual({ charts: true });
    expect(s.events).toEqual([]);
    expect(s.sweep).toEqual([]);
    expect(s.phones).toBe(10);
    expect(s.baseline).toBe('gcm');
  });

  it('expands the carrier preset with NAT and RTT defaults', () => {
    expect(s.carriers).toEqual([
      {
        name: 'lte-5min',
        kind: 'cellular',
        radio: LTE,
        nat: {
          idleTimeout: { type: 'constant', value: 300 },
          refreshOn: 'both',
          expiredPacket: 'drop',
          capacity: 0,
          onFull: 'evict-lru',
          boxes: 1,
          timeoutScope: 'phone',
          expiryTickS: 0,
        },
        rtt: { type: 'lognormal', median: 0.1, sigma: 0.3 },
      },
    ]);
  });

  it('gives the group one carrier, the default app, battery and architecture', () => {
    expect(s.groups).toEqual([
      {
        name: 'group1',
        count: 10,
        networks: [{ carrier: 'lte-5min', meanDwellS: Number.POSITIVE_INFINITY }],
        battery: { capacityMah: 1000, voltageV: 3.7 },
        architecture: 'system-channel',
        apps: [{ name: 'push', pushRatePerHour: 1 }],
      },
    ]);
  });

  it('fills the server defaults', () => {
    expect(s.server).toEqual({
      keepalive: { rule: 'factor', factor: 1.5 },
      pushAckTimeoutS: 60,
      messageTtlS: 28 * 86400,
      sessionTakeover: false,
      maxHandshakesPerS: 0,
    });
  });

  it('takes strategy defaults and reconnect rule from the registry', () => {
    const gcm = getStrategy('gcm')!;
    expect(s.strategies).toEqual([
      {
        name: 'gcm',
        type: 'gcm',
        params: gcm.defaults,
        reconnect: gcm.reconnect,
        resetOnTraffic: gcm.resetOnTraffic,
        timing: 'answer',
      },
    ]);
  });

  it('never hands out the preset objects themselves', () => {
    expect(s.carriers[0].radio).not.toBe(LTE);
    s.carriers[0].radio.tails[0].durationS = 999;
    expect(LTE.tails[0].durationS).toBe(10.1);
  });

  it('every default has a source', () => {
    for (const [key, d] of Object.entries(DEFAULTS))
      expect(d.source.length, key).toBeGreaterThan(5);
  });
});

describe('presets and overrides', () => {
  it('radio presets by kind, and field overrides on top of a preset', () => {
    const s = load(`carriers:
  - { name: w, kind: wifi }
  - { name: u, radio: umts3g }
  - { name: o, radio: { preset: umts3g, promotionDelayS: 3s, idlePowerW: 0.01 } }
  - { name: p, preset: umts3g-5min, radio: { activePowerW: 2 } }
groups: [{ count: 1, carrier: w }]
strategies: [gcm]
`);
    const [w, u, o, p] = s.carriers;
    expect(w.radio).toEqual(WIFI);
    expect(w.kind).toBe('wifi');
    expect(u.radio).toEqual(UMTS3G);
    expect(u.kind).toBe('cellular');
    expect(u.nat.idleTimeout).toEqual({ type: 'constant', value: 7440 });
    // A written constant promotion delay replaces the preset's spread.
    const { promotionDelay: _spread, ...constantUmts } = UMTS3G;
    expect(o.radio).toEqual({ ...constantUmts, promotionDelayS: 3, idlePowerW: 0.01 });
    expect(p.radio).toEqual({ ...UMTS3G, activePowerW: 2 });
    expect(p.nat.idleTimeout).toEqual({ type: 'constant', value: 300 });
  });

  it('a NAT override keeps the rest of the preset', () => {
    const s = load(`carriers: [{ preset: lte-30min, nat: { capacity: 500, expiredPacket: rst } }]
groups: [{ count: 1 }]
strategies: [gcm]
`);
    expect(s.carriers[0].name).toBe('lte-30min');
    expect(s.carriers[0].nat).toMatchObject({
      idleTimeout: { type: 'constant', value: 1800 },
      capacity: 500,
      expiredPacket: 'rst',
    });
  });

  it('the mixed-world set expands to four named carriers', () => {
    const s = load(`carriers: mixed-world
groups:
  - { count: 1, carrier: lte-5min }
  - { count: 1, networks: [{ carrier: wifi-home, meanDwell: 8h }, { carrier: umts3g-hours, meanDwell: 2h }] }
strategies: [gcm]
`);
    expect(s.carriers.map((c) => c.name)).toEqual([
      'lte-5min',
      'lte-10to30min',
      'umts3g-hours',
      'wifi-home',
    ]);
    expect(s.carriers[2].nat.idleTimeout).toEqual({ type: 'lognormal', median: 7200, sigma: 0.75 });
    expect(s.groups[1].networks).toEqual([
      { carrier: 'wifi-home', meanDwellS: 28800 },
      { carrier: 'umts3g-hours', meanDwellS: 7200 },
    ]);
  });

  it('server keepalive fixed, rates as strings, architecture blocks', () => {
    const s = load(`carriers: [lte-5min]
groups:
  - count: 1
    architecture: polling
    apps: [{ name: a, pushRatePerHour: "1/d", profile: [0,0,0,0,0,0,1,2,3,3,3,3,3,3,3,3,3,3,3,2,2,1,0,0] }]
    outages: { ratePerDay: "2/d", duration: { dist: exponential, mean: 10m } }
    background: { ratePerHour: "1/10m", duration: 20s }
    alignment: { period: 15m }
  - count: 1
    architecture: sms-wakeup
    sms: { delay: { dist: uniform, min: 1s, max: 10s }, signalingPerSms: 4 }
server: { keepalive: { fixed: 20m }, maxHandshakesPerS: "6000/min", messageTtl: 1d }
strategies: [gcm]
`);
    expect(s.server.keepalive).toEqual({ rule: 'fixed', timeoutS: 1200 });
    expect(s.server.maxHandshakesPerS).toBeCloseTo(100);
    expect(s.server.messageTtlS).toBe(86400);
    const [g, sms] = s.groups;
    expect(g.apps[0].pushRatePerHour).toBeCloseTo(1 / 24);
    expect(g.apps[0].profile).toHaveLength(24);
    expect(g.outages).toEqual({ ratePerDay: 2, duration: { type: 'exponential', mean: 600 } });
    expect(g.background?.ratePerHour).toBeCloseTo(6);
    expect(g.alignment).toEqual({ periodS: 900 });
    expect(g.polling).toEqual({ intervalS: 900, jitterS: 0, keepConnection: false });
    expect(sms.sms).toEqual({ delay: { type: 'uniform', min: 1, max: 10 }, signalingPerSms: 4 });
  });

  it('events without a carrier hit every carrier', () => {
    const s = load(`carriers: [lte-5min, wifi-home]
groups: [{ count: 1, carrier: lte-5min }]
strategies: [gcm]
events:
  - { type: nat-reset, at: 8h }
  - { type: server-restart, at: 9h, downtime: 30s }
  - { type: outage, at: 10h, duration: 5m, carrier: wifi-home }
`);
    expect(s.events).toEqual([
      { type: 'nat-reset', atS: 28800, carrier: 'lte-5min' },
      { type: 'nat-reset', atS: 28800, carrier: 'wifi-home' },
      { type: 'server-restart', atS: 32400, downtimeS: 30 },
      { type: 'outage', atS: 36000, durationS: 300, carrier: 'wifi-home' },
    ]);
  });
});
