import { backoffDelay } from './backoff.js';
import { Cause, ConnState, REASON_NAMES, Reason } from './causes.js';
import { NatDeath } from './nat.js';
import {
  C_CLOSED_AT,
  C_EPOCH,
  C_HB_SENT_AT,
  C_INTERVAL,
  C_LAST_IN,
  C_LAST_OUT,
  C_PATH_DEAD_AT,
  C_PHONE,
  C_STATE,
  C_UP_AT,
  connF,
  connI,
  P_ACTIVE_END,
  P_ALIGN_PHASE,
  P_CONN_COUNT,
  P_FIRST_CONN,
  P_GROUP,
  P_LAST_USER,
  phoneF,
  phoneI,
  S_EPOCH,
  S_OPEN,
} from './records.js';
import { dozeRelease } from './doze.js';
import {
  acceptHandshake,
  armDeadline,
  armDeadlineBefore,
  clientPacket,
  openSession,
} from './server.js';
import { T } from './timers.js';
import { HEARTBEAT_BYTES } from './transferSizes.js';
import type { World } from './world.js';

/**
 * The phone side of a push connection (docs/model.md §5): connect, heartbeat, failure
 * detection, loss and reconnect with backoff. A heartbeat whose path is alive is resolved
 * when it is sent (the answer comes one RTT later and nothing can intervene in between),
 * so only failing heartbeats keep an event pending (the ack timeout and TCP retransmissions).
 */

/**
 * A radio transfer on the phone's current network; counts promotions and carrier signaling.
 * `bytes` matters only on a 3G radio with FACH rules (transferSizes.ts); omitted, the
 * transfer is larger than any FACH threshold.
 */
export function transfer(
  w: World,
  phone: number,
  t: number,
  activeS: number,
  bytes = Number.POSITIVE_INFINITY,
): number {
  const d = w.radio.transfer(phone, t, activeS, bytes);
  if (w.radio.promoted) {
    const carrier = w.carrierIdx(phone);
    w.metrics.promotion(t, carrier, w.carriers[carrier].radio.signalingPerPromotion);
  } else if (w.radio.fachPromoted) {
    // 3G FACH→DCH switch or 5G resume from RRC_INACTIVE: signaling, not a promotion.
    const carrier = w.carrierIdx(phone);
    const r = w.carriers[carrier].radio;
    const n = r.fach ? r.fach.signalingPerPromotion : (r.inactive?.signalingPerResume ?? 0);
    w.metrics.extraSignaling(t, carrier, n);
  }
  return d;
}

/**
 * Cache warm-up (Scheduler.setWarmUp) for events about to fire: reads both cache lines of
 * each one's connection record (C_LAST_IN is in the first, C_PHONE in the second) and its
 * phone's record, in passes of independent loads so that their misses overlap. `conns`
 * holds the connection of each event (−1: none).
 */
export function warmConnections(
  w: World,
  conns: Int32Array,
  phones: Int32Array,
  n: number,
): number {
  const cf = w.cf;
  const ci = w.ci;
  const pf = w.pf;
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const c = conns[i];
    if (c < 0) continue;
    sink += cf[connF(c) + C_LAST_IN];
    phones[i] = ci[connI(c) + C_PHONE];
  }
  for (let i = 0; i < n; i++) if (conns[i] >= 0) sink += pf[phoneF(phones[i]) + P_ACTIVE_END];
  return sink;
}

/** RECONNECT timer: try to connect now. */
export function onReconnectTimer(w: World, c: number): void {
  connect(w, c, w.sim.now);
}

export function connect(w: World, c: number, t: number): void {
  const f = connF(c);
  const i = connI(c);
  const p = w.ci[i + C_PHONE];
  if (!w.isOnline(p) || w.ci[i + C_STATE] !== ConnState.down) return;
  const carrierIdx = w.carrierIdx(p);
  w.connAttemptAt[c] = t;
  const rtt = w.drawRtt(p, t);
  const handshakeS = w.config.handshakeRtts * rtt;
  const tStart = t + transfer(w, p, t, handshakeS);
  if (w.metrics.measured(t)) w.metrics.connectAttempts++;
  // Refused (server down or over its handshake budget) or SYN rejected by a full NAT box.
  // A SYN the NAT rejects never reaches the server; one the server refuses frees its mapping.
  let accepted = tStart >= w.srvDownUntil && w.nat.open(c, tStart, carrierIdx, p);
  if (accepted && !acceptHandshake(w, tStart)) {
    w.nat.release(c);
    accepted = false;
  }
  if (!accepted) {
    if (w.metrics.measured(t)) w.metrics.connectFailures++;
    w.connAttempt[c]++;
    scheduleReconnect(w, c, tStart + rtt);
    if (w.trace) w.note(p, t, 'connect-failed', { conn: c, attempt: w.connAttempt[c] });
    return;
  }
  const tUp = tStart + handshakeS;
  w.nat.outbound(c, tUp);
  const epoch = ++w.ci[i + C_EPOCH];
  w.ci[i + C_STATE] = ConnState.up;
  w.cf[f + C_UP_AT] = tUp;
  w.cf[f + C_LAST_IN] = tUp;
  w.cf[f + C_LAST_OUT] = tUp;
  w.cf[f + C_CLOSED_AT] = Number.NaN;
  const s = w.strategyOf(c);
  const ctx = w.ctxFor(c, tUp);
  s.onConnected(ctx);
  const announced = s.announcedInterval ? s.announcedInterval(ctx) : s.nextInterval(ctx);
  if (w.trace)
    w.note(p, t, 'connect', {
      conn: c,
      upAt: tUp,
      carrier: w.carriers[carrierIdx].name,
      natTimeoutS: w.nat.timeoutOf(c),
    });
  openSession(w, c, tStart, tUp, epoch, announced);
  w.cf[f + C_PATH_DEAD_AT] = Number.NaN; // after the old session's zombie time was accounted
  // The first beat is timed from the client's last send, the CONNECT written one RTT before
  // the CONNACK (MQTT), or from the login answer (GCM, timing 'answer'); Mars sends a noop
  // at once.
  if (s.heartbeatOnConnect?.(ctx)) {
    w.cf[f + C_INTERVAL] = s.nextInterval(w.ctxFor(c, tUp));
    w.sim.at(w.slot(T.heartbeat, c), tUp);
  } else {
    scheduleHeartbeat(w, c, w.config.strategy.timing === 'answer' ? tUp : tUp - rtt);
  }
}

/**
 * Asks the strategy for the next interval and arms the heartbeat timer from `from`: the
 * moment the last heartbeat was written (timing 'send') or answered ('answer').
 */
export function scheduleHeartbeat(w: World, c: number, from: number): void {
  const interval = w.strategyOf(c).nextInterval(w.ctxFor(c, from));
  if (!(interval > 0 && interval < Number.POSITIVE_INFINITY)) {
    throw new RangeError(
      `strategy "${w.config.strategy.name}" returned an invalid heartbeat interval ${interval} (must be finite and > 0)`,
    );
  }
  w.cf[connF(c) + C_INTERVAL] = interval;
  const p = w.ci[connI(c) + C_PHONE];
  const at = dozed(w, c, p, aligned(w, p, from + interval));
  armDeadlineBefore(w, c, at);
  w.sim.at(w.slot(T.heartbeat, c), at);
}

/**
 * Android Doze (doze.ts): a heartbeat alarm due at t in a Doze idle period waits for the
 * next maintenance window; the deferral is recorded so that screen-on can release it.
 */
function dozed(w: World, c: number, p: number, t: number): number {
  const dozeDue = w.dozeDue;
  if (dozeDue === null) return t;
  const g = w.groups[w.pi[phoneI(p) + P_GROUP]];
  const d = g.doze;
  if (d === undefined) return t;
  let at = dozeRelease(d, screenOffAt(w, p), t);
  // A while-idle alarm fires inside the idle period once its app's quota allows.
  if (at > t && g.dozeWhileIdle !== undefined && w.whileIdle !== null)
    at = Math.min(at, w.whileIdle.earliest(c, t, g.dozeWhileIdle));
  if (at > t) {
    dozeDue[c] = t;
    if (w.metrics.measured(t)) {
      w.dozeDeferred++;
      w.dozeDeferredS.add(at - t);
    }
  } else {
    dozeDue[c] = Number.NaN;
  }
  return at;
}

/**
 * A heartbeat fires at t on a phone with Doze: whether Doze had held it (for the
 * reconnects-after-a-window count), and, inside an idle period, its use of the app's
 * while-idle quota. Clears a stale held-failure mark of an earlier heartbeat.
 */
function dozeFiring(w: World, c: number, p: number, t: number): boolean {
  w.dozeHeldFailure![c] = 0;
  const held = !Number.isNaN(w.dozeDue![c]);
  const g = w.groups[w.pi[phoneI(p) + P_GROUP]];
  if (g.doze !== undefined && w.whileIdle !== null && g.dozeWhileIdle !== undefined) {
    if (dozeRelease(g.doze, screenOffAt(w, p), t) > t) {
      w.whileIdle.record(c, t);
      if (w.metrics.measured(t)) w.dozeWhileIdleBeats++;
    }
  }
  return held;
}

/** When the phone's screen last went off (its last user activity ended; 0 if never used). */
export function screenOffAt(w: World, p: number): number {
  const u = w.pf[phoneF(p) + P_LAST_USER];
  return Number.isNaN(u) ? 0 : u;
}

/**
 * Screen on at t (user activity) ends Doze: heartbeats it deferred fire when they were
 * due, or at once if that has passed.
 */
export function dozeScreenOn(w: World, p: number, t: number): void {
  const dozeDue = w.dozeDue;
  if (dozeDue === null) return;
  const first = w.pi[phoneI(p) + P_FIRST_CONN];
  const n = w.pi[phoneI(p) + P_CONN_COUNT];
  for (let c = first; c < first + n; c++) {
    const due = dozeDue[c];
    if (Number.isNaN(due)) continue;
    dozeDue[c] = Number.NaN;
    const slot = w.slot(T.heartbeat, c);
    if (w.sim.isPending(slot) && w.sim.timeOf(slot) > t) w.sim.at(slot, Math.max(t, due));
  }
}

/**
 * Other traffic on the connection (a push received and acknowledged at `from`) restarts the
 * heartbeat timer when the strategy says so: MQTT counts the client's PUBACK as keep-alive
 * traffic; Chromium's GCM client treats any received message as a heartbeat ack.
 */
export function restartHeartbeatTimer(w: World, c: number, from: number): void {
  const slot = w.slot(T.heartbeat, c);
  if (!w.config.strategy.resetOnTraffic || !w.sim.isPending(slot)) return;
  const p = w.ci[connI(c) + C_PHONE];
  const aligns = aligned(w, p, from + w.cf[connF(c) + C_INTERVAL]);
  if (aligns > w.sim.timeOf(slot)) {
    const at = dozed(w, c, p, aligns);
    armDeadlineBefore(w, c, at);
    w.sim.at(slot, at);
  }
}

/** OS alarm alignment: defer to the phone's next multiple of the alignment period. */
function aligned(w: World, p: number, t: number): number {
  const a = w.groups[w.pi[phoneI(p) + P_GROUP]].alignment;
  if (a === undefined) return t;
  const phase = w.pf[phoneF(p) + P_ALIGN_PHASE];
  return phase + Math.ceil((t - phase) / a.periodS) * a.periodS;
}

/** HEARTBEAT timer: send a PINGREQ after `interval` of silence. */
export function onHeartbeatTimer(w: World, c: number): void {
  const t = w.sim.now;
  const f = connF(c);
  const i = connI(c);
  const cf = w.cf;
  const p = w.ci[i + C_PHONE];
  const carrier = w.carriers[w.carrierIdx(p)];
  const heldByDoze = w.dozeDue !== null && dozeFiring(w, c, p, t);
  const rtt = w.drawRtt(p, t);
  const tSend = t + transfer(w, p, t, rtt, HEARTBEAT_BYTES);
  w.metrics.heartbeatSent(t, p);
  const s = w.strategyOf(c);
  if (s.onHeartbeatSent) s.onHeartbeatSent(w.ctxFor(c, t), cf[f + C_INTERVAL]);
  cf[f + C_HB_SENT_AT] = tSend;
  cf[f + C_LAST_OUT] = tSend;
  if (w.nat.outbound(c, tSend)) {
    const ci = w.ci;
    if (ci[i + S_OPEN] === 1 && ci[i + S_EPOCH] === ci[i + C_EPOCH] && tSend >= w.srvDownUntil) {
      clientPacket(w, c, tSend);
      w.metrics.heartbeatAtServer(tSend);
      const tAck = tSend + rtt;
      // The NAT sits at the phone's gateway: the answer passes it as it reaches the phone.
      w.nat.inbound(c, tAck);
      // The strategy sees lastInboundAt as the last packet before this answer: it is told
      // first, and the answer is recorded after.
      s.onHeartbeatAck(w.ctxFor(c, tAck), cf[f + C_INTERVAL]);
      cf[f + C_LAST_IN] = tAck;
      if (w.trace) w.note(p, t, 'heartbeat-ack', { conn: c, interval: cf[f + C_INTERVAL] });
      // Timed from the write (MQTT, Mars, microG: t, when the app sent it; the radio's
      // promotion delays the packet, not the timer) or from the answer (Chromium GCM).
      scheduleHeartbeat(w, c, w.config.strategy.timing === 'answer' ? tAck : t);
      return;
    }
    // The server has no socket for it any more: its TCP answers with a RST.
    if (heldByDoze) w.dozeHeldFailure![c] = 1;
    startFailure(w, c, tSend + rtt, w.srvCloseCause[c], Reason.serverClose);
    return;
  }
  if (heldByDoze) w.dozeHeldFailure![c] = 1;
  const death = w.nat.deathCause(c, tSend);
  const cause = natCause(death);
  const rst = carrier.nat.expiredPacket === 'rst';
  const reason = death === NatDeath.reset ? Reason.natReset : rst ? Reason.rst : Reason.ackTimeout;
  if (rst) {
    // The NAT at the phone's gateway answers at once.
    startFailure(w, c, tSend, cause, reason);
    return;
  }
  // Silently dropped: wait for the answer; TCP retransmits at 1, 2, 4 … s, keeping the radio up.
  startFailure(w, c, tSend + s.ackTimeoutS(w.ctxFor(c, tSend)), cause, reason);
  w.connRetx[c] = 0;
  const retx = tSend + 1;
  if (retx < w.sim.timeOf(w.slot(T.ackTimeout, c))) w.sim.at(w.slot(T.retransmit, c), retx);
}

function startFailure(w: World, c: number, at: number, cause: number, reason: number): void {
  // Nothing from this client reaches the server any more: its deadline can fire.
  armDeadline(w, c);
  w.ci[connI(c) + C_STATE] = ConnState.failing;
  w.connFailCause[c] = cause;
  w.connFailReason[c] = reason;
  w.sim.at(w.slot(T.ackTimeout, c), at);
  if (w.trace) w.note(w.phoneOf(c), w.sim.now, 'heartbeat-lost', { conn: c, failsAt: at, cause });
}

function natCause(death: number): number {
  if (death === NatDeath.capacity) return Cause.capacityEviction;
  if (death === NatDeath.reset) return Cause.natReset;
  return Cause.natEviction;
}

/** RETRANSMIT timer: one more TCP retransmission of the unanswered heartbeat. */
export function onRetransmitTimer(w: World, c: number): void {
  if (w.ci[connI(c) + C_STATE] !== ConnState.failing) return;
  const t = w.sim.now;
  const p = w.phoneOf(c);
  transfer(w, p, t, w.drawRtt(p, t), HEARTBEAT_BYTES);
  const k = ++w.connRetx[c];
  const next = w.cf[connF(c) + C_HB_SENT_AT] + 2 ** (k + 1) - 1; // 1, 3, 7, 15 … s after the send
  if (next < w.sim.timeOf(w.slot(T.ackTimeout, c))) w.sim.at(w.slot(T.retransmit, c), next);
}

/** ACK TIMEOUT: the heartbeat failed; tell the strategy, drop the connection, reconnect. */
export function onAckTimeout(w: World, c: number): void {
  if (w.ci[connI(c) + C_STATE] !== ConnState.failing) return;
  const t = w.sim.now;
  w.metrics.heartbeatFailed(t);
  const held = w.dozeHeldFailure;
  if (held !== null && held[c] === 1) {
    // The path died while Doze held this heartbeat: the reconnect follows the window.
    held[c] = 0;
    if (w.metrics.measured(t)) w.dozeReconnects++;
  }
  const reason = w.connFailReason[c];
  w.strategyOf(c).onHeartbeatFailure(
    w.ctxFor(c, t),
    w.cf[connF(c) + C_INTERVAL],
    REASON_NAMES[reason],
  );
  loseConnection(w, c, t, w.connFailCause[c], false, reason);
}

/**
 * The client's connection is gone (it knows now). Records the loss by cause, tells the
 * strategy, and schedules the reconnect: at once after a network change, else by the
 * strategy's backoff rule (see nextAttempt).
 */
export function loseConnection(
  w: World,
  c: number,
  t: number,
  cause: number,
  fresh: boolean,
  reason: number,
): void {
  const f = connF(c);
  const p = w.phoneOf(c);
  const died = w.nat.diedAt(c);
  const pathDead = w.nat.isAlive(c, t) || !(died <= t) ? t : died;
  w.nat.release(c);
  armDeadline(w, c);
  w.ci[connI(c) + C_STATE] = ConnState.down;
  w.cf[f + C_CLOSED_AT] = t;
  w.cf[f + C_PATH_DEAD_AT] = pathDead;
  w.sim.cancel(w.slot(T.heartbeat, c));
  w.sim.cancel(w.slot(T.ackTimeout, c));
  w.sim.cancel(w.slot(T.retransmit, c));
  w.metrics.loss(t, p, cause);
  w.connAttempt[c] = fresh ? 0 : nextAttempt(w, c, t);
  const s = w.strategyOf(c);
  if (s.onDisconnected) s.onDisconnected(w.ctxFor(c, t), REASON_NAMES[reason]);
  if (w.trace) w.note(p, t, 'connection-lost', { conn: c, cause, attempt: w.connAttempt[c] });
  if (w.isOnline(p)) scheduleReconnect(w, c, t);
}

/**
 * The backoff step after losing a connection at t. A connection that lived at least
 * `resetAfterS` (counted from when it came up, or with `fromPreviousAttempt` from the
 * attempt that made it, as Mars's posttime) resets the step to 0 or, with `longLived:
 * step-down`, moves it down one (Mars `current_interval_index_--`); a shorter one moves it up.
 */
function nextAttempt(w: World, c: number, t: number): number {
  const b = w.config.strategy.reconnect;
  const since = b.fromPreviousAttempt ? w.connAttemptAt[c] : w.cf[connF(c) + C_UP_AT];
  if (t - since < b.resetAfterS) return w.connAttempt[c] + 1;
  return b.longLived === 'step-down' ? Math.max(0, w.connAttempt[c] - 1) : 0;
}

function scheduleReconnect(w: World, c: number, from: number): void {
  const b = w.config.strategy.reconnect;
  const delay = backoffDelay(b, w.connAttempt[c], w.rngBackoff.uniform(c));
  // Mars: table[k] − time since the previous attempt, at least 0.
  const at = b.fromPreviousAttempt ? Math.max(from, w.connAttemptAt[c] + delay) : from + delay;
  w.sim.at(w.slot(T.reconnect, c), at);
}

/**
 * Radio-aware piggybacking: the radio is up at t anyway (user traffic, a push), so a
 * heartbeat due within the strategy's slack window is sent now, saving a promotion.
 */
export function piggyback(w: World, p: number, t: number): void {
  const first = w.pi[phoneI(p) + P_FIRST_CONN];
  const last = first + w.pi[phoneI(p) + P_CONN_COUNT];
  for (let c = first; c < last; c++) {
    if (w.ci[connI(c) + C_STATE] !== ConnState.up) continue;
    const slot = w.slot(T.heartbeat, c);
    if (!w.sim.isPending(slot)) continue;
    const due = w.sim.timeOf(slot);
    const slack = w.strategyOf(c).piggybackSlackS?.(w.ctxFor(c, t)) ?? 0;
    if (due > t && due - t <= slack) w.sim.at(slot, Math.max(t, w.sim.now));
  }
}
