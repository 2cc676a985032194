import { describe, expect, it } from 'vitest';
import { analyticYaml, load, PROMOTION, TAU, tune } from './helpers.js';

/**
 * The analytic case (issue 14): one carrier with a constant NAT timeout τ, variability off
 * (RTT r and promotion delay d constant, NAT expiry exact), minimise energy subject to
 * reconnects ≤ 0.1 per phone-day, tuning a fixed interval I timed from the send.
 *
 * docs/model.md §3 (pinned by test/model/timing.test.ts): a beat timed from the send leaves
 * the NAT silent for I − r in steady state, I − r + d after a connect, and I + d after a push
 * (the push's ack is written with the radio up, the next beat I later, after a promotion).
 * Pushes arrive (1/h), so the binding gap is I + d, and the connection survives exactly when
 *
 *     I + d < τ,   i.e. the largest surviving interval is I* = τ − d.
 *
 * Above I* every beat after a push fails (≈ 24 reconnects per phone-day ≫ 0.1), below it
 * there are none; energy falls as I grows. So the tuned interval must lie in [0.98 I*, I*).
 */
describe('tune: the analytic case', () => {
  it('finds the largest fixed interval that survives τ, within 2% below it', async () => {
    const iStar = TAU - PROMOTION;
    const { result } = await tune(load(analyticYaml()));
    const best = result.scopes[0].best!;
    const tuned = best.values['strategies.0.params.intervalS'] as number;
    expect(tuned).toBeLessThan(iStar);
    expect(tuned).toBeGreaterThanOrEqual(0.98 * iStar);
    expect(best.feasible).toBe(true);
    expect(best.constraints[0].mean).toBe(0);
    // Every candidate above I* broke the constraint, every one below met it.
    for (const c of result.scopes[0].candidates) {
      const i = c.values['strategies.0.params.intervalS'] as number;
      if (i > iStar) expect(c.metrics.reconnectsPerPhoneDay.mean).toBeGreaterThan(1);
      else expect(c.metrics.reconnectsPerPhoneDay.mean).toBe(0);
    }
  });
});
