import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { Evaluator, type EvaluatorOptions } from '../../src/tune/evaluate.js';
import type { TuneResult } from '../../src/tune/result.js';
import { tuneScenario } from '../../src/tune/search.js';

/** The analytic world: one LTE carrier, NAT timeout τ, RTT r and promotion delay d constant, exact expiry. */
export const TAU = 600;
export const RTT = 0.1;
export const PROMOTION = 0.26;

export function analyticYaml(extra = ''): string {
  return `name: tune-analytic
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
  - { name: phones, count: 40, carrier: lte }
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

export function load(text: string, file = 'tune-test.yaml'): Scenario {
  return loadScenarioText(text, file);
}

export async function tune(
  sc: Scenario,
  opts: Partial<EvaluatorOptions> = {},
): Promise<{ result: TuneResult; evaluator: Evaluator }> {
  const evaluator = new Evaluator({ jobs: 0, ...opts });
  const result = await tuneScenario(sc, { evaluator });
  return { result, evaluator };
}
