import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';
import { Evaluator, type EvaluatorOptions } from '../../src/tune/evaluate.js';
import type { TuneResult } from '../../src/tune/result.js';
import { tuneScenario } from '../../src/tune/search.js';

/** The analytic world (bench/analyticTune.ts): also the world of `npm run bench:tune`. */
export { analyticYaml, PROMOTION, RTT, TAU } from '../../bench/analyticTune.js';

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
