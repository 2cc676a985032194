import { describe, expect, it } from 'vitest';
import {
  CROWD_DEFAULTS,
  CROWD_TABLE_KEY,
  CrowdTable,
  createCrowd,
} from '../../src/strategies/crowd.js';
import type { StrategyEnv } from '../../src/strategies/types.js';
import { drive, freshEnv, makeContext } from './driver.js';

const crowd = (env: StrategyEnv, p: Record<string, unknown> = {}) =>
  createCrowd({ ...CROWD_DEFAULTS, ...p }, env);

describe('crowd (server-assisted, no shipped system)', () => {
  it('the first phone searches; a newcomer on the same network confirms the shared value without failing', () => {
    const env = freshEnv();
    const first = drive(crowd(env), { natTimeoutS: 600, maxBeats: 80 });
    expect(first.failures).toBeGreaterThan(2);
    const table = env.shared.get(CROWD_TABLE_KEY) as CrowdTable;
    const shared = table.quantileOf('carrier-a');
    expect(600 - shared).toBeLessThanOrEqual(CROWD_DEFAULTS.resolutionS);

    const second = drive(crowd(env), { natTimeoutS: 600, maxBeats: 30 });
    expect(second.failures).toBe(0);
    const r = shared - CROWD_DEFAULTS.safetyMarginS;
    expect(second.beats.every((b) => b.interval === r)).toBe(true);
  });

  it('a newcomer whose mapping does not survive the shared value reports it and searches below it', () => {
    const env = freshEnv();
    drive(crowd(env), { natTimeoutS: 1200, maxBeats: 80 });
    const table = env.shared.get(CROWD_TABLE_KEY) as CrowdTable;
    const r = table.quantileOf('carrier-a') - CROWD_DEFAULTS.safetyMarginS;
    const s = crowd(env);
    const t = drive(s, { natTimeoutS: 400, maxBeats: 80 });
    expect(t.beats[0].interval).toBe(r);
    expect(t.beats[0].ok).toBe(false);
    expect(t.beats[1].interval).toBe((60 + r) / 2); // bisects between the floor and r
    expect(table.failures('carrier-a')).toBe(1);
    const last = t.beats.at(-1)!;
    expect(last.ok).toBe(true);
    expect(400 - last.interval).toBeLessThanOrEqual(30);
    // Its own converged value joined the table: two reports now.
    expect(table.quantileOf('carrier-a')).toBeLessThan(400);
  });

  it('the table keeps a window of reports and recommends their lower quartile', () => {
    const t = new CrowdTable(4, 0.25, 1);
    expect(Number.isNaN(t.quantileOf('x'))).toBe(true);
    for (const v of [500, 100, 300, 200]) t.reportLearned('x', v);
    expect(t.quantileOf('x')).toBe(100); // sorted 100 200 300 500: index floor(0.25·3) = 0
    t.reportLearned('x', 400); // replaces the oldest (500)
    t.reportLearned('x', 450); // replaces 100
    expect(t.quantileOf('x')).toBe(200); // 200 300 400 450
    expect(Number.isNaN(new CrowdTable(4, 0.5, 3).quantileOf('x'))).toBe(true);
  });

  it('tables are per run: a fresh env starts empty; networks are independent', () => {
    const env = freshEnv();
    drive(crowd(env), { natTimeoutS: 600, maxBeats: 80 });
    const other = freshEnv();
    const t = drive(crowd(other), { natTimeoutS: 600, maxBeats: 3 });
    expect(t.beats[0].interval).toBe((60 + 3600) / 2);
    const s = crowd(env);
    const ctx = makeContext({ networkKey: 'unknown-wifi', networkKind: 'wifi' });
    s.onConnected(ctx);
    expect(s.nextInterval(ctx)).toBe((60 + 3600) / 2);
  });
});
