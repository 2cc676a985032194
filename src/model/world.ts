import type { Distribution } from '../engine/random/index.js';
import { StreamTable } from '../engine/random/streams.js';
import { Scheduler } from '../engine/scheduler.js';
import type {
  HeartbeatStrategy,
  StrategyContext,
  StrategyEnv,
  StrategyFactory,
} from '../strategies/types.js';
import { ConnState } from './causes.js';
import type { CarrierConfig, PhoneGroupConfig, RunConfig } from './config.js';
import { buildDistribution } from './distributions.js';
import { MessagePool, MessageQueues } from './messages.js';
import { RunMetrics } from './metrics.js';
import { NatTable } from './nat.js';
import { RadioBank } from './radio.js';
import { CONN_TIMERS } from './timers.js';
import type { TraceRecord } from './trace.js';

/**
 * All state of one run: phones, connections, apps, carriers, the NAT, the server side and
 * the accumulators, as typed arrays indexed by integer ids. Behaviour lives in the handler
 * modules (client.ts, server.ts, traffic.ts, mobility.ts, scripted.ts); this class only
 * builds and holds the state, so every module sees the same arrays.
 */
export class World {
  readonly sim: Scheduler;
  readonly config: RunConfig;
  readonly duration: number;
  readonly phones: number;
  readonly connections: number;
  readonly apps: number;
  readonly metrics: RunMetrics;
  readonly radio: RadioBank;
  readonly nat: NatTable;
  readonly pool = new MessagePool();
  /** Store-and-forward queue (no session) and messages written into a dead path (unacked). */
  readonly queued: MessageQueues;
  readonly unacked: MessageQueues;

  // Phones
  readonly phoneGroup: Int32Array;
  readonly phoneCarrier: Int32Array;
  readonly phoneNetwork: Int32Array;
  readonly phoneOnline: Uint8Array;
  /** Nesting depth of outages (random and scripted ones may overlap). */
  readonly phoneOutages: Int32Array;
  readonly phoneFirstConn: Int32Array;
  readonly phoneConnCount: Int32Array;
  readonly phoneLastUser: Float64Array;
  readonly phoneAlignPhase: Float64Array;
  readonly phoneInRandomOutage: Uint8Array;
  /** 1 + index of the scripted outage the phone is in (0 = none). */
  readonly phoneScripted: Int32Array;

  // Connections (client side)
  readonly connPhone: Int32Array;
  readonly connApp: Int32Array;
  readonly connState: Uint8Array;
  readonly connEpoch: Int32Array;
  readonly connUpAt: Float64Array;
  readonly connClosedAt: Float64Array;
  readonly connLastIn: Float64Array;
  readonly connLastOut: Float64Array;
  readonly connInterval: Float64Array;
  readonly connHbSentAt: Float64Array;
  readonly connAttempt: Int32Array;
  readonly connFailCause: Int32Array;
  readonly connRetx: Int32Array;
  /** When the path of the connection's latest TCP connection died (client closed or NAT gone). */
  readonly connPathDeadAt: Float64Array;
  readonly strategies: HeartbeatStrategy[];

  // Server side, per connection slot: the session of the slot's latest connection
  readonly srvOpen: Uint8Array;
  readonly srvEpoch: Int32Array;
  readonly srvLastPacket: Float64Array;
  readonly srvTimeout: Float64Array;
  readonly srvUnackedEpoch: Int32Array;
  /** Why the server closed the slot's last session (a Cause), told to the client by its RST. */
  readonly srvCloseCause: Int8Array;
  srvDownUntil = Number.NEGATIVE_INFINITY;
  /** Handshakes accepted per second of simulated time (the maxHandshakesPerS budget). */
  readonly srvAccepted: Int32Array;

  // Apps
  readonly appPhone: Int32Array;
  readonly appConn: Int32Array;
  readonly appSpec: { ratePerS: number; profile: Float64Array | null; maxFactor: number }[];
  readonly appSpecOf: Int32Array;

  /** Slot bases: slot of timer k of connection c is connSlot[k] + c. */
  readonly connSlot: number[] = [];
  phoneSwitchSlot = 0;
  phoneOutageSlot = 0;
  phoneBackgroundSlot = 0;
  appPushSlot = 0;
  appPollSlot = 0;
  scriptedSlot = 0;
  samplerSlot = 0;
  kindSmsWake = -1;
  /** SMS wake-ups sent and not yet fetched (messages held by the SMS path). */
  smsInFlight = 0;
  /** Of those, messages that arrived in the measured window. */
  smsInFlightMeasured = 0;
  /** Messages still held by queues when the run ended (the conservation invariant). */
  heldAtEnd = 0;

  readonly carriers: CarrierConfig[];
  readonly groups: PhoneGroupConfig[];
  readonly outageDurations: (Distribution | null)[];
  readonly backgroundDurations: (Distribution | null)[];
  readonly smsDelays: (Distribution | null)[];
  private readonly carrierByName: Map<string, number>;

  /** Streams by purpose (exogenous ones never touched by strategy-dependent code). */
  readonly rngPush: StreamTable;
  readonly rngMobility: StreamTable;
  readonly rngOutage: StreamTable;
  readonly rngBackground: StreamTable;
  readonly rngSms: StreamTable;
  readonly rngPoll: StreamTable;
  readonly rngStart: StreamTable;
  readonly rngConnStart: StreamTable;
  readonly rngBackoff: StreamTable;
  readonly rngStrategy: StreamTable;

  readonly ctx: StrategyContext;
  readonly piggyback: boolean;
  readonly trace: TraceRecord[] | null;

  constructor(config: RunConfig, factory: StrategyFactory) {
    this.config = config;
    this.duration = config.durationS;
    this.carriers = config.carriers;
    this.groups = config.groups;
    const carrierIndex = new Map(config.carriers.map((c, i) => [c.name, i]));
    this.carrierByName = carrierIndex;

    let phones = 0;
    let conns = 0;
    let apps = 0;
    for (const g of config.groups) {
      phones += g.count;
      conns += g.count * connectionsPerPhone(g);
      apps += g.count * g.apps.length;
    }
    this.phones = phones;
    this.connections = conns;
    this.apps = apps;
    const seed = config.seed;
    const rep = config.replication;
    this.rngPush = new StreamTable(seed, rep, 'push', apps);
    this.rngMobility = new StreamTable(seed, rep, 'mobility', phones);
    this.rngOutage = new StreamTable(seed, rep, 'outage', phones);
    this.rngBackground = new StreamTable(seed, rep, 'background', phones);
    this.rngSms = new StreamTable(seed, rep, 'sms', apps);
    this.rngPoll = new StreamTable(seed, rep, 'poll', apps);
    this.rngStart = new StreamTable(seed, rep, 'start', phones);
    this.rngConnStart = new StreamTable(seed, rep, 'connection-start', conns);
    this.rngBackoff = new StreamTable(seed, rep, 'backoff', conns);
    this.rngStrategy = new StreamTable(seed, rep, `strategy:${config.strategy.name}`, conns);

    this.sim = new Scheduler(conns * CONN_TIMERS.length + phones * 3 + apps + 64);
    this.metrics = new RunMetrics(
      config.durationS,
      config.warmupS,
      config.bucketS,
      config.carriers.length,
      phones,
    );
    this.radio = new RadioBank(
      config.carriers.map((c) => c.radio),
      phones,
      config.warmupS,
      config.durationS,
    );
    this.nat = new NatTable(
      config.carriers.map((c) => c.nat),
      config.carriers.map((c) => buildDistribution(c.nat.idleTimeout)),
      new StreamTable(seed, rep, 'nat-timeout', conns),
      conns,
    );
    this.queued = new MessageQueues(this.pool, conns);
    this.unacked = new MessageQueues(this.pool, conns);

    this.phoneGroup = new Int32Array(phones);
    this.phoneCarrier = new Int32Array(phones);
    this.phoneNetwork = new Int32Array(phones);
    this.phoneOnline = new Uint8Array(phones).fill(1);
    this.phoneOutages = new Int32Array(phones);
    this.phoneFirstConn = new Int32Array(phones);
    this.phoneConnCount = new Int32Array(phones);
    this.phoneLastUser = new Float64Array(phones).fill(Number.NaN);
    this.phoneAlignPhase = new Float64Array(phones);
    this.phoneInRandomOutage = new Uint8Array(phones);
    this.phoneScripted = new Int32Array(phones);

    this.connPhone = new Int32Array(conns);
    this.connApp = new Int32Array(conns);
    this.connState = new Uint8Array(conns).fill(ConnState.down);
    this.connEpoch = new Int32Array(conns);
    this.connUpAt = new Float64Array(conns).fill(Number.NaN);
    this.connClosedAt = new Float64Array(conns).fill(Number.NaN);
    this.connLastIn = new Float64Array(conns).fill(Number.NaN);
    this.connLastOut = new Float64Array(conns).fill(Number.NaN);
    this.connInterval = new Float64Array(conns);
    this.connHbSentAt = new Float64Array(conns);
    this.connAttempt = new Int32Array(conns);
    this.connFailCause = new Int32Array(conns);
    this.connRetx = new Int32Array(conns);
    this.connPathDeadAt = new Float64Array(conns).fill(Number.NaN);
    this.srvOpen = new Uint8Array(conns);
    this.srvEpoch = new Int32Array(conns).fill(-1);
    this.srvLastPacket = new Float64Array(conns);
    this.srvTimeout = new Float64Array(conns);
    this.srvUnackedEpoch = new Int32Array(conns).fill(-1);
    this.srvCloseCause = new Int8Array(conns);
    this.srvAccepted = new Int32Array(
      config.server.maxHandshakesPerS > 0 ? Math.ceil(config.durationS) + 2 : 1,
    );

    this.appPhone = new Int32Array(apps);
    this.appConn = new Int32Array(apps);
    this.appSpecOf = new Int32Array(apps);
    this.appSpec = [];
    this.outageDurations = config.groups.map((g) =>
      g.outages ? buildDistribution(g.outages.duration) : null,
    );
    this.backgroundDurations = config.groups.map((g) =>
      g.background ? buildDistribution(g.background.duration) : null,
    );
    this.smsDelays = config.groups.map((g) => (g.sms ? buildDistribution(g.sms.delay) : null));

    // Lay out phones, their connections and apps group by group.
    let p = 0;
    let c = 0;
    let a = 0;
    for (let gi = 0; gi < config.groups.length; gi++) {
      const g = config.groups[gi];
      const specBase = this.appSpec.length;
      for (const app of g.apps) {
        const profile = app.profile ? Float64Array.from(app.profile) : null;
        const meanFactor = profile ? profile.reduce((s, x) => s + x, 0) / 24 : 1;
        // Profiles are relative weights: normalised so the daily mean rate is pushRatePerHour.
        if (profile) for (let h = 0; h < 24; h++) profile[h] /= meanFactor || 1;
        const maxFactor = profile ? Math.max(...profile) : 1;
        this.appSpec.push({ ratePerS: app.pushRatePerHour / 3600, profile, maxFactor });
      }
      const perPhone = connectionsPerPhone(g);
      const firstCarrier = carrierIndex.get(g.networks[0].carrier);
      if (firstCarrier === undefined)
        throw new Error(`group ${g.name}: unknown carrier ${g.networks[0].carrier}`);
      for (let k = 0; k < g.count; k++, p++) {
        this.phoneGroup[p] = gi;
        this.phoneCarrier[p] = firstCarrier;
        this.radio.profile[p] = firstCarrier;
        this.phoneFirstConn[p] = c;
        this.phoneConnCount[p] = perPhone;
        for (let j = 0; j < perPhone; j++, c++) {
          this.connPhone[c] = p;
          this.connApp[c] = g.architecture === 'system-channel' ? -1 : j;
        }
        for (let j = 0; j < g.apps.length; j++, a++) {
          this.appPhone[a] = p;
          this.appSpecOf[a] = specBase + j;
          this.appConn[a] = this.phoneFirstConn[p] + (perPhone === 1 ? 0 : j);
        }
      }
    }

    const env: StrategyEnv = { shared: new Map(), durationS: config.durationS };
    this.strategies = new Array(conns);
    for (let i = 0; i < conns; i++) this.strategies[i] = factory(config.strategy.params, env);
    this.piggyback = conns > 0 && typeof this.strategies[0].piggybackSlackS === 'function';

    this.ctx = {
      now: 0,
      connection: 0,
      phone: 0,
      app: 0,
      networkKey: '',
      networkKind: 'cellular',
      radioConnected: false,
      connectedAt: Number.NaN,
      lastInboundAt: Number.NaN,
      lastOutboundAt: Number.NaN,
      lastUserActivityAt: Number.NaN,
      rng: this.rngStrategy.source(0),
    };
    this.trace = config.tracePhone >= 0 ? [] : null;
  }

  /** Fills the shared strategy context for connection c at time t. */
  ctxFor(c: number, t: number): StrategyContext {
    const x = this.ctx;
    const p = this.connPhone[c];
    const carrier = this.carriers[this.phoneCarrier[p]];
    x.now = t;
    x.connection = c;
    x.phone = p;
    x.app = this.connApp[c];
    x.networkKey = carrier.name;
    x.networkKind = carrier.kind;
    x.radioConnected = this.radio.isConnected(p, t);
    x.connectedAt = this.connUpAt[c];
    x.lastInboundAt = this.connLastIn[c];
    x.lastOutboundAt = this.connLastOut[c];
    x.lastUserActivityAt = this.phoneLastUser[p];
    x.rng = this.rngStrategy.source(c);
    return x;
  }

  /** App index of app j of phone p. */
  appOf(p: number, j: number): number {
    const g = this.groups[this.phoneGroup[p]];
    if (!(p >= 0 && p < this.phones) || !(j >= 0 && j < g.apps.length)) {
      throw new RangeError(`scripted push: phone ${p} has no app ${j}`);
    }
    // Apps are laid out phone by phone, in group order.
    let a = 0;
    for (let q = 0; q < p; q++) a += this.groups[this.phoneGroup[q]].apps.length;
    return a + j;
  }

  smsPendingMeasured(): number {
    return this.smsInFlightMeasured;
  }

  carrierIndex(name: string): number {
    const i = this.carrierByName.get(name);
    if (i === undefined) throw new Error(`unknown carrier ${name}`);
    return i;
  }

  carrierOf(c: number): CarrierConfig {
    return this.carriers[this.phoneCarrier[this.connPhone[c]]];
  }

  slot(timer: number, c: number): number {
    return this.connSlot[timer] + c;
  }

  /** Records a trace line for the traced phone (a no-op unless tracing). */
  note(phone: number, t: number, event: string, fields?: Record<string, unknown>): void {
    if (this.trace === null || phone !== this.config.tracePhone) return;
    this.trace.push({ t, phone, event, ...fields });
  }
}

/**
 * Connection slots per phone: system-channel shares one; per-app has one per app; polling
 * and sms-wakeup use one per app for their short fetch connections (no standing one).
 */
export function connectionsPerPhone(g: PhoneGroupConfig): number {
  if (g.architecture === 'system-channel') return 1;
  return Math.max(1, g.apps.length);
}

/** Does the group keep a standing push connection (with heartbeats)? */
export function hasStandingConnection(g: PhoneGroupConfig): boolean {
  return g.architecture === 'system-channel' || g.architecture === 'per-app';
}
