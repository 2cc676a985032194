import { describe, expect, it } from 'vitest';
import { groupedTradeoffChart } from '../../src/report/tradeoffCharts.js';

const e = (mean: number, half: number) => ({
  mean,
  ci95: [mean - half, mean + half] as [number, number],
});

describe('trade-off chart of tuning candidates', () => {
  it('draws CI crosses, the Pareto front and each constraint as a dashed line across the plot', () => {
    const spec = groupedTradeoffChart({
      id: 't',
      subtitle: 's',
      caption: 'c',
      xMetric: 'energyJPerPhoneDay',
      yMetric: 'reconnectsPerPhoneDay',
      limits: [{ axis: 'y', value: 1, label: 'constraint: reconnects ≤ 1' }],
      groups: [
        {
          label: 'dropped',
          points: [
            { name: 'a', x: e(900, 10), y: e(20, 2) },
            { name: 'b', x: e(3000, 5), y: e(0, 0) },
          ],
        },
        { label: 'tuned', points: [{ name: 'c', x: e(1800, 20), y: e(0.5, 0.25) }] },
      ],
    })!;
    const ds = spec.config.data.datasets as Record<string, unknown>[];
    const line = ds.find((d) => d.label === 'constraint: reconnects ≤ 1')!;
    // Horizontal at the bound, from the smallest to the largest x shown (CI ends included).
    expect(line.data).toEqual([
      { x: 890, y: 1 },
      { x: 3005, y: 1 },
    ]);
    expect(line.borderDash).toBeDefined();
    const tuned = ds.find((d) => d.label === 'tuned')!;
    expect(tuned.data).toEqual([
      { x: 1800, y: 0.5, xMin: 1780, xMax: 1820, yMin: 0.25, yMax: 0.75 },
    ]);
    // Pareto front: a (least energy) and c (fewer reconnects than a, less energy than b).
    const front = ds.find((d) => d.label === 'Pareto front')!;
    expect(front.data).toEqual([
      { x: 900, y: 20 },
      { x: 1800, y: 0.5 },
      { x: 3000, y: 0 },
    ]);
  });
});
