import { Cause, ConnState, REASON_NAMES, Reason } from './causes.js';
import { loseConnection } from './client.js';
import {
  C_INTERVAL,
  C_STATE,
  connF,
  connI,
  P_CARRIER,
  P_CONN_COUNT,
  P_FIRST_CONN,
  P_ONLINE,
  phoneI,
} from './records.js';
import { T } from './timers.js';
import { hasStandingConnection, type World } from './world.js';

/**
 * Network changes (docs/model.md §5.6): phones cycle through their group's networks with
 * exponential dwell times, and may lose coverage. A switch or an outage kills every
 * connection of the phone; the phone knows at once (OS connectivity event), the server
 * does not (its session stays a zombie until it notices).
 */

/** Draws the dwell time on the phone's current network. */
export function nextSwitchDelay(w: World, p: number): number {
  const g = w.groupOf(p);
  return -Math.log(w.rngMobility.uniform(p)) * g.networks[w.phoneNetwork[p]].meanDwellS;
}

/** SWITCH: the phone moves to the next network of its group. */
export function onNetworkSwitch(w: World, p: number): void {
  const t = w.sim.now;
  const g = w.groupOf(p);
  const next = (w.phoneNetwork[p] + 1) % g.networks.length;
  w.phoneNetwork[p] = next;
  const carrier = w.carrierIndex(g.networks[next].carrier);
  w.radio.switchProfile(p, t, carrier);
  w.pi[phoneI(p) + P_CARRIER] = carrier;
  w.sim.at(w.phoneSwitchSlot + p, t + nextSwitchDelay(w, p));
  if (w.trace) w.note(p, t, 'network-switch', { to: w.carriers[carrier].name });
  const first = w.pi[phoneI(p) + P_FIRST_CONN];
  for (let c = first; c < first + w.pi[phoneI(p) + P_CONN_COUNT]; c++) {
    dropForNetwork(w, c, t, Cause.networkChange);
    w.strategyOf(c).onNetworkChange(w.ctxFor(c, t), w.carriers[carrier].name);
    if (w.isOnline(p)) reconnectNow(w, c, t);
  }
}

/** Kills connection c because its network went away. */
function dropForNetwork(w: World, c: number, t: number, cause: number): void {
  const state = w.ci[connI(c) + C_STATE];
  if (state === ConnState.down) {
    w.sim.cancel(w.slot(T.reconnect, c));
    // A polling app's kept connection belongs to the old network: it is gone too.
    w.nat.release(c);
    return;
  }
  const reason = cause === Cause.networkChange ? Reason.networkChange : Reason.outage;
  // Mars counts a disconnect while a heartbeat is outstanding as a heartbeat failure.
  if (state === ConnState.failing)
    w.strategyOf(c).onHeartbeatFailure(
      w.ctxFor(c, t),
      w.cf[connF(c) + C_INTERVAL],
      REASON_NAMES[reason],
    );
  loseConnection(w, c, t, cause, true, reason);
}

function reconnectNow(w: World, c: number, t: number): void {
  // Polling and SMS wake-up phones have no standing connection to bring back.
  if (!hasStandingConnection(w.groupOf(w.phoneOf(c)))) return;
  w.connAttempt[c] = 0;
  w.sim.at(w.slot(T.reconnect, c), t);
}

/** The phone loses coverage (nested: random and scripted outages may overlap). */
export function goOffline(w: World, p: number, t: number): void {
  if (w.phoneOutages[p]++ > 0) return;
  w.pi[phoneI(p) + P_ONLINE] = 0;
  if (w.trace) w.note(p, t, 'coverage-lost');
  const first = w.pi[phoneI(p) + P_FIRST_CONN];
  for (let c = first; c < first + w.pi[phoneI(p) + P_CONN_COUNT]; c++)
    dropForNetwork(w, c, t, Cause.coverageOutage);
}

/** Coverage is back: every connection reconnects at once. */
export function goOnline(w: World, p: number, t: number): void {
  if (--w.phoneOutages[p] > 0) return;
  w.pi[phoneI(p) + P_ONLINE] = 1;
  if (w.trace) w.note(p, t, 'coverage-back');
  const first = w.pi[phoneI(p) + P_FIRST_CONN];
  for (let c = first; c < first + w.pi[phoneI(p) + P_CONN_COUNT]; c++) reconnectNow(w, c, t);
}

/** Time to the next random outage of phone p (Poisson, ratePerDay). */
export function nextOutageDelay(w: World, p: number): number {
  const o = w.groupOf(p).outages!;
  return (-Math.log(w.rngOutage.uniform(p)) * 86_400) / o.ratePerDay;
}

/** OUTAGE: starts or ends phone p's random coverage outage. */
export function onRandomOutage(w: World, p: number): void {
  const t = w.sim.now;
  const slot = w.phoneOutageSlot + p;
  if (w.phoneInRandomOutage[p] === 1) {
    w.phoneInRandomOutage[p] = 0;
    goOnline(w, p, t);
    w.sim.at(slot, t + nextOutageDelay(w, p));
    return;
  }
  w.phoneInRandomOutage[p] = 1;
  goOffline(w, p, t);
  const dur = w.outageDurations[w.groupIdx(p)]!.sample(w.rngOutage.source(p));
  w.sim.at(slot, t + Math.max(0, dur));
}
