/**
 * hbsim tune against a full grid on the analytic case (docs/tune.md): one LTE carrier with a
 * constant NAT timeout τ = 600 s, constant RTT and promotion delay d = 0.26 s, exact expiry;
 * minimise energy subject to ≤ 0.1 reconnects per phone-day over a fixed interval in
 * [60 s, 30 min] on a log scale. The optimum is I* = τ − d (test/tune/analytic.test.ts).
 *
 * Prints the simulated phone-days the search spent until its incumbent first lay within 2%
 * below I*, its total, and the cost of a grid at the search's resolution (1/256 of the log
 * range: 257 points, each with the race's minimum replications, so that the grid too has an
 * interval on every point): that cost is arithmetic (points × replications × phones × days),
 * the grid is not run. Run after `npm run build`: node dist/bench/tune.bench.js
 */
import { loadScenarioText } from '../src/scenario/load.js';
import { runPhoneDays } from '../src/tune/candidate.js';
import { Evaluator } from '../src/tune/evaluate.js';
import { tuneScenario } from '../src/tune/search.js';
import { analyticYaml, PROMOTION, TAU } from './analyticTune.js';

const TEXT = analyticYaml('', 200, 'bench-tune');

const sc = loadScenarioText(TEXT, 'bench-tune.yaml');
const spec = sc.tune!;
const iStar = TAU - PROMOTION;
let reachedAt: number | undefined;
const t0 = performance.now();
const result = await tuneScenario(sc, {
  evaluator: new Evaluator({ jobs: 1 }),
  onProgress: (p) => {
    const i = p.best?.values[0] as number | undefined;
    if (reachedAt === undefined && i !== undefined && i < iStar && i >= 0.98 * iStar) {
      reachedAt = p.phoneDays;
    }
  },
});
const wallS = (performance.now() - t0) / 1000;
const tuned = result.scopes[0].best?.values['strategies.0.params.intervalS'] as number;
const perRun = runPhoneDays(sc);
const gridPoints = Math.round(1 / spec.resolution) + 1;
const grid = gridPoints * spec.minReplications * perRun;
console.log(
  `analytic optimum I* = ${iStar} s; tuned ${tuned} s (${((100 * (iStar - tuned)) / iStar).toFixed(2)}% below)`,
);
console.log(
  `tune: within 2% after ${reachedAt?.toFixed(0) ?? 'never'} phone-days; ${result.phoneDays.toFixed(0)} phone-days in all (${wallS.toFixed(1)} s wall, jobs 1)`,
);
console.log(
  `grid: ${gridPoints} points × ${spec.minReplications} replications × ${perRun} phone-days = ${grid.toFixed(0)} phone-days`,
);
if (reachedAt !== undefined) {
  console.log(`ratio tune/grid to reach the optimum within 2%: ${(reachedAt / grid).toFixed(3)}`);
}
console.log(`ratio tune (whole search)/grid: ${(result.phoneDays / grid).toFixed(3)}`);
