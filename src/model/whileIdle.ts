import type { WhileIdleConfig } from './config.js';

/**
 * While-idle alarms under Android Doze (docs/model.md §5.8). An alarm set with
 * `setExactAndAllowWhileIdle` / `setAndAllowWhileIdle` may fire inside a Doze idle period,
 * but AlarmManagerService rations them per app: at most `quota` such alarms in any `window`
 * (AlarmManagerService.Constants ALLOW_WHILE_IDLE_QUOTA / ALLOW_WHILE_IDLE_WINDOW for exact
 * ones, ALLOW_WHILE_IDLE_COMPAT_QUOTA / _COMPAT_WINDOW for inexact ones and apps that target
 * an Android before 12). When the quota is spent, the next one waits until the oldest of the
 * last `quota` firings is `window` old (the service keeps each app's firing history and
 * reads its quota-th last entry), or for the next maintenance window, whichever is first.
 */

/** AOSP defaults (sources: aosp-alarmmanager). */
export const WHILE_IDLE_EXACT: WhileIdleConfig = { quota: 72, windowS: 3600 };
export const WHILE_IDLE_COMPAT: WhileIdleConfig = { quota: 7, windowS: 3600 };
/** Android 6–11 (and the first Android 12 releases): one inexact while-idle alarm per 9 min. */
export const WHILE_IDLE_LEGACY: WhileIdleConfig = { quota: 1, windowS: 9 * 60 };

export const WHILE_IDLE_PRESETS: Record<string, WhileIdleConfig> = {
  exact: WHILE_IDLE_EXACT,
  compat: WHILE_IDLE_COMPAT,
  legacy: WHILE_IDLE_LEGACY,
};

/**
 * Per connection (one app's alarm), the times of its last while-idle firings inside idle
 * periods, in a ring of `capacity` ≥ every group's quota.
 */
export class WhileIdleHistory {
  private readonly times: Float64Array;
  private readonly written: Int32Array;

  constructor(
    connections: number,
    private readonly capacity: number,
  ) {
    this.times = new Float64Array(connections * capacity);
    this.written = new Int32Array(connections);
  }

  /** Earliest time ≥ t at which connection c's quota allows one more while-idle alarm. */
  earliest(c: number, t: number, q: WhileIdleConfig): number {
    const n = this.written[c];
    if (n < q.quota) return t;
    const quotaThLast = this.times[c * this.capacity + ((n - q.quota) % this.capacity)];
    return Math.max(t, quotaThLast + q.windowS);
  }

  /** Connection c's alarm fired at t inside an idle period, on its quota. */
  record(c: number, t: number): void {
    const n = this.written[c];
    this.times[c * this.capacity + (n % this.capacity)] = t;
    this.written[c] = n + 1;
  }
}
