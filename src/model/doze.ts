import type { DozeConfig } from './config.js';

/**
 * Android deep Doze (docs/model.md §5.8). After the screen goes off and the phone lies
 * still, DeviceIdleController steps ACTIVE → INACTIVE → IDLE_PENDING → SENSING → LOCATING
 * → IDLE; then it alternates IDLE periods (no alarms, no network for apps) with
 * maintenance windows (IDLE_MAINTENANCE) in which deferred alarms run. Idle periods grow by
 * IDLE_FACTOR from IDLE_TIMEOUT up to MAX_IDLE_TIMEOUT; windows by IDLE_PENDING_FACTOR from
 * IDLE_PENDING_TIMEOUT up to MAX_IDLE_PENDING_TIMEOUT. Screen on (user activity) ends it.
 *
 * The schedule is a pure function of the screen-off time s₀, so the model needs no event:
 * an alarm due at t fires at `dozeRelease(d, s₀, t)`.
 */

/** AOSP defaults (DeviceIdleController.Constants DEFAULT_*), seconds. */
export const AOSP_DOZE: DozeConfig = {
  // INACTIVE_TIMEOUT 30 min + IDLE_AFTER_INACTIVE_TIMEOUT 30 min + SENSING_TIMEOUT 4 min
  // + LOCATING_TIMEOUT 30 s: screen off to the first IDLE.
  toDeepIdleS: 30 * 60 + 30 * 60 + 4 * 60 + 30,
  idleS: 60 * 60, // IDLE_TIMEOUT
  idleFactor: 2, // IDLE_FACTOR
  maxIdleS: 6 * 60 * 60, // MAX_IDLE_TIMEOUT
  windowS: 5 * 60, // IDLE_PENDING_TIMEOUT
  windowFactor: 2, // IDLE_PENDING_FACTOR
  maxWindowS: 10 * 60, // MAX_IDLE_PENDING_TIMEOUT
};

/**
 * When an alarm due at t may fire on a phone whose screen went off at s₀: t itself if the
 * phone is not in a Doze idle period at t (screen recently on, still settling, or in a
 * maintenance window), else the start of the next maintenance window.
 */
export function dozeRelease(d: DozeConfig, screenOffAt: number, t: number): number {
  let x = t - screenOffAt - d.toDeepIdleS;
  if (x < 0) return t;
  let idle = d.idleS;
  let win = d.windowS;
  // Until both have reached their maxima the cycle changes; then it repeats.
  for (let k = 0; k < 64; k++) {
    if (idle >= d.maxIdleS && win >= d.maxWindowS) break;
    if (x < idle) return t + (idle - x);
    x -= idle;
    if (x < win) return t;
    x -= win;
    idle = Math.min(idle * d.idleFactor, d.maxIdleS);
    win = Math.min(win * d.windowFactor, d.maxWindowS);
  }
  const cycle = idle + win;
  x %= cycle;
  return x < idle ? t + (idle - x) : t;
}

/** Maintenance windows [start, end) that begin in [from, to), for a screen off at s₀ (tests, docs). */
export function maintenanceWindows(
  d: DozeConfig,
  screenOffAt: number,
  from: number,
  to: number,
): [number, number][] {
  const out: [number, number][] = [];
  let s = screenOffAt + d.toDeepIdleS;
  let idle = d.idleS;
  let win = d.windowS;
  while (s < to) {
    const start = s + idle;
    if (start >= from && start < to) out.push([start, start + win]);
    s = start + win;
    idle = Math.min(idle * d.idleFactor, d.maxIdleS);
    win = Math.min(win * d.windowFactor, d.maxWindowS);
  }
  return out;
}
