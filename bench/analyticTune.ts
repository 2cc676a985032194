/**
 * The analytic tune world (docs/tune.md, "What to expect"): one LTE carrier with a constant
 * NAT timeout τ, constant RTT r and promotion delay d, exact expiry; minimise energy subject
 * to ≤ 0.1 reconnects per phone-day over a fixed interval in [60 s, 30 min] on a log scale.
 * The optimum is I* = τ − d. Shared by `npm run bench:tune` and the tune tests.
 */
export const TAU = 600;
export const RTT = 0.1;
export const PROMOTION = 0.26;

/** The world as scenario text; `extra` is appended inside the tune: block. */
export function analyticYaml(extra = '', phones = 40, name = 'tune-analytic'): string {
  return `name: ${name}
seed: 7
duration: 12h
analysis: terminating
startSpread: 10m
carriers:
  - name: lte
    radio: { preset: lte, promotionDelayS: ${PROMOTION} }
    nat: { idleTimeout: ${TAU}, expiryTick: 0 }
    rtt: ${RTT * 1000}ms
groups:
  - { name: phones, count: ${phones}, carrier: lte }
strategies:
  - { name: fixed, type: fixed, params: { intervalS: 300 } }
tune:
  params:
    strategies.0.params.intervalS: { min: 60, max: 1800, scale: log }
  objective: { minimize: energyJPerPhoneDay }
  constraints:
    - { metric: reconnectsPerPhoneDay, max: 0.1 }
  replications: { min: 2, max: 4 }
${extra}`;
}
