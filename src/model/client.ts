import { backoffDelay } from './backoff.js';
import { Cause, ConnState } from './causes.js';
import { NatDeath } from './nat.js';
import { acceptHandshake, clientPacket, openSession } from './server.js';
import { T } from './timers.js';
import type { World } from './world.js';

/**
 * The phone side of a push connection (DESIGN §3.4): connect, heartbeat, failure
 * detection, loss and reconnect with backoff. A heartbeat whose path is alive is resolved
 * when it is sent (the answer comes one RTT later and nothing can intervene in between),
 * so only failing heartbeats keep an event pending (the ack timeout and TCP retransmissions).
 */

/** A radio transfer on the phone's current network; counts promotions and carrier signaling. */
export function transfer(w: World, phone: number, t: number, activeS: number): number {
  const d = w.radio.transfer(phone, t, activeS);
  if (w.radio.promoted) {
    const carrier = w.phoneCarrier[phone];
    w.metrics.promotion(t, carrier, w.carriers[carrier].radio.signalingPerPromotion);
  }
  return d;
}

/** RECONNECT timer: try to connect now. */
export function onReconnectTimer(w: World, c: number): void {
  connect(w, c, w.sim.now);
}

export function connect(w: World, c: number, t: number): void {
  const p = w.connPhone[c];
  if (w.phoneOnline[p] === 0 || w.connState[c] !== ConnState.down) return;
  const carrierIdx = w.phoneCarrier[p];
  const rtt = w.carriers[carrierIdx].rttS;
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
  const epoch = ++w.connEpoch[c];
  w.connState[c] = ConnState.up;
  w.connUpAt[c] = tUp;
  w.connLastIn[c] = tUp;
  w.connLastOut[c] = tUp;
  w.connClosedAt[c] = Number.NaN;
  const s = w.strategies[c];
  const ctx = w.ctxFor(c, tUp);
  s.onConnected(ctx);
  const announced = s.announcedInterval ? s.announcedInterval(ctx) : s.nextInterval(ctx);
  if (w.trace)
    w.note(p, t, 'connect', { conn: c, upAt: tUp, carrier: w.carriers[carrierIdx].name });
  openSession(w, c, tStart, tUp, epoch, announced);
  w.connPathDeadAt[c] = Number.NaN; // after the old session's zombie time was accounted
  scheduleHeartbeat(w, c, tUp);
}

/** Asks the strategy for the next interval and arms the heartbeat timer from `from`. */
export function scheduleHeartbeat(w: World, c: number, from: number): void {
  const interval = w.strategies[c].nextInterval(w.ctxFor(c, from));
  if (!(interval > 0 && interval < Number.POSITIVE_INFINITY)) {
    throw new RangeError(
      `strategy "${w.config.strategy.name}" returned an invalid heartbeat interval ${interval} (must be finite and > 0)`,
    );
  }
  w.connInterval[c] = interval;
  w.sim.at(w.slot(T.heartbeat, c), aligned(w, w.connPhone[c], from + interval));
}

/** MQTT semantics: any client packet restarts the keep-alive timer (when the strategy says so). */
export function restartHeartbeatTimer(w: World, c: number, from: number): void {
  const slot = w.slot(T.heartbeat, c);
  if (!w.config.strategy.resetOnTraffic || !w.sim.isPending(slot)) return;
  const at = aligned(w, w.connPhone[c], from + w.connInterval[c]);
  if (at > w.sim.timeOf(slot)) w.sim.at(slot, at);
}

/** OS alarm alignment: defer to the phone's next multiple of the alignment period. */
function aligned(w: World, p: number, t: number): number {
  const a = w.groups[w.phoneGroup[p]].alignment;
  if (a === undefined) return t;
  const phase = w.phoneAlignPhase[p];
  return phase + Math.ceil((t - phase) / a.periodS) * a.periodS;
}

/** HEARTBEAT timer: send a PINGREQ after `interval` of silence. */
export function onHeartbeatTimer(w: World, c: number): void {
  const t = w.sim.now;
  const p = w.connPhone[c];
  const carrier = w.carriers[w.phoneCarrier[p]];
  const rtt = carrier.rttS;
  const tSend = t + transfer(w, p, t, rtt);
  w.metrics.heartbeatSent(t);
  w.connHbSentAt[c] = tSend;
  w.connLastOut[c] = tSend;
  const s = w.strategies[c];
  if (w.nat.outbound(c, tSend)) {
    if (w.srvOpen[c] === 1 && w.srvEpoch[c] === w.connEpoch[c] && tSend >= w.srvDownUntil) {
      clientPacket(w, c, tSend);
      w.metrics.heartbeatAtServer(tSend);
      const tAck = tSend + rtt;
      w.nat.inbound(c, tSend + rtt / 2);
      const ctx = w.ctxFor(c, tAck); // lastInboundAt: the last packet before this answer
      w.connLastIn[c] = tAck;
      s.onHeartbeatAck(ctx, w.connInterval[c]);
      if (w.trace) w.note(p, t, 'heartbeat-ack', { conn: c, interval: w.connInterval[c] });
      scheduleHeartbeat(w, c, tAck);
      return;
    }
    // The server has no socket for it any more: its TCP answers with a RST.
    startFailure(w, c, tSend + rtt, w.srvCloseCause[c]);
    return;
  }
  const cause = natCause(w.nat.deathCause(c, tSend));
  if (carrier.nat.expiredPacket === 'rst') {
    startFailure(w, c, tSend + rtt / 2, cause);
    return;
  }
  // Silently dropped: wait for the answer; TCP retransmits at 1, 2, 4 … s, keeping the radio up.
  startFailure(w, c, tSend + s.ackTimeoutS(w.ctxFor(c, tSend)), cause);
  w.connRetx[c] = 0;
  const retx = tSend + 1;
  if (retx < w.sim.timeOf(w.slot(T.ackTimeout, c))) w.sim.at(w.slot(T.retransmit, c), retx);
}

function startFailure(w: World, c: number, at: number, cause: number): void {
  w.connState[c] = ConnState.failing;
  w.connFailCause[c] = cause;
  w.sim.at(w.slot(T.ackTimeout, c), at);
  if (w.trace) w.note(w.connPhone[c], w.sim.now, 'heartbeat-lost', { conn: c, failsAt: at, cause });
}

function natCause(death: number): number {
  if (death === NatDeath.capacity) return Cause.capacityEviction;
  if (death === NatDeath.reset) return Cause.natReset;
  return Cause.natEviction;
}

/** RETRANSMIT timer: one more TCP retransmission of the unanswered heartbeat. */
export function onRetransmitTimer(w: World, c: number): void {
  if (w.connState[c] !== ConnState.failing) return;
  const t = w.sim.now;
  const p = w.connPhone[c];
  transfer(w, p, t, w.carriers[w.phoneCarrier[p]].rttS);
  const k = ++w.connRetx[c];
  const next = w.connHbSentAt[c] + 2 ** (k + 1) - 1; // 1, 3, 7, 15 … s after the send
  if (next < w.sim.timeOf(w.slot(T.ackTimeout, c))) w.sim.at(w.slot(T.retransmit, c), next);
}

/** ACK TIMEOUT: the heartbeat failed; tell the strategy, drop the connection, reconnect. */
export function onAckTimeout(w: World, c: number): void {
  if (w.connState[c] !== ConnState.failing) return;
  const t = w.sim.now;
  if (w.metrics.measured(t)) w.metrics.failedHeartbeats++;
  w.strategies[c].onHeartbeatFailure(w.ctxFor(c, t), w.connInterval[c]);
  loseConnection(w, c, t, w.connFailCause[c], false);
}

/**
 * The client's connection is gone (it knows now). Records the loss by cause and schedules
 * the reconnect: at once after a connection that lived at least `resetAfterS` (or a network
 * change), otherwise after the backoff of the next attempt.
 */
export function loseConnection(
  w: World,
  c: number,
  t: number,
  cause: number,
  fresh: boolean,
): void {
  const p = w.connPhone[c];
  const died = w.nat.diedAt(c);
  const pathDead = w.nat.isAlive(c, t) || !(died <= t) ? t : died;
  w.nat.release(c);
  w.connState[c] = ConnState.down;
  w.connClosedAt[c] = t;
  w.connPathDeadAt[c] = pathDead;
  w.sim.cancel(w.slot(T.heartbeat, c));
  w.sim.cancel(w.slot(T.ackTimeout, c));
  w.sim.cancel(w.slot(T.retransmit, c));
  w.metrics.loss(t, p, cause);
  const lived = t - w.connUpAt[c];
  w.connAttempt[c] =
    fresh || lived >= w.config.strategy.reconnect.resetAfterS ? 0 : w.connAttempt[c] + 1;
  if (w.trace) w.note(p, t, 'connection-lost', { conn: c, cause, attempt: w.connAttempt[c] });
  if (w.phoneOnline[p] === 1) scheduleReconnect(w, c, t);
}

function scheduleReconnect(w: World, c: number, from: number): void {
  const delay = backoffDelay(
    w.config.strategy.reconnect,
    w.connAttempt[c],
    w.rngBackoff.uniform(c),
  );
  w.sim.at(w.slot(T.reconnect, c), from + delay);
}

/**
 * Radio-aware piggybacking: the radio is up at t anyway (user traffic, a push), so a
 * heartbeat due within the strategy's slack window is sent now, saving a promotion.
 */
export function piggyback(w: World, p: number, t: number): void {
  const first = w.phoneFirstConn[p];
  const last = first + w.phoneConnCount[p];
  for (let c = first; c < last; c++) {
    if (w.connState[c] !== ConnState.up) continue;
    const slot = w.slot(T.heartbeat, c);
    if (!w.sim.isPending(slot)) continue;
    const due = w.sim.timeOf(slot);
    const slack = w.strategies[c].piggybackSlackS?.(w.ctxFor(c, t)) ?? 0;
    if (due > t && due - t <= slack) w.sim.at(slot, Math.max(t, w.sim.now));
  }
}
