import { Cause, ConnState, Reason } from './causes.js';
import { loseConnection, piggyback, restartHeartbeatTimer, screenOffAt } from './client.js';
import { dozeRelease } from './doze.js';
import { downlinkTransfer } from './paging.js';
import {
  C_EPOCH,
  C_LAST_IN,
  C_LAST_OUT,
  C_PATH_DEAD_AT,
  C_PHONE,
  C_STATE,
  C_UP_AT,
  connF,
  connI,
  P_GROUP,
  phoneI,
  S_EPOCH,
  S_LAST_PACKET,
  S_OPEN,
  S_TIMEOUT,
} from './records.js';
import { T } from './timers.js';
import type { World } from './world.js';

/**
 * The push server (docs/model.md §4). It holds one session per connection slot: the session of
 * that slot's latest TCP connection. A session whose path is dead (NAT evicted, phone gone)
 * is a *zombie* until the server notices: by its keep-alive deadline, by a push that is
 * never acknowledged, or by the client's next connection (session takeover, if enabled).
 * An older session replaced by a new connection without takeover can no longer receive
 * anything, so its close time is known at once and is accounted analytically.
 */

/** Handshake budget: at most maxHandshakesPerS accepted per wall-clock second. */
export function acceptHandshake(w: World, t: number): boolean {
  const max = w.config.server.maxHandshakesPerS;
  if (max <= 0) return true;
  // Connect times are not in order (promotion delays differ), so count per second.
  const sec = Math.min(Math.floor(t), w.srvAccepted.length - 1);
  if (w.srvAccepted[sec] >= max) return false;
  w.srvAccepted[sec]++;
  return true;
}

function keepaliveTimeout(w: World, announced: number): number {
  const k = w.config.server.keepalive;
  return k.rule === 'factor' ? k.factor * announced : k.timeoutS;
}

/**
 * A new connection's CONNECT reached the server at tStart (handshake done at tUp): retire the
 * slot's previous session, open the new one, and flush the store-and-forward queue.
 */
export function openSession(
  w: World,
  c: number,
  tStart: number,
  tUp: number,
  epoch: number,
  announced: number,
): void {
  const f = connF(c);
  const i = connI(c);
  if (w.ci[i + S_OPEN] === 1) retireSession(w, c, tStart);
  w.ci[i + S_OPEN] = 1;
  w.ci[i + S_EPOCH] = epoch;
  w.cf[f + S_LAST_PACKET] = tUp;
  w.cf[f + S_TIMEOUT] = keepaliveTimeout(w, announced);
  w.metrics.sessionOpened(tStart);
  w.metrics.handshake(tStart);
  // The keep-alive deadline is armed only when the client may fall silent (see armDeadline).
  w.sim.cancel(w.slot(T.serverDeadline, c));
  flushQueue(w, c, tUp);
}

/**
 * The server's keep-alive deadline, armed lazily. The server closes a session after
 * `timeout` of client silence; while the client is up and its next heartbeat is due before
 * that, the deadline cannot fire (the heartbeat moves it), so it is not kept as an event —
 * re-arming it on every heartbeat cost 7–20 % of a run. It is armed, at the same time the
 * eager rule would give (last client packet + timeout), whenever the client may fall silent
 * that long: its next heartbeat is due at or after the deadline (armDeadlineBefore), a
 * heartbeat found its path dead, or the client lost the connection (armDeadline).
 */
export function armDeadline(w: World, c: number): void {
  const i = connI(c);
  if (w.ci[i + S_OPEN] === 0 || w.ci[i + S_EPOCH] !== w.ci[i + C_EPOCH]) return;
  const slot = w.slot(T.serverDeadline, c);
  if (w.sim.isPending(slot)) return;
  const f = connF(c);
  w.sim.at(slot, w.cf[f + S_LAST_PACKET] + w.cf[f + S_TIMEOUT]);
}

/** The client's next packet is due at `at`: arm the deadline if it would come first (or tie). */
export function armDeadlineBefore(w: World, c: number, at: number): void {
  const f = connF(c);
  const deadline = w.cf[f + S_LAST_PACKET] + w.cf[f + S_TIMEOUT];
  if (at >= deadline) armDeadline(w, c);
  else if (w.sim.isPending(w.slot(T.serverDeadline, c))) w.sim.cancel(w.slot(T.serverDeadline, c));
}

/** The previous session of slot c is replaced by a new connection at t. */
function retireSession(w: World, c: number, t: number): void {
  const f = connF(c);
  const i = connI(c);
  let closeAt: number;
  if (w.config.server.sessionTakeover) {
    closeAt = t;
  } else {
    closeAt = Math.max(t, w.cf[f + S_LAST_PACKET] + w.cf[f + S_TIMEOUT]);
    const ack = w.slot(T.serverPushAck, c);
    if (w.srvUnackedEpoch[c] === w.ci[i + S_EPOCH] && w.sim.isPending(ack)) {
      closeAt = Math.min(closeAt, Math.max(t, w.sim.timeOf(ack)));
    }
  }
  const dead = w.cf[f + C_PATH_DEAD_AT];
  if (dead <= closeAt) w.metrics.addZombie(dead, closeAt);
  w.metrics.sessionClosed(closeAt);
  if (w.trace) w.note(w.ci[i + C_PHONE], t, 'session-retired', { conn: c, closesAt: closeAt });
  w.ci[i + S_OPEN] = 0;
  w.sim.cancel(w.slot(T.serverDeadline, c));
  if (w.config.server.sessionTakeover) requeueUnacked(w, c);
}

/** Any packet from the client: the session's keep-alive deadline restarts. */
export function clientPacket(w: World, c: number, t: number): void {
  const i = connI(c);
  if (w.ci[i + S_OPEN] === 0 || w.ci[i + S_EPOCH] !== w.ci[i + C_EPOCH]) return;
  const f = connF(c);
  w.cf[f + S_LAST_PACKET] = t;
  // Armed only while the client may fall silent (armDeadline): then it moves with the packet.
  const slot = w.slot(T.serverDeadline, c);
  if (w.sim.isPending(slot)) w.sim.at(slot, t + w.cf[f + S_TIMEOUT]);
}

/** The server closes the slot's current session at t (timeout, unacked push, restart). */
export function closeSession(w: World, c: number, t: number, cause: number): void {
  const i = connI(c);
  if (w.ci[i + S_OPEN] === 0) return;
  w.ci[i + S_OPEN] = 0;
  w.srvCloseCause[c] = cause;
  w.metrics.sessionClosed(t);
  if (w.trace) w.note(w.ci[i + C_PHONE], t, 'session-closed', { conn: c, cause });
  w.sim.cancel(w.slot(T.serverDeadline, c));
  let dead = Number.NaN;
  if (w.ci[i + C_STATE] === ConnState.down || w.ci[i + S_EPOCH] !== w.ci[i + C_EPOCH])
    dead = w.cf[connF(c) + C_PATH_DEAD_AT];
  else if (!w.nat.isAlive(c, t)) dead = w.nat.diedAt(c);
  if (dead <= t) w.metrics.addZombie(dead, t);
  requeueUnacked(w, c);
}

function requeueUnacked(w: World, c: number): void {
  w.unacked.drainInto(c, w.queued, c);
  w.srvUnackedEpoch[c] = -1;
  w.sim.cancel(w.slot(T.serverPushAck, c));
}

/** SERVER DEADLINE: the client was silent for the keep-alive timeout. */
export function onServerDeadline(w: World, c: number): void {
  const t = w.sim.now;
  closeSession(w, c, t, Cause.serverTimeout);
  // If the path still works, the server's FIN reaches the phone, which learns at once.
  const i = connI(c);
  if (
    w.ci[i + C_STATE] === ConnState.up &&
    w.ci[i + S_EPOCH] === w.ci[i + C_EPOCH] &&
    w.nat.inbound(c, t)
  ) {
    loseConnection(w, c, t, Cause.serverTimeout, false, Reason.serverClose);
  }
}

/** SERVER PUSH ACK: a push written into the session was never acknowledged. */
export function onServerPushAck(w: World, c: number): void {
  const t = w.sim.now;
  if (w.srvUnackedEpoch[c] === w.ci[connI(c) + S_EPOCH]) closeSession(w, c, t, Cause.serverTimeout);
  else requeueUnacked(w, c);
  // A newer session may already be up: hand it the re-queued messages.
  if (w.ci[connI(c) + S_OPEN] === 1) flushQueue(w, c, t);
}

/** A push message m for connection c, at t: write it to the session, or queue it. */
export function deliverPush(w: World, c: number, m: number, t: number): void {
  if (w.ci[connI(c) + S_OPEN] === 0 || t < w.srvDownUntil) {
    w.queued.push(c, m);
    return;
  }
  const rtt = w.drawRtt(w.ci[connI(c) + C_PHONE], t);
  if (pathAlive(w, c, t + rtt / 2)) {
    receive(w, c, t, m, rtt);
    return;
  }
  // Written into a dead path: the server only finds out when the ack does not come.
  w.unacked.push(c, m);
  const ack = w.slot(T.serverPushAck, c);
  if (!w.sim.isPending(ack)) {
    w.srvUnackedEpoch[c] = w.ci[connI(c) + S_EPOCH];
    w.sim.at(ack, t + w.config.server.pushAckTimeoutS);
  }
}

/** Does a packet the server wrote reach the phone? `t`: when it passes the NAT (at the phone). */
function pathAlive(w: World, c: number, t: number): boolean {
  const i = connI(c);
  return (
    w.ci[i + C_STATE] === ConnState.up &&
    w.ci[i + S_EPOCH] === w.ci[i + C_EPOCH] &&
    w.nat.inbound(c, t)
  );
}

/** Delivers every queued message through the current session at t (after a connect). */
export function flushQueue(w: World, c: number, t: number): void {
  if (w.queued.length[c] === 0 || w.ci[connI(c) + S_OPEN] === 0 || t < w.srvDownUntil) return;
  const rtt = w.drawRtt(w.ci[connI(c) + C_PHONE], t);
  if (!pathAlive(w, c, Math.max(t, w.cf[connF(c) + C_UP_AT]) + rtt / 2)) {
    for (let m = w.queued.shift(c); m >= 0; m = w.queued.shift(c)) deliverPush(w, c, m, t);
    return;
  }
  const ttl = w.config.server.messageTtlS;
  let first = true;
  for (let m = w.queued.shift(c); m >= 0; m = w.queued.shift(c)) {
    if (t - w.pool.arrival[m] > ttl) {
      w.metrics.expiredMessage(w.pool.arrival[m]);
      w.pool.free(m);
    } else if (first) {
      first = false;
      receive(w, c, t, m, rtt);
    } else {
      // Later messages ride the same radio wake-up and arrive with the first.
      w.metrics.deliveredMessage(
        w.pool.arrival[m],
        w.cf[connF(c) + C_LAST_IN],
        w.appNameOf[w.pool.app[m]],
      );
      w.pool.free(m);
    }
  }
}

/**
 * The phone receives message m (written at t, `rtt` the exchange's round trip) and acks it;
 * both directions refresh the path. The packet reaches the phone's network half an RTT
 * later; an idle radio is promoted first (the phone receives it after the promotion delay).
 */
function receive(w: World, c: number, t: number, m: number, rtt: number): void {
  const f = connF(c);
  const p = w.ci[connI(c) + C_PHONE];
  let from = Math.max(t, w.cf[f + C_UP_AT]) + rtt / 2;
  // Doze: a normal-priority push on the system channel waits for the next maintenance
  // window; so does any push on an app's own connection, whose network Doze cuts (only a
  // high-priority message of the system channel, FCM, lifts that for its app).
  if (w.dozeDue !== null) {
    const g = w.groups[w.pi[phoneI(p) + P_GROUP]];
    if (g.doze !== undefined && (g.dozePushPriority === 'normal' || g.architecture === 'per-app')) {
      const at = dozeRelease(g.doze, screenOffAt(w, p), from);
      if (at > from && w.metrics.measured(from)) {
        w.dozePushDelayed++;
        w.dozePushDelayS.add(at - from);
      }
      from = at;
    }
  }
  // An idle phone is paged first (paging.ts): the push waits for its paging occasion.
  const tRecv = from + downlinkTransfer(w, p, from, rtt);
  const arrival = w.pool.arrival[m];
  if (tRecv - arrival > w.config.server.messageTtlS) w.metrics.expiredMessage(arrival);
  else w.metrics.deliveredMessage(arrival, tRecv, w.appNameOf[w.pool.app[m]]);
  w.pool.free(m);
  w.cf[f + C_LAST_IN] = tRecv;
  w.cf[f + C_LAST_OUT] = tRecv;
  w.nat.outbound(c, tRecv);
  clientPacket(w, c, tRecv);
  restartHeartbeatTimer(w, c, tRecv);
  if (w.piggyback) piggyback(w, p, tRecv);
  if (w.trace) w.note(p, t, 'push-delivered', { conn: c, latency: tRecv - arrival });
}

/**
 * At the end of the run: sessions still open whose path is already dead have been zombies
 * since the path died; that time counts too (up to the end of the run).
 */
export function accountOpenZombies(w: World): void {
  const end = w.duration;
  for (let c = 0; c < w.connections; c++) {
    const i = connI(c);
    if (w.ci[i + S_OPEN] === 0) continue;
    let dead = Number.NaN;
    if (w.ci[i + C_STATE] === ConnState.down || w.ci[i + S_EPOCH] !== w.ci[i + C_EPOCH])
      dead = w.cf[connF(c) + C_PATH_DEAD_AT];
    else if (!w.nat.isAlive(c, end)) dead = w.nat.diedAt(c);
    if (dead <= end) w.metrics.addZombie(dead, end);
  }
}
