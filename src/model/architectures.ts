import { transfer } from './client.js';
import type { World } from './world.js';

/**
 * The push architectures without a standing connection (docs/model.md §7):
 * - polling: each app asks the server every pollInterval (± jitter); a poll is
 *   connect-request-response-close, or one request on a kept connection while its NAT
 *   mapping lives. Messages wait at the server for the next poll.
 * - sms-wakeup: each message triggers an SMS/paging wake-up after a drawn delay; the phone
 *   then connects, fetches that message and closes. No heartbeats at all.
 */

/** A message for a polling app waits at the server for the app's next poll. */
export function queueForPoll(w: World, a: number, m: number): void {
  w.queued.push(w.appConn[a], m);
}

/** POLL: app a polls now. */
export function onPoll(w: World, a: number): void {
  const t = w.sim.now;
  const p = w.appPhone[a];
  const cfg = w.groupOf(p).polling!;
  const jitter = cfg.jitterS > 0 ? cfg.jitterS * (2 * w.rngPoll.uniform(a) - 1) : 0;
  w.sim.at(w.appPollSlot + a, t + Math.max(1e-3, cfg.intervalS + jitter));
  if (!w.isOnline(p)) return;
  const c = w.appConn[a];
  const rtt = w.drawRtt(p, t);
  let exchangeS = rtt; // request + response
  if (!(cfg.keepConnection && w.nat.outbound(c, t))) {
    if (!w.nat.open(c, t, w.carrierIdx(p), p)) return;
    w.metrics.handshake(t);
    exchangeS += w.config.handshakeRtts * rtt;
  }
  const tResp = t + transfer(w, p, t, exchangeS) + exchangeS;
  if (w.metrics.measured(t)) w.metrics.polls++;
  fetchQueued(w, c, tResp);
  if (cfg.keepConnection) w.nat.inbound(c, tResp);
  else w.nat.release(c);
  if (w.trace) w.note(p, t, 'poll', { app: a });
}

function fetchQueued(w: World, c: number, tResp: number): void {
  const ttl = w.config.server.messageTtlS;
  for (let m = w.queued.shift(c); m >= 0; m = w.queued.shift(c)) {
    const arrival = w.pool.arrival[m];
    if (tResp - arrival > ttl) w.metrics.expiredMessage(arrival);
    else w.metrics.deliveredMessage(arrival, tResp, w.appNameOf[w.pool.app[m]]);
    w.pool.free(m);
  }
}

/** A message for an sms-wakeup app: the server sends one SMS, which wakes the phone later. */
export function sendWakeupSms(w: World, a: number, m: number, t: number): void {
  const p = w.appPhone[a];
  const sms = w.groupOf(p).sms!;
  if (w.metrics.measured(t)) w.metrics.smsSent++;
  w.smsInFlight++;
  if (t >= w.config.warmupS) w.smsInFlightMeasured++;
  w.metrics.extraSignaling(t, w.carrierIdx(p), sms.signalingPerSms);
  const slot = w.sim.allocSlot(w.kindSmsWake, m);
  // A delay distribution may reach below zero (a normal); an SMS cannot arrive before it is sent.
  w.sim.at(slot, t + Math.max(0, w.smsDelays[w.groupIdx(p)]!.sample(w.rngSms.source(a))));
}

/** SMS WAKE: the SMS for message m reached the phone: connect, fetch it, close. */
export function onSmsWake(w: World, m: number, slot: number): void {
  const t = w.sim.now;
  const a = w.pool.app[m];
  const p = w.appPhone[a];
  const c = w.appConn[a];
  if (!w.isOnline(p) || !w.nat.open(c, t, w.carrierIdx(p), p)) {
    // The SMS centre retries the delivery after another drawn delay.
    const sms = w.smsDelays[w.groupIdx(p)]!;
    w.sim.at(slot, t + Math.max(0, sms.sample(w.rngSms.source(a))));
    return;
  }
  const rtt = w.drawRtt(p, t);
  const exchangeS = (w.config.handshakeRtts + 1) * rtt;
  w.metrics.handshake(t);
  const tResp = t + transfer(w, p, t, exchangeS) + exchangeS;
  const arrival = w.pool.arrival[m];
  if (tResp - arrival > w.config.server.messageTtlS) w.metrics.expiredMessage(arrival);
  else w.metrics.deliveredMessage(arrival, tResp, w.appNameOf[a]);
  w.pool.free(m);
  w.smsInFlight--;
  if (arrival >= w.config.warmupS) w.smsInFlightMeasured--;
  w.nat.release(c);
  w.sim.releaseSlot(slot);
  if (w.trace) w.note(p, t, 'sms-fetch', { app: a, latency: tResp - arrival });
}
