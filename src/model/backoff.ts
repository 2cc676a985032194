import type { BackoffConfig } from './config.js';

/**
 * Delay before reconnect attempt number `attempt` (0 = right after a loss of a connection
 * that had lived long enough: at once). `u` is a uniform draw from the connection's own
 * backoff stream, used only by the jitter rules.
 *
 * exponential: d = min(cap, initial × multiplier^(attempt−1)); table: d = delays[min(attempt, n−1)].
 * Jitter (AWS "full jitter" naming): full U(0, d); equal d/2 + U(0, d/2); shorten d·(1 − f·U)
 * (Chromium's GCM client: up to 50% shorter); none d.
 */
export function backoffDelay(b: BackoffConfig, attempt: number, u: number): number {
  let d: number;
  if (b.kind === 'table') {
    if (b.delaysS.length === 0) return 0;
    d = b.delaysS[Math.min(attempt, b.delaysS.length - 1)];
  } else {
    if (attempt <= 0) return 0;
    d = Math.min(b.capS, b.initialS * b.multiplier ** (attempt - 1));
  }
  switch (b.jitter) {
    case 'full':
      return d * u;
    case 'equal':
      return d / 2 + (d / 2) * u;
    case 'shorten':
      return d * (1 - b.shortenBy * u);
    default:
      return d;
  }
}
