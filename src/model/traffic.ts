import { piggyback, transfer, dozeScreenOn } from './client.js';
import { queueForPoll, sendWakeupSms } from './architectures.js';
import { deliverPush } from './server.js';
import { P_LAST_USER, phoneF } from './records.js';
import type { World } from './world.js';

/**
 * Exogenous traffic: push messages per app (Poisson, optional 24-hour profile by thinning)
 * and the user's own data use. Both draw only from their own streams, so every strategy
 * sees the same arrivals (common random numbers).
 */

/** Time to the next candidate arrival of app a (rate × the profile's peak factor). */
export function nextPushCandidate(w: World, a: number): number {
  const spec = w.appSpec[w.appSpecOf[a]];
  return -Math.log(w.rngPush.uniform(a)) / (spec.ratePerS * spec.maxFactor);
}

/** PUSH: a candidate arrival for app a; thinning keeps it with profile[hour] / peak. */
export function onPushArrival(w: World, a: number): void {
  const t = w.sim.now;
  const spec = w.appSpec[w.appSpecOf[a]];
  const u = w.rngPush.uniform(a);
  w.sim.at(w.appPushSlot + a, t + nextPushCandidate(w, a));
  if (spec.profile !== null && u * spec.maxFactor > spec.profile[Math.floor(t / 3600) % 24]) return;
  injectPush(w, a, t);
}

/** A push message for app a arrives at the server at t and goes the architecture's way. */
export function injectPush(w: World, a: number, t: number): void {
  if (w.trace) w.note(w.appPhone[a], t, 'push-arrived', { app: a });
  const m = w.pool.alloc(t, a);
  w.metrics.arrived(t, w.appNameOf[a]);
  const g = w.groupOf(w.appPhone[a]);
  if (g.architecture === 'polling') queueForPoll(w, a, m);
  else if (g.architecture === 'sms-wakeup') sendWakeupSms(w, a, m, t);
  else deliverPush(w, w.appConn[a], m, t);
}

/** Time to phone p's next candidate user session (rate × its profile's peak factor). */
export function nextBackgroundCandidate(w: World, p: number): number {
  const bg = w.groupOf(p).background!;
  const peak = w.backgroundProfiles[w.groupIdx(p)]?.max ?? 1;
  return (-Math.log(w.rngBackground.uniform(p)) * 3600) / (bg.ratePerHour * peak);
}

/** BACKGROUND: the user uses the phone; the radio wakes, the push connection is untouched. */
export function onBackground(w: World, p: number): void {
  const t = w.sim.now;
  const g = w.groupOf(p);
  const bg = g.background!;
  const profile = w.backgroundProfiles[w.groupIdx(p)];
  if (profile !== null) {
    // An hourly profile (screen-on sessions by time of day): thinning, as push arrivals.
    const u = w.rngBackground.uniform(p);
    w.sim.at(w.phoneBackgroundSlot + p, t + nextBackgroundCandidate(w, p));
    if (u * profile.max > profile.factor[Math.floor(t / 3600) % 24]) return;
  }
  const dur = w.backgroundDurations[w.groupIdx(p)]!.sample(w.rngBackground.source(p));
  if (profile === null) {
    w.sim.at(
      w.phoneBackgroundSlot + p,
      t - (Math.log(w.rngBackground.uniform(p)) * 3600) / bg.ratePerHour,
    );
  }
  transfer(w, p, t, dur);
  // Screen on: Doze ends and the heartbeats it held fire (client.ts dozeScreenOn).
  dozeScreenOn(w, p, t);
  w.pf[phoneF(p) + P_LAST_USER] = t + dur;
  if (w.piggyback) piggyback(w, p, t);
  if (w.trace) w.note(p, t, 'user-traffic', { durationS: dur });
}
