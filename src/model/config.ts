/**
 * The world as the model sees it: plain, serialisable data (it crosses worker threads).
 * The scenario layer (src/scenario) turns a user's file, with its defaults and presets,
 * into this; the model never sees unresolved presets or duration strings.
 * Every time is in seconds; rates are per hour where the name says so.
 */

/** A probability distribution by name with its parameters. */
export type DistributionSpec =
  | { type: 'constant'; value: number }
  | { type: 'exponential'; mean: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'normal'; mean: number; sd: number }
  | { type: 'lognormal'; median: number; sigma: number }
  | { type: 'choice'; values: number[]; weights: number[] }
  | { type: 'empirical'; points: [number, number][] };

/** One tail stage of the RRC machine after a transfer (e.g. LTE DRX tail, 3G DCH then FACH). */
export interface TailStage {
  name: string;
  durationS: number;
  /** Average power over the stage (with `drx`: the C-DRX duty-cycle average, drx.ts). */
  powerW: number;
  /**
   * Connected-mode DRX in this stage (drx.ts): the radio listens only for `onS` every
   * `cycleS`, cycles counted from the stage's start. Downlink data waits for the next
   * on-duration. Omitted: the radio listens all the time (no wait).
   */
  drx?: DrxCycle;
}

/** A C-DRX cycle: on-duration at onPowerW, the rest of the cycle at basePowerW. */
export interface DrxCycle {
  cycleS: number;
  onS: number;
  onPowerW: number;
  basePowerW: number;
}

/** Radio technology parameters (presets in src/model/radioPresets.ts, sources in docs/model.md). */
export interface RadioConfig {
  technology: 'lte' | 'umts3g' | 'wifi' | 'nr5g';
  idlePowerW: number;
  /** Mean idle→connected promotion delay (the energy formulas use it). */
  promotionDelayS: number;
  /**
   * Spread of the promotion delay: each promotion draws its delay from this distribution
   * (measured spreads, docs/model.md §2.3). Omitted: always promotionDelayS.
   */
  promotionDelay?: DistributionSpec;
  promotionPowerW: number;
  activePowerW: number;
  tails: TailStage[];
  /** Carrier signaling messages caused by one idle→connected promotion (0 for Wi-Fi). */
  signalingPerPromotion: number;
  /**
   * 3G only: the last tail stage is CELL_FACH, where a transfer no larger than
   * `thresholdBytes` is carried at the FACH power without a channel switch, and a larger one
   * pays a FACH→DCH promotion (docs/model.md §2.1). Omitted: every transfer in a tail
   * simply restarts the active state (LTE, Wi-Fi).
   */
  fach?: FachConfig;
  /**
   * Idle-mode paging: downlink data for an idle phone waits for its paging occasion (one
   * per `cycleS`) and costs `signalingPerPage` carrier messages (paging + downlink data
   * notification) on top of the promotion's (docs/model.md §2.6). Omitted: a push to an
   * idle phone waits only the promotion (Wi-Fi; 3G here).
   */
  paging?: PagingConfig;
  /**
   * 5G SA only: the last tail stage is RRC_INACTIVE. A transfer in it resumes the
   * connection (shorter and cheaper than a setup from IDLE, no core signaling); downlink
   * data for it waits a RAN page (docs/model.md §2.7). The radio counts as down there
   * (isConnected is false): a packet costs a resume.
   */
  inactive?: InactiveConfig;
}

export interface InactiveConfig {
  /** RRC_INACTIVE → RRC_CONNECTED resume delay and power. */
  resumeDelayS: number;
  resumePowerW: number;
  /** Carrier messages of one resume and the suspend that ends it. */
  signalingPerResume: number;
  /** Messages of one RAN-initiated page of an inactive phone (no core involvement). */
  signalingPerPage: number;
}

/** Android DeviceIdleController deep-idle schedule, seconds (AOSP defaults in doze.ts). */
export interface DozeConfig {
  /** Screen off (and still) to the first idle period. */
  toDeepIdleS: number;
  idleS: number;
  idleFactor: number;
  maxIdleS: number;
  windowS: number;
  windowFactor: number;
  maxWindowS: number;
}

/** AlarmManager's while-idle ration: at most `quota` firings in any `windowS` (whileIdle.ts). */
export interface WhileIdleConfig {
  quota: number;
  windowS: number;
}

export interface PagingConfig {
  /** Idle DRX (paging) cycle, seconds. */
  cycleS: number;
  /** Messages of one network-triggered page, beyond the service request's own. */
  signalingPerPage: number;
}

/** The 3G FACH rules of AT&T ARO's RRC model (sources in docs/model.md §2.3). */
export interface FachConfig {
  /** Largest transfer (bytes, the RLC buffer of its larger direction) carried on FACH. */
  thresholdBytes: number;
  /** FACH→DCH promotion delay and power. */
  promotionDelayS: number;
  promotionPowerW: number;
  /** Carrier signaling messages of one FACH→DCH switch (radio bearer reconfiguration). */
  signalingPerPromotion: number;
}

export interface NatConfig {
  /**
   * The idle timeout the NAT is configured with, drawn once per NAT box (`timeoutScope:
   * box`) or once per (phone, carrier) (`phone`) from an exogenous stream keyed by the
   * carrier's name and the box or phone, so every strategy faces the same timeouts.
   */
  idleTimeout: DistributionSpec;
  /** What one draw of idleTimeout configures: each NAT box, or each phone on this carrier. */
  timeoutScope: 'phone' | 'box';
  /**
   * Expiry granularity: 0 = a mapping dies the instant its idle time exceeds the timeout
   * (Linux conntrack checks on packet arrival); g > 0 = the box sweeps expired mappings every
   * g seconds, with a phase drawn per box, so a mapping dies at the first sweep after its
   * deadline.
   */
  expiryTickS: number;
  /** Which packets refresh a mapping: both directions, or outbound only. */
  refreshOn: 'both' | 'outbound';
  /** What an outbound packet on an evicted mapping gets: silence, or a RST (fast failure). */
  expiredPacket: 'drop' | 'rst';
  /** Mappings per NAT box (0 = unlimited). */
  capacity: number;
  onFull: 'evict-lru' | 'reject';
  /** NAT boxes per carrier; phones are spread over them by phone id. */
  boxes: number;
  /** Optional 24 multipliers of the idle timeout by hour of day (busy-hour shortening). */
  timeoutByHour?: number[];
}

/** A network a phone can be attached to: a cellular carrier or a Wi-Fi network class. */
export interface CarrierConfig {
  name: string;
  kind: 'cellular' | 'wifi';
  radio: RadioConfig;
  nat: NatConfig;
  /**
   * Round-trip time phone↔server through this network, drawn per exchange (a connect's
   * handshake, a heartbeat, a push) from the phone's own stream.
   */
  rtt: DistributionSpec;
}

export interface ServerConfig {
  /** Session timeout after client silence: factor × announced interval (MQTT 1.5) or fixed. */
  keepalive: { rule: 'factor'; factor: number } | { rule: 'fixed'; timeoutS: number };
  /** How long the server waits for a push ack before it closes the session and re-queues. */
  pushAckTimeoutS: number;
  /** Store-and-forward time to live; older undelivered messages are lost (expired). */
  messageTtlS: number;
  /** A new connection of the same client closes its old session at once (MQTT client-id takeover). */
  sessionTakeover: boolean;
  /** Handshakes the server accepts per second (0 = unlimited); excess connects are refused. */
  maxHandshakesPerS: number;
}

export interface AppConfig {
  name: string;
  pushRatePerHour: number;
  /** 24 relative weights by hour of day (non-homogeneous Poisson); omitted = flat. */
  profile?: number[];
}

export interface NetworkStay {
  carrier: string;
  /** Mean time spent on this network before switching to the next one (exponential). */
  meanDwellS: number;
}

export interface BackoffConfig {
  /** exponential: initial × multiplier^(k−1) capped; table: delays[k] (k = consecutive attempts). */
  kind: 'exponential' | 'table';
  initialS: number;
  multiplier: number;
  capS: number;
  delaysS: number[];
  /** full: U(0, d); equal: d/2 + U(0, d/2); shorten: d × (1 − f·U) with f = shortenBy; none: d. */
  jitter: 'none' | 'full' | 'equal' | 'shorten';
  shortenBy: number;
  /** A connection that lived at least this long resets the attempt count (next reconnect at once). */
  resetAfterS: number;
  /**
   * Mars's rule (longlink_connect_monitor.cc): the delay runs from the previous connect
   * attempt, not from the loss (delay = table[k] − time since that attempt, at least 0),
   * and "lived long enough" is measured from that attempt too. Default false.
   */
  fromPreviousAttempt?: boolean;
  /**
   * What a long-enough connection does to the attempt index: 'reset' to 0 (most clients),
   * or 'step-down' by one (Mars: `current_interval_index_--`). Default 'reset'.
   */
  longLived?: 'reset' | 'step-down';
}

export interface PhoneGroupConfig {
  name: string;
  count: number;
  /** Networks visited in turn; one entry = no switching. */
  networks: NetworkStay[];
  /** Coverage outages: Poisson per day, each of a drawn duration; the phone knows at once. */
  outages?: { ratePerDay: number; duration: DistributionSpec };
  battery: { capacityMah: number; voltageV: number };
  architecture: 'per-app' | 'system-channel' | 'polling' | 'sms-wakeup';
  apps: AppConfig[];
  /** The user's own data use: wakes the radio, never touches the push connection. */
  background?: {
    ratePerHour: number;
    duration: DistributionSpec;
    /** 24 hourly weights (thinning, as an app's push profile); omitted: uniform. */
    profile?: number[];
  };
  /** OS alarm alignment: heartbeats are deferred to the next multiple of periodS (per-phone phase). */
  alignment?: { periodS: number };
  /**
   * Android deep Doze (doze.ts): heartbeat alarms due in an idle period wait for the next
   * maintenance window; user activity (background bursts) is screen-on and ends it.
   */
  doze?: DozeConfig;
  /**
   * With Doze: how the server sends pushes. 'high' (FCM high priority) wakes the app at
   * once; 'normal' waits for the next maintenance window. Default 'high'.
   */
  dozePushPriority?: 'high' | 'normal';
  /**
   * With Doze: the heartbeat alarm is a while-idle alarm (setExactAndAllowWhileIdle or
   * setAndAllowWhileIdle) with this per-app quota (whileIdle.ts). Omitted: a standard alarm.
   */
  dozeWhileIdle?: WhileIdleConfig;
  polling?: { intervalS: number; jitterS: number; keepConnection: boolean };
  sms?: { delay: DistributionSpec; signalingPerSms: number };
}

/** A heartbeat policy to compare: registry type or module path, its parameters, its reconnect rule. */
export interface StrategySpec {
  name: string;
  type: string;
  params: Record<string, unknown>;
  reconnect: BackoffConfig;
  /** Any other packet on the connection (a push and its ack) restarts the heartbeat timer. */
  resetOnTraffic: boolean;
  /**
   * Where the next heartbeat is timed from: 'send' = when this one was written (MQTT
   * keep-alive, Mars, microG), 'answer' = when its answer arrived (Chromium's GCM client).
   */
  timing: 'send' | 'answer';
}

export type ScriptedEvent =
  | { type: 'nat-reset'; atS: number; carrier: string }
  | { type: 'server-restart'; atS: number; downtimeS: number }
  | { type: 'outage'; atS: number; durationS: number; carrier: string }
  /** One push message for app `app` of phone `phone` at t (oracle tests, timeline figures). */
  | { type: 'push'; atS: number; phone: number; app: number };

/** Everything one run needs: the world, one strategy, one replication. */
export interface RunConfig {
  scenarioName: string;
  seed: number;
  replication: number;
  durationS: number;
  warmupS: number;
  carriers: CarrierConfig[];
  groups: PhoneGroupConfig[];
  server: ServerConfig;
  events: ScriptedEvent[];
  strategy: StrategySpec;
  /** Phones bring their connections up at a uniform time in [0, startSpreadS). */
  startSpreadS: number;
  /** Round trips of a connect: TCP + TLS + MQTT CONNECT. */
  handshakeRtts: number;
  /** Width of the time-series buckets (default 60 s). */
  bucketS: number;
  /** Phones whose learned interval is sampled for the interval-over-time chart. */
  intervalSamplePhones: number;
  /** Record a full event trace of this phone (debugging; costs nothing when -1). */
  tracePhone: number;
  /**
   * Run only population partition `index` of `count` (phones split by id into contiguous
   * ranges, partition.ts); omitted: the whole population.
   */
  partition?: { index: number; count: number };
}
