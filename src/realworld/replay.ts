import { randomBytes } from 'node:crypto';
import { connect as mqttConnect, type MqttClient, type Packet } from 'mqtt';
import { StreamTable } from '../engine/random/streams.js';
import { backoffDelay } from '../model/backoff.js';
import type { HeartbeatStrategy, StrategyContext, StrategyFactory } from '../strategies/types.js';
import type { ReplayEvent } from './replayMetrics.js';
import type { ReplayPlan } from './replayPlan.js';

export interface ReplayRunOptions {
  plan: ReplayPlan;
  factory: StrategyFactory;
  /** mqtt://host:port of the broker behind the NAT. */
  brokerUrl: string;
  /** Called for every event as it happens (the CLI's log). */
  onEvent?: (e: ReplayEvent) => void;
  signal?: AbortSignal;
}

export interface ReplayOutcome {
  events: ReplayEvent[];
  /** Stopped early by the signal. */
  aborted: boolean;
  /** Scenario time reached. */
  endS: number;
  /** Pushes published but never delivered. */
  undelivered: number;
}

/** mqtt.js runs its own keep-alive timer; the strategy decides instead, so that timer never fires. */
const INERT_TIMER = {
  set: () => 0 as unknown as number,
  clear: () => {},
};

/**
 * One phone of a scenario on a real stack: an mqtt.js client whose PINGREQs are sent when
 * the scenario's heartbeat strategy (the same code the simulation runs) says, through a
 * real NAT to a real broker, with pushes published at the simulated phone's arrival times.
 * Scenario time runs `plan.speed` times faster than the wall clock; every time the strategy
 * sees and every time logged is scenario time.
 *
 * The client follows the simulation's client (src/model/client.ts): heartbeat after the
 * strategy's interval (from the last ping sent or its answer, per the strategy's timing),
 * any other client packet restarts the timer when the strategy resets on traffic, a ping
 * unanswered within the strategy's ack timeout (or answered by a RST or a close) fails and
 * drops the connection, and reconnects follow the strategy's backoff rule with its own
 * random stream.
 */
export function runReplay(opts: ReplayRunOptions): Promise<ReplayOutcome> {
  const { plan, factory } = opts;
  const speed = plan.speed;
  const events: ReplayEvent[] = [];
  const tag = `${process.pid}-${randomBytes(3).toString('hex')}`;
  const clientId = `hbsim-phone${plan.phone}-${tag}`;
  const topic = `hbsim/replay/${tag}/phone${plan.phone}`;
  const strategy: HeartbeatStrategy = factory(plan.spec.params, {
    shared: new Map(),
    durationS: plan.durationS,
  });
  const conn = plan.connection;
  const rngStrategy = new StreamTable(plan.seed, 0, `strategy:${plan.spec.name}`, conn + 1).source(
    conn,
  );
  const rngBackoff = new StreamTable(plan.seed, 0, 'backoff', conn + 1);

  let w0 = 0;
  const now = () => ((performance.now() - w0) / 1000) * speed;
  const timers = new Set<NodeJS.Timeout>();
  const at = (t: number, fn: () => void): NodeJS.Timeout => {
    const h = setTimeout(
      () => {
        timers.delete(h);
        fn();
      },
      Math.max(0, ((t - now()) / speed) * 1000),
    );
    timers.add(h);
    return h;
  };
  const cancel = (h: NodeJS.Timeout | undefined) => {
    if (h === undefined) return;
    clearTimeout(h);
    timers.delete(h);
  };
  const log = (e: ReplayEvent) => {
    events.push(e);
    opts.onEvent?.(e);
  };

  const ctx: StrategyContext = {
    now: 0,
    connection: conn,
    phone: plan.phone,
    app: plan.app,
    networkKey: plan.carrier.name,
    networkKind: plan.carrier.kind,
    // The replay has no radio model: the strategy is told the radio is idle.
    radioConnected: false,
    connectedAt: Number.NaN,
    lastInboundAt: Number.NaN,
    lastOutboundAt: Number.NaN,
    lastUserActivityAt: Number.NaN,
    rng: rngStrategy,
  };
  const at_ = (t: number) => {
    ctx.now = t;
    return ctx;
  };

  let client: MqttClient | undefined;
  let epoch = 0;
  let up = false;
  let attempt = 0;
  let hbTimer: NodeJS.Timeout | undefined;
  let hbDue = Number.NaN;
  let hbInterval = Number.NaN;
  let pingSentAt = Number.NaN;
  let ackTimer: NodeJS.Timeout | undefined;
  let stopped = false;
  const delivered = new Set<number>();
  const publishedAt = new Map<number, number>();

  const scheduleHeartbeat = (from: number) => {
    const interval = strategy.nextInterval(at_(from));
    if (!(interval > 0 && interval < Number.POSITIVE_INFINITY)) {
      throw new RangeError(
        `strategy "${plan.spec.name}" returned an invalid heartbeat interval ${interval}`,
      );
    }
    hbInterval = interval;
    hbDue = Math.max(from + interval, now());
    cancel(hbTimer);
    hbTimer = at(hbDue, sendHeartbeat);
  };

  const sendHeartbeat = () => {
    hbTimer = undefined;
    if (!up || !client) return;
    const t = now();
    pingSentAt = t;
    log({ t, event: 'heartbeat', interval: hbInterval });
    strategy.onHeartbeatSent?.(at_(t), hbInterval);
    client.sendPing();
    ackTimer = at(t + strategy.ackTimeoutS(at_(t)), () => lose('ackTimeout'));
  };

  const onPingResp = () => {
    if (!up || Number.isNaN(pingSentAt)) return;
    const t = now();
    cancel(ackTimer);
    ackTimer = undefined;
    strategy.onHeartbeatAck(at_(t), hbInterval);
    ctx.lastInboundAt = t;
    log({ t, event: 'heartbeat-ack', interval: hbInterval, rttS: t - pingSentAt });
    const from = plan.timing === 'send' ? pingSentAt : t;
    pingSentAt = Number.NaN;
    scheduleHeartbeat(from);
  };

  /** MQTT semantics: another client packet restarts the keep-alive timer (when the strategy says so). */
  const restartOnTraffic = (t: number) => {
    if (!plan.spec.resetOnTraffic || hbTimer === undefined || !Number.isNaN(pingSentAt)) return;
    const due = t + hbInterval;
    if (due > hbDue) {
      hbDue = due;
      cancel(hbTimer);
      hbTimer = at(hbDue, sendHeartbeat);
    }
  };

  const scheduleReconnect = (from: number) => {
    const delay = backoffDelay(plan.spec.reconnect, attempt, rngBackoff.uniform(conn));
    at(from + delay, connectNow);
    return from + delay;
  };

  const closeClient = () => {
    const c = client;
    client = undefined;
    if (c) {
      c.removeAllListeners();
      c.on('error', () => {});
      c.end(true);
    }
  };

  const lose = (cause: string) => {
    if (!up) return;
    const t = now();
    if (!Number.isNaN(pingSentAt)) {
      strategy.onHeartbeatFailure(at_(t), hbInterval, disconnectReason(cause));
      log({ t, event: 'heartbeat-failed', interval: hbInterval, reason: cause });
    }
    strategy.onDisconnected?.(at_(t), disconnectReason(cause));
    up = false;
    pingSentAt = Number.NaN;
    cancel(hbTimer);
    cancel(ackTimer);
    hbTimer = undefined;
    ackTimer = undefined;
    closeClient();
    const lived = t - ctx.connectedAt;
    attempt = lived >= plan.spec.reconnect.resetAfterS ? 0 : attempt + 1;
    if (stopped) return;
    const next = scheduleReconnect(t);
    log({ t, event: 'connection-lost', cause, livedS: lived, nextAttemptS: next });
  };

  const connectFailed = (reason: string) => {
    const t = now();
    closeClient();
    log({ t, event: 'connect-failed', reason });
    attempt++;
    if (!stopped) scheduleReconnect(t);
  };

  const connectNow = () => {
    if (stopped) return;
    const t = now();
    const my = ++epoch;
    log({ t, event: 'connect-attempt' });
    ctx.connectedAt = t;
    const announced = strategy.announcedInterval
      ? strategy.announcedInterval(at_(t))
      : strategy.nextInterval(at_(t));
    // MQTT's keep-alive field is whole seconds of wall time.
    const keepalive = Math.min(65535, Math.max(1, Math.ceil(announced / speed)));
    const c = mqttConnect(opts.brokerUrl, {
      clientId,
      clean: false,
      keepalive,
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      protocolVersion: 4,
      timerVariant: INERT_TIMER,
    });
    client = c;
    c.on('connect', () => {
      if (my !== epoch) return;
      const tUp = now();
      up = true;
      ctx.connectedAt = tUp;
      ctx.lastInboundAt = tUp;
      ctx.lastOutboundAt = tUp;
      strategy.onConnected(at_(tUp));
      log({ t: tUp, event: 'connect', conn: my });
      // Mars sends a noop as soon as the link is up (heartbeatOnConnect), as in the simulation.
      if (strategy.heartbeatOnConnect?.(at_(tUp))) {
        hbInterval = strategy.nextInterval(at_(tUp));
        hbDue = tUp;
        hbTimer = at(tUp, sendHeartbeat);
      } else {
        scheduleHeartbeat(tUp);
      }
    });
    c.on('packetreceive', (p: Packet) => {
      if (my !== epoch) return;
      ctx.lastInboundAt = now();
      if (p.cmd === 'pingresp') onPingResp();
    });
    c.on('packetsend', (p: Packet) => {
      if (my !== epoch || !up) return;
      const t = now();
      ctx.lastOutboundAt = t;
      if (p.cmd !== 'pingreq') restartOnTraffic(t);
    });
    c.on('message', (_topic, payload) => {
      const t = now();
      let id: number;
      try {
        id = Number(JSON.parse(payload.toString()).id);
      } catch {
        return;
      }
      if (delivered.has(id) || !publishedAt.has(id)) return;
      delivered.add(id);
      log({ t, event: 'push-delivered', id, latencyS: t - (publishedAt.get(id) as number) });
    });
    const gone = (reason: string) => {
      if (my !== epoch) return;
      // A close while a ping is out is what a NAT's RST (or a broker that gave up) looks like.
      if (up)
        lose(
          reason !== 'close'
            ? reason
            : Number.isNaN(pingSentAt)
              ? 'serverClose'
              : 'closedDuringPing',
        );
      else connectFailed(reason);
    };
    c.on('error', (e: Error) => {
      const code = (e as { code?: unknown }).code;
      gone(code === 'ECONNRESET' ? 'rst' : typeof code === 'string' ? code : e.message);
    });
    c.on('close', () => gone('close'));
  };

  return (async () => {
    // Register the phone's persistent session and subscription before the clock starts,
    // so that pushes published before its first connect are queued for it, as the
    // simulated server stores them.
    const reg = await mqttConnectOnce(opts.brokerUrl, clientId, false);
    await reg.subscribeAsync(topic, { qos: 1 });
    await reg.endAsync();
    const publisher = await mqttConnectOnce(opts.brokerUrl, `hbsim-pub-${tag}`, true);
    publisher.on('error', () => {});

    w0 = performance.now();
    at(plan.firstConnectS, connectNow);
    plan.pushes.forEach((p, id) => {
      at(p.atS, () => {
        const t = now();
        publishedAt.set(id, t);
        log({ t, event: 'push-published', id });
        publisher.publish(topic, JSON.stringify({ id, app: p.app }), { qos: 1 });
      });
    });
    const aborted = await new Promise<boolean>((done) => {
      const end = at(plan.durationS, () => done(false));
      opts.signal?.addEventListener('abort', () => {
        cancel(end);
        done(true);
      });
    });
    stopped = true;
    const endS = now();
    for (const h of timers) clearTimeout(h);
    timers.clear();
    up = false;
    closeClient();
    await publisher.endAsync(true);
    // A clean-session connect discards the phone's persistent session, so that a broker of
    // the user's keeps nothing of the replay.
    await mqttConnectOnce(opts.brokerUrl, clientId, true)
      .then((c) => c.endAsync())
      .catch(() => {});
    return { events, aborted, endS, undelivered: publishedAt.size - delivered.size };
  })();
}

/** Connects once (no automatic reconnect), failing clearly if the broker cannot be reached. */
function mqttConnectOnce(url: string, clientId: string, clean: boolean): Promise<MqttClient> {
  return new Promise((done, fail) => {
    const c = mqttConnect(url, {
      clientId,
      clean,
      keepalive: 1,
      reconnectPeriod: clean ? 500 : 0,
      connectTimeout: 10_000,
      protocolVersion: 4,
    });
    c.once('connect', () => done(c));
    c.once('error', (e) => {
      c.end(true);
      fail(new Error(`MQTT broker ${url}: ${e.message}`));
    });
  });
}

/** The simulation's disconnect reason names for the replay's loss causes. */
export function disconnectReason(cause: string): 'ackTimeout' | 'rst' | 'serverClose' {
  if (cause === 'ackTimeout') return 'ackTimeout';
  if (cause === 'serverClose') return 'serverClose';
  return 'rst';
}
