import type { Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/program.js';
import { natBlockYaml } from '../../src/realworld/natBlock.js';
import { natLabPlan } from '../../src/realworld/natLab.js';
import type { ProbeReport } from '../../src/realworld/probe.js';
import { probeOnce } from '../../src/realworld/probeClient.js';
import { formatRequest, parseRequest } from '../../src/realworld/probeProtocol.js';
import {
  applyRound,
  firstRound,
  nextRound,
  resolved,
  roundsNeeded,
} from '../../src/realworld/probeSearch.js';
import { startProbeServer } from '../../src/realworld/probeServer.js';
import { type ReplayEvent, quantile, replayMetrics } from '../../src/realworld/replayMetrics.js';
import { checkReplayable, labNatFor, timingOf } from '../../src/realworld/replayPlan.js';

/** Pure parts of probe and replay (no namespaces, no root); the real-NAT tests are in namespaceNat.test.ts. */

describe('probe search', () => {
  it('first round spans the range, ends included; later rounds split (lo, hi) evenly', () => {
    expect(firstRound(2, 12, 6)).toEqual([2, 4, 6, 8, 10, 12]);
    // (n+1)-ary: points lo + (hi − lo)·k/(n+1), k = 1..n
    expect(nextRound({ lo: 6, hi: 8 }, 3)).toEqual([6.5, 7, 7.5]);
  });

  it('moves lo to the longest unanimous survivor and hi to the shortest unanimous expiry', () => {
    const u = applyRound({ lo: 0, hi: Number.POSITIVE_INFINITY }, [
      { silenceS: 4, alive: [true, true] },
      { silenceS: 6, alive: [true, false] },
      { silenceS: 8, alive: [false, false] },
      { silenceS: 10, alive: [false, false] },
    ]);
    expect(u.bounds).toEqual({ lo: 4, hi: 8 });
    expect(u.mixed).toEqual([6]);
    expect(u.nonMonotone).toBe(false);
    expect(resolved(u.bounds, 4)).toBe(true);
    expect(resolved(u.bounds, 3.9)).toBe(false);
  });

  it('flags a NAT that is not a plain idle timer (a longer silence survived a shorter expiry)', () => {
    const u = applyRound({ lo: 0, hi: Number.POSITIVE_INFINITY }, [
      { silenceS: 4, alive: [false, false] },
      { silenceS: 8, alive: [true, true] },
    ]);
    expect(u.nonMonotone).toBe(true);
  });

  it('counts rounds as 1 + ceil(log_{n+1}(first width / resolution))', () => {
    // width 10 over 6 points: first bracket 2 s; 2/0.5 = 4 → log_7 4 < 1 → one more round.
    expect(roundsNeeded(10, 0.5, 6)).toBe(2);
    // 30 min over 6 points: 360 s; 360/5 = 72 → ceil(log_7 72) = 3 → 4 rounds.
    expect(roundsNeeded(1800, 5, 6)).toBe(1 + Math.ceil(Math.log(72) / Math.log(7)));
  });
});

describe('probe protocol', () => {
  it('round-trips requests and rejects anything else', () => {
    expect(parseRequest(formatRequest({ kind: 'wait', ms: 7000 }).trim())).toEqual({
      kind: 'wait',
      ms: 7000,
    });
    expect(parseRequest(formatRequest({ kind: 'drip', periodMs: 500, count: 3 }).trim())).toEqual({
      kind: 'drip',
      periodMs: 500,
      count: 3,
    });
    expect(parseRequest('ECHO')).toEqual({ kind: 'echo' });
    expect(parseRequest('GET / HTTP/1.1')).toMatch(/not a probe request/);
    expect(parseRequest('HBPROBE1 WAIT -1')).toMatch(/bad probe request/);
    expect(parseRequest('HBPROBE1 WAIT 999999999')).toMatch(/bad probe request/);
    expect(parseRequest('HBPROBE1 DRIP 1000 0')).toMatch(/bad probe request/);
  });
});

describe('probe over loopback (no NAT: every silence survives)', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = await startProbeServer({ host: '127.0.0.1', port: 0, maxConnections: 8 });
    const addr = server.address();
    port = typeof addr === 'object' && addr ? addr.port : 0;
  });
  afterAll(() => server.close());

  it('the server writes after the silence, and answers ECHO', async () => {
    const t = await probeOnce('127.0.0.1', port, { kind: 'wait', ms: 200 }, 0.2, 1);
    expect(t.alive).toBe(true);
    expect(t.rttS).toBeLessThan(1);
    const d = await probeOnce('127.0.0.1', port, { kind: 'drip', periodMs: 50, count: 3 }, 0.15, 1);
    expect(d.alive).toBe(true);
  });

  it('an unreachable server is a clear error', async () => {
    await expect(probeOnce('127.0.0.1', 1, { kind: 'wait', ms: 10 }, 0.01, 0.1)).rejects.toThrow(
      /probe server 127\.0\.0\.1:1: ECONNREFUSED/,
    );
  });
});

describe('namespace NAT plan', () => {
  it('sets conntrack to the timeout, forbids loose pickup, drops invalid; resets only in the rst variant', () => {
    const drop = natLabPlan(5, { idleTimeoutS: 7, expiredPacket: 'drop' });
    const text = drop.setup.map((c) => `${c.args.join(' ')} ${c.stdin ?? ''}`).join('\n');
    expect(text).toContain('net.netfilter.nf_conntrack_tcp_timeout_established=7');
    expect(text).toContain('net.netfilter.nf_conntrack_tcp_loose=0');
    expect(text).toContain('masquerade');
    expect(text).toContain('ct state invalid drop');
    expect(text).not.toContain('reject');
    const rst = natLabPlan(5, { idleTimeoutS: 7, expiredPacket: 'rst' });
    expect(rst.setup.map((c) => c.stdin ?? '').join('')).toContain(
      'ct state invalid meta l4proto tcp reject with tcp reset',
    );
    // Only addresses of the benchmarking range (RFC 2544) this lab owns.
    for (const a of [drop.clientAddr, drop.publicAddr, drop.serverAddr])
      expect(a).toMatch(/^198\.1[89]\.5\./);
  });

  it('refuses a timeout conntrack cannot hold', () => {
    expect(() => natLabPlan(5, { idleTimeoutS: 6.5, expiredPacket: 'drop' })).toThrow(
      /whole number/,
    );
    expect(() => natLabPlan(0, { idleTimeoutS: 6, expiredPacket: 'drop' })).toThrow(/1\.\.254/);
  });
});

describe('the carriers[].nat block a probe prints', () => {
  const report: ProbeReport = {
    server: '198.19.5.2:7000',
    date: '2026-11-29T23:00:00.000Z',
    status: 'resolved',
    bounds: { lo: 6.857, hi: 7.143 },
    resolutionS: 0.5,
    rounds: 2,
    connections: 26,
    mixed: [],
    expired: { drop: 0, rst: 12, answered: 0 },
    expiredPacket: 'rst',
    inboundRefreshes: true,
    rttMedianS: 0.01,
    wallS: 40,
  };

  it('pastes into a scenario as it is', () => {
    const yaml = natBlockYaml(report, 'my-carrier');
    expect(yaml).toContain('2026-11-29T23:00:00.000Z');
    const scenario = loadScenarioText(
      `name: pasted\nduration: 1h\n${yaml}groups:\n  - { name: g, count: 1, apps: [{ name: a, pushRatePerHour: 1 }] }\nstrategies: [{ name: f, type: fixed }]\n`,
      'pasted.yaml',
    );
    const nat = scenario.carriers[0].nat;
    expect(scenario.carriers[0].name).toBe('my-carrier');
    expect(nat.idleTimeout).toEqual({ type: 'uniform', min: 6.857, max: 7.143 });
    expect(nat.expiredPacket).toBe('rst');
    expect(nat.refreshOn).toBe('both');
  });

  it('says so when the timeout is beyond the range', () => {
    const yaml = natBlockYaml(
      { ...report, status: 'above-max', bounds: { lo: 12, hi: Number.POSITIVE_INFINITY } },
      'x',
    );
    expect(yaml).toMatch(/longer; probe again with a larger --max/);
  });
});

describe('replay metrics', () => {
  it('counts in the measured window, per scenario hour, as the simulation does', () => {
    const ev: ReplayEvent[] = [
      { t: 100, event: 'connect', conn: 1 },
      { t: 700, event: 'heartbeat', interval: 600 },
      { t: 760, event: 'heartbeat-failed', interval: 600, reason: 'ackTimeout' },
      { t: 760, event: 'connection-lost', cause: 'ackTimeout', livedS: 660, nextAttemptS: 760 },
      { t: 3000, event: 'push-published', id: 0 },
      { t: 3001, event: 'push-delivered', id: 0, latencyS: 1 },
      { t: 5000, event: 'push-published', id: 1 },
      { t: 5030, event: 'push-delivered', id: 1, latencyS: 30 },
      { t: 7300, event: 'connection-lost', cause: 'ackTimeout', livedS: 660, nextAttemptS: 7300 },
    ];
    // window [600, 7200): 1 loss (the one at 7300 is past the end), 1 heartbeat, over 6600 s.
    const m = replayMetrics(ev, 600, 7200);
    expect(m.reconnectsPerHour).toBeCloseTo(1 / (6600 / 3600), 12);
    expect(m.heartbeatsPerHour).toBeCloseTo(1 / (6600 / 3600), 12);
    expect(m.pushArrived).toBe(2);
    expect(m.pushDelivered).toBe(2);
    expect(m.pushLatencyP50S).toBe(1);
    expect(m.pushLatencyP99S).toBe(30);
  });

  it('uses nearest-rank quantiles', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.95)).toBe(4);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('what a replay can run', () => {
  const base = (extra: string) =>
    loadScenarioText(
      `name: r\nduration: 1h\ncarriers:\n  - { name: c, nat: { idleTimeout: 6m } }\ngroups:\n  - { name: g, count: 2, architecture: system-channel, apps: [{ name: a, pushRatePerHour: 1 }] }\nstrategies: [{ name: f, type: fixed, params: { intervalS: 10m } }]\n${extra}`,
      'r.yaml',
    );

  it('maps the carrier to a namespace NAT in wall seconds', () => {
    const s = base('');
    expect(labNatFor(s.carriers[0], 60)).toEqual({ idleTimeoutS: 6, expiredPacket: 'drop' });
    expect(() => labNatFor(s.carriers[0], 7)).toThrow(/whole number of seconds.*try --speed 60/);
    expect(timingOf(s.strategies[0])).toBe('send');
  });

  it('refuses what one real connection cannot be', () => {
    const s = base('');
    expect(() => checkReplayable(s, 2)).toThrow(/phones 0\.\.1/);
    const drawn = {
      ...s.carriers[0],
      nat: { ...s.carriers[0].nat, idleTimeout: { type: 'exponential' as const, mean: 300 } },
    };
    expect(() => labNatFor(drawn, 60)).toThrow(/constant idleTimeout/);
    const outbound = {
      ...s.carriers[0],
      nat: { ...s.carriers[0].nat, refreshOn: 'outbound' as const },
    };
    expect(() => labNatFor(outbound, 60)).toThrow(/refreshOn must be both/);
  });
});

/** The CLI in this process (no child start-up cost): exit code and what it printed. */
async function hbsim(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'hbsim', ...args], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    errIsTTY: false,
    errStream: new PassThrough(),
  });
  return { code, out, err };
}

describe('CLI: bad input is exit 2 with a message, never a stack trace', () => {
  it('probe: a malformed --server, an unreachable one, a budget shorter than a round', async () => {
    const a = await hbsim(['probe', '--server', 'nohost']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(/--server nohost: expected HOST:PORT/);
    const b = await hbsim(['probe', '--server', '127.0.0.1:1', '--min', '1', '--max', '2', '-q']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/probe server 127\.0\.0\.1:1: ECONNREFUSED/);
    const c = await hbsim(['probe', '--server', '127.0.0.1:1', '--max', '30m', '--budget', '10m']);
    expect(c.code).toBe(2);
    expect(c.err).toMatch(/shorter than one round/);
  });

  it('replay: a NAT timeout conntrack cannot hold at this speed, a bad broker URL', async () => {
    const a = await hbsim(['replay', 'scenarios/replay-lab.yaml', '--speed', '7', '-q']);
    expect(a.code).toBe(2);
    expect(a.err).toMatch(
      /nat-6min: NAT idle timeout 360 s at --speed 7 is 51.429 s .*\(try --speed 60\)/,
    );
    expect(a.err).not.toMatch(/\n\s+at /);
    const b = await hbsim(['replay', 'scenarios/replay-lab.yaml', '--broker', 'http://x']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/expected mqtt:\/\/host:port/);
  });
});
