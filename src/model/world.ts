import { type Distribution, type RandomSource, TimeKeyedDraws } from '../engine/random/index.js';
import { StreamTable } from '../engine/random/streams.js';
import { ExactSum } from '../engine/stats/exactSum.js';
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
import { Paging, usesPaging } from './paging.js';
import { RadioBank } from './radio.js';
import {
  C_CLOSED_AT,
  C_LAST_IN,
  C_LAST_OUT,
  C_PATH_DEAD_AT,
  C_PHONE,
  C_STATE,
  C_UP_AT,
  CONN_BYTES,
  connF,
  connI,
  P_CARRIER,
  P_CONN_COUNT,
  P_FIRST_CONN,
  P_GROUP,
  P_LAST_USER,
  P_ONLINE,
  PHONE_BYTES,
  phoneF,
  phoneI,
  records,
  S_EPOCH,
} from './records.js';
import { PartitionError, partitionRange } from './partition.js';
import { CONN_TIMERS } from './timers.js';
import { type TraceRecord, traceRecord } from './trace.js';
import { WhileIdleHistory } from './whileIdle.js';

/**
 * All state of one run: phones, connections, apps, carriers, the NAT, the server side and
 * the accumulators, as typed arrays indexed by integer ids. Behaviour lives in the handler
 * modules (client.ts, server.ts, traffic.ts, mobility.ts, scripted.ts); this class only
 * builds and holds the state, so every module sees the same arrays.
 *
 * The fields every event touches are packed into one record per connection (`cf`/`ci`) and
 * one per phone (`pf`/`pi`); records.ts names their offsets and says why.
 */
export class World {
  readonly sim: Scheduler;
  readonly config: RunConfig;
  readonly duration: number;
  readonly phones: number;
  readonly connections: number;
  readonly apps: number;
  /** Global ids of local phone, connection and app 0 (0 unless the world is a partition). */
  readonly phoneBase: number;
  readonly connBase: number;
  readonly appBase: number;
  /** Phones and connections of the whole population (this world may hold a partition). */
  readonly totalPhones: number;
  readonly totalConnections: number;
  /** Phones of each group this world holds. */
  readonly groupCounts: number[];
  readonly metrics: RunMetrics;
  readonly radio: RadioBank;
  readonly nat: NatTable;
  readonly pool = new MessagePool();
  /** Store-and-forward queue (no session) and messages written into a dead path (unacked). */
  readonly queued: MessageQueues;
  readonly unacked: MessageQueues;

  // Phones: the record (P_* in records.ts), then colder fields.
  readonly pf: Float64Array;
  readonly pi: Int32Array;
  /** Index of the phone's current network in its group's list. */
  readonly phoneNetwork: Int32Array;
  /** Nesting depth of outages (random and scripted ones may overlap). */
  readonly phoneOutages: Int32Array;
  readonly phoneInRandomOutage: Uint8Array;
  /** 1 + index of the scripted outage the phone is in (0 = none). */
  readonly phoneScripted: Int32Array;

  // Connections: the record (C_*, S_*, N_* in records.ts), then colder fields.
  readonly cf: Float64Array;
  readonly ci: Int32Array;
  /** App index on the phone (−1 = the shared system channel). */
  readonly connApp: Int32Array;
  /** Consecutive failed connects (the backoff step). */
  readonly connAttempt: Int32Array;
  readonly connFailCause: Int32Array;
  readonly connRetx: Int32Array;
  /**
   * Doze (doze.ts), allocated only when a group has it: per connection, when its pending
   * heartbeat was due before Doze deferred it (NaN: not deferred); and the run's counts of
   * deferred heartbeats and the seconds they waited (measured window).
   */
  readonly dozeDue: Float64Array | null;
  dozeDeferred = 0;
  readonly dozeDeferredS = new ExactSum();
  dozePushDelayed = 0;
  readonly dozePushDelayS = new ExactSum();
  /** While-idle alarm quotas (whileIdle.ts), only when a group has them. */
  readonly whileIdle: WhileIdleHistory | null;
  /** Per connection: its failing heartbeat had been held by Doze (1), for dozeReconnects. */
  readonly dozeHeldFailure: Uint8Array | null;
  dozeWhileIdleBeats = 0;
  dozeReconnects = 0;
  /** Why the failing heartbeat failed (Reason in causes.ts). */
  readonly connFailReason: Int8Array;
  /** When the latest connect attempt started (Mars times its reconnect delay from it). */
  readonly connAttemptAt: Float64Array;
  readonly strategies: HeartbeatStrategy[];
  /** The one instance every connection shares (stateless policies such as fixed), or null. */
  private readonly sharedStrategy: HeartbeatStrategy | null;

  // Server side, per connection slot (the session of the slot's latest connection; the hot
  // fields are in the connection record)
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
  /** App names over all groups (apps of the same name are one row of the per-app metrics). */
  readonly appNames: string[];
  /** Per app: index into appNames. */
  readonly appNameOf: Int32Array;

  /** Optional timers some group uses (their slot ranges exist only then; see run.ts). */
  readonly usesSwitching: boolean;
  readonly usesOutages: boolean;
  readonly usesBackground: boolean;
  readonly usesPolling: boolean;
  /** Slot of timer k of connection c: connSlotBase + c · CONN_TIMERS.length + k. */
  connSlotBase = 0;
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
  /** Per group: the user's hourly profile normalised to mean 1 (null: uniform), and its peak. */
  readonly backgroundProfiles: ({ factor: Float64Array; max: number } | null)[];
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
  /** Round-trip times: per carrier, a function of (phone, second) so that strategies share them. */
  readonly rttDraws: TimeKeyedDraws;
  /** Idle-mode paging occasions (paging.ts); null when no carrier's radio pages. */
  readonly paging: Paging | null;
  private readonly rttDists: Distribution[];

  private readonly ctx: LazyContext;
  readonly piggyback: boolean;
  readonly trace: TraceRecord[] | null;

  constructor(config: RunConfig, factory: StrategyFactory) {
    this.config = config;
    this.duration = config.durationS;
    this.carriers = config.carriers;
    this.groups = config.groups;
    const carrierIndex = new Map(config.carriers.map((c, i) => [c.name, i]));
    this.carrierByName = carrierIndex;

    // The phones this world holds: all, or one partition's id range (partition.ts). Every
    // stream, keyed value and time-keyed draw is keyed by the global id (local id + base),
    // so a partition draws exactly what the whole run draws for the same phone.
    const range = partitionRange(config);
    this.groupCounts = range.groupCounts;
    this.phoneBase = range.phoneBase;
    this.connBase = range.connBase;
    this.appBase = range.appBase;
    this.totalPhones = range.totalPhones;
    this.totalConnections = range.totalConnections;
    const phones = range.phones;
    const conns = range.connections;
    const apps = range.apps;
    this.phones = phones;
    this.connections = conns;
    this.apps = apps;
    const seed = config.seed;
    const rep = config.replication;
    const pb = this.phoneBase;
    const cb = this.connBase;
    const ab = this.appBase;
    this.rngPush = new StreamTable(seed, rep, 'push', apps, ab);
    this.rngMobility = new StreamTable(seed, rep, 'mobility', phones, pb);
    this.rngOutage = new StreamTable(seed, rep, 'outage', phones, pb);
    this.rngBackground = new StreamTable(seed, rep, 'background', phones, pb);
    this.rngSms = new StreamTable(seed, rep, 'sms', apps, ab);
    this.rngPoll = new StreamTable(seed, rep, 'poll', apps, ab);
    this.rngStart = new StreamTable(seed, rep, 'start', phones, pb);
    this.rngConnStart = new StreamTable(seed, rep, 'connection-start', conns, cb);
    this.rngBackoff = new StreamTable(seed, rep, 'backoff', conns, cb);
    this.rngStrategy = new StreamTable(seed, rep, `strategy:${config.strategy.name}`, conns, cb);
    this.rttDraws = new TimeKeyedDraws(seed, rep, 'rtt', 1, pb);
    this.paging = usesPaging(config.carriers.map((c) => c.radio))
      ? new Paging(seed, rep, phones, pb)
      : null;

    // Timers some group uses: their per-phone / per-app slot ranges are allocated only then.
    this.usesSwitching = config.groups.some((g) => g.networks.length > 1);
    this.usesOutages = config.groups.some(
      (g) => g.outages !== undefined && g.outages.ratePerDay > 0,
    );
    this.usesBackground = config.groups.some(
      (g) => g.background !== undefined && g.background.ratePerHour > 0,
    );
    this.usesPolling = config.groups.some((g) => g.architecture === 'polling');
    // Exactly the slots run.ts allocates (a margin for SMS wake-ups; the queue grows past it).
    const phoneTimers = +this.usesSwitching + +this.usesOutages + +this.usesBackground;
    this.sim = new Scheduler(
      conns * CONN_TIMERS.length +
        phones * phoneTimers +
        apps * (1 + +this.usesPolling) +
        2 * config.events.length +
        64,
    );
    this.appNames = [...new Set(config.groups.flatMap((g) => g.apps.map((x) => x.name)))];
    this.appNameOf = new Int32Array(apps);
    this.metrics = new RunMetrics(
      config.durationS,
      config.warmupS,
      config.bucketS,
      config.carriers.length,
      phones,
      Math.max(1, this.appNames.length),
    );
    const phoneRecords = records(phones, PHONE_BYTES);
    this.pf = phoneRecords.f;
    this.pi = phoneRecords.i;
    const connRecords = records(conns, CONN_BYTES);
    this.cf = connRecords.f;
    this.ci = connRecords.i;
    this.radio = new RadioBank(
      config.carriers.map((c) => c.radio),
      phones,
      config.warmupS,
      config.durationS,
      this.pf,
      this.pi,
      config.carriers.map((c) =>
        c.radio.promotionDelay ? buildDistribution(c.radio.promotionDelay) : null,
      ),
      new TimeKeyedDraws(seed, rep, 'promotion-delay', 1, pb),
    );
    this.rttDists = config.carriers.map((c) => buildDistribution(c.rtt));
    this.nat = new NatTable(
      config.carriers.map((c) => c.nat),
      config.carriers.map((c) => c.name),
      seed,
      rep,
      phones,
      conns,
      this.cf,
      this.ci,
      pb,
    );
    this.queued = new MessageQueues(this.pool, conns);
    this.unacked = new MessageQueues(this.pool, conns);

    this.phoneNetwork = new Int32Array(phones);
    this.phoneOutages = new Int32Array(phones);
    this.phoneInRandomOutage = new Uint8Array(phones);
    this.phoneScripted = new Int32Array(phones);
    for (let p = 0; p < phones; p++) {
      this.pi[phoneI(p) + P_ONLINE] = 1;
      this.pf[phoneF(p) + P_LAST_USER] = Number.NaN;
    }

    this.connApp = new Int32Array(conns);
    this.connAttempt = new Int32Array(conns);
    this.connFailCause = new Int32Array(conns);
    this.connRetx = new Int32Array(conns);
    this.dozeDue = config.groups.some((g) => g.doze !== undefined)
      ? new Float64Array(conns).fill(Number.NaN)
      : null;
    this.dozeHeldFailure = this.dozeDue !== null ? new Uint8Array(conns) : null;
    const quotas = config.groups.map((g) => (g.doze ? (g.dozeWhileIdle?.quota ?? 0) : 0));
    this.whileIdle = quotas.some((q) => q > 0)
      ? new WhileIdleHistory(conns, Math.max(...quotas))
      : null;
    this.connFailReason = new Int8Array(conns);
    this.connAttemptAt = new Float64Array(conns).fill(Number.NEGATIVE_INFINITY);
    for (let c = 0; c < conns; c++) {
      const f = connF(c);
      const i = connI(c);
      this.ci[i + C_STATE] = ConnState.down;
      this.cf[f + C_UP_AT] = Number.NaN;
      this.cf[f + C_CLOSED_AT] = Number.NaN;
      this.cf[f + C_LAST_IN] = Number.NaN;
      this.cf[f + C_LAST_OUT] = Number.NaN;
      this.cf[f + C_PATH_DEAD_AT] = Number.NaN;
      this.ci[i + S_EPOCH] = -1;
    }
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
    this.backgroundProfiles = config.groups.map((g) => {
      const w = g.background?.profile;
      if (!w) return null;
      const mean = w.reduce((s, x) => s + x, 0) / 24;
      const factor = Float64Array.from(w, (x) => x / (mean || 1));
      return { factor, max: Math.max(...factor) };
    });
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
      for (let k = 0; k < this.groupCounts[gi]; k++, p++) {
        const pi = phoneI(p);
        this.pi[pi + P_GROUP] = gi;
        this.pi[pi + P_CARRIER] = firstCarrier;
        this.radio.setInitialProfile(p, firstCarrier);
        this.pi[pi + P_FIRST_CONN] = c;
        this.pi[pi + P_CONN_COUNT] = perPhone;
        for (let j = 0; j < perPhone; j++, c++) {
          this.ci[connI(c) + C_PHONE] = p;
          this.connApp[c] = g.architecture === 'system-channel' ? -1 : j;
        }
        for (let j = 0; j < g.apps.length; j++, a++) {
          this.appPhone[a] = p;
          this.appSpecOf[a] = specBase + j;
          this.appNameOf[a] = this.appNames.indexOf(g.apps[j].name);
          this.appConn[a] = this.pi[pi + P_FIRST_CONN] + (perPhone === 1 ? 0 : j);
        }
      }
    }

    const env: StrategyEnv = { shared: new Map(), durationS: config.durationS };
    this.strategies = new Array(conns);
    for (let i = 0; i < conns; i++) this.strategies[i] = factory(config.strategy.params, env);
    if (config.partition && config.partition.count > 1 && env.shared.size > 0) {
      throw new PartitionError(
        `strategy "${config.strategy.name}" shares state between connections (StrategyEnv.shared), so its phones cannot run in separate partitions; run without --partitions`,
      );
    }
    this.sharedStrategy =
      conns > 0 && this.strategies.every((s) => s === this.strategies[0])
        ? this.strategies[0]
        : null;
    this.piggyback = conns > 0 && typeof this.strategies[0].piggybackSlackS === 'function';

    this.ctx = new LazyContext(this);
    this.trace = config.tracePhone >= 0 ? [] : null;
  }

  /** The strategy of connection c (one lookup fewer when every connection shares one). */
  strategyOf(c: number): HeartbeatStrategy {
    return this.sharedStrategy ?? this.strategies[c];
  }

  /**
   * The shared strategy context for connection c at time t. It is filled lazily (see
   * LazyContext): pass it straight to the strategy call, before changing what it exposes.
   */
  ctxFor(c: number, t: number): StrategyContext {
    const x = this.ctx;
    x.now = t;
    x.connection = c;
    return x;
  }

  /** The round-trip time of phone p's current network for an exchange at t. */
  drawRtt(p: number, t: number): number {
    return this.rttDists[this.pi[phoneI(p) + P_CARRIER]].sample(this.rttDraws.at(p, t));
  }

  /** Phone of connection c. */
  phoneOf(c: number): number {
    return this.ci[connI(c) + C_PHONE];
  }

  /** Carrier index of phone p. */
  carrierIdx(p: number): number {
    return this.pi[phoneI(p) + P_CARRIER];
  }

  /** Group index of phone p. */
  groupIdx(p: number): number {
    return this.pi[phoneI(p) + P_GROUP];
  }

  /** Group config of phone p. */
  groupOf(p: number): PhoneGroupConfig {
    return this.groups[this.pi[phoneI(p) + P_GROUP]];
  }

  /** Has phone p coverage? */
  isOnline(p: number): boolean {
    return this.pi[phoneI(p) + P_ONLINE] === 1;
  }

  /** App index of app j of phone p. */
  appOf(p: number, j: number): number {
    if (!(p >= 0 && p < this.phones))
      throw new RangeError(`scripted push: phone ${p} has no app ${j}`);
    const g = this.groupOf(p);
    if (!(j >= 0 && j < g.apps.length)) {
      throw new RangeError(`scripted push: phone ${p} has no app ${j}`);
    }
    // Apps are laid out phone by phone, in group order.
    let a = 0;
    for (let q = 0; q < p; q++) a += this.groupOf(q).apps.length;
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
    return this.carriers[this.carrierIdx(this.phoneOf(c))];
  }

  /** Slot of connection c's timer (T in timers.ts); a connection's slots are adjacent. */
  slot(timer: number, c: number): number {
    return this.connSlotBase + c * CONN_TIMERS.length + timer;
  }

  /** Records a trace line for the traced phone (a no-op unless tracing). */
  note(phone: number, t: number, event: string, fields?: Record<string, unknown>): void {
    if (this.trace === null || phone !== this.config.tracePhone) return;
    this.trace.push(traceRecord(this, phone, t, event, fields));
  }
}

/**
 * Connection slots per phone: system-channel shares one; per-app has one per app; polling
 * and sms-wakeup use one per app for their short fetch connections (no standing one).
 */
/**
 * The strategy context, filled lazily: ctxFor only records (connection, time), and each
 * field is read from the world when the strategy asks for it, so a fixed policy that reads
 * one field does not pay for twelve. A strategy reads the context within the call it was
 * handed to (types.ts: it must not keep it), and the model changes nothing the context
 * exposes between ctxFor and that call, so every value equals what an eager fill gave.
 */
class LazyContext implements StrategyContext {
  now = 0;
  connection = 0;

  constructor(private readonly w: World) {}

  get phone(): number {
    return this.w.phoneOf(this.connection);
  }

  get app(): number {
    return this.w.connApp[this.connection];
  }

  get networkKey(): string {
    return this.w.carriers[this.w.carrierIdx(this.phone)].name;
  }

  get networkKind(): 'cellular' | 'wifi' {
    return this.w.carriers[this.w.carrierIdx(this.phone)].kind;
  }

  get radioConnected(): boolean {
    return this.w.radio.isConnected(this.phone, this.now);
  }

  get connectedAt(): number {
    return this.w.cf[connF(this.connection) + C_UP_AT];
  }

  get lastInboundAt(): number {
    return this.w.cf[connF(this.connection) + C_LAST_IN];
  }

  get lastOutboundAt(): number {
    return this.w.cf[connF(this.connection) + C_LAST_OUT];
  }

  get lastUserActivityAt(): number {
    return this.w.pf[phoneF(this.phone) + P_LAST_USER];
  }

  get rng(): RandomSource {
    return this.w.rngStrategy.source(this.connection);
  }
}

export function connectionsPerPhone(g: PhoneGroupConfig): number {
  if (g.architecture === 'system-channel') return 1;
  return Math.max(1, g.apps.length);
}

/** Does the group keep a standing push connection (with heartbeats)? */
export function hasStandingConnection(g: PhoneGroupConfig): boolean {
  return g.architecture === 'system-channel' || g.architecture === 'per-app';
}
