import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareReports } from '../../src/report/compare.js';
import { pairedAcrossInputs, scenarioChanges } from '../../src/report/compareDiff.js';
import { groupRuns } from '../../src/report/runs.js';
import { writeReport } from '../../src/report/writeReport.js';
import { makeExperiment } from './fixture.js';

const roots: string[] = [];
afterAll(async () => {
  for (const r of roots) await rm(r, { recursive: true, force: true });
});

describe('scenario diff', () => {
  it('lists every changed leaf with its path, old and new value', () => {
    const a = { carriers: [{ name: 'lte-5min', nat: { idleTimeoutS: 300 } }], seed: 1 };
    const b = { carriers: [{ name: 'lte-30min', nat: { idleTimeoutS: 1800 } }], seed: 1, x: [] };
    expect(scenarioChanges(a, b)).toEqual([
      { path: 'carriers[0].name', from: '"lte-5min"', to: '"lte-30min"' },
      { path: 'carriers[0].nat.idleTimeoutS', from: '300', to: '1800' },
      { path: 'x', from: '(absent)', to: '[]' },
    ]);
    expect(scenarioChanges(a, a)).toEqual([]);
  });
});

describe('paired differences across inputs', () => {
  const a = makeExperiment({ strategies: 2, replications: 3, seed: 5, name: 'a' });
  const b = makeExperiment({ strategies: 2, replications: 3, seed: 5, name: 'b' });

  it('pair replication k with replication k when the seeds match', () => {
    const t = pairedAcrossInputs('A', 'B', a, b)!;
    expect(t.title).toBe('Paired differences: B − A');
    const name = [...groupRuns(a).keys()][0];
    // The mean of the per-replication differences of the first headline metric.
    const m = 'reconnectsPerPhoneDay';
    const ra = groupRuns(a).get(name)!;
    const rb = groupRuns(b).get(name)!;
    const diffs = rb.map((r, k) => r.metrics[m] - ra[k].metrics[m]);
    const mean = diffs.reduce((x, y) => x + y, 0) / diffs.length;
    expect(t.rows[0][0]).toBe(name);
    if (mean === 0) expect(t.rows[0][1]).toMatch(/^0/);
    else expect(t.rows[0][1]).toContain(String(Math.abs(mean)).slice(0, 3));
  });

  it('give nothing when the seeds differ', () => {
    const c = makeExperiment({ strategies: 2, replications: 3, seed: 6 });
    expect(pairedAcrossInputs('A', 'C', a, c)).toBeNull();
  });

  it('appear in the comparison report with the labels given', async () => {
    const root = await mkdtemp(join(tmpdir(), 'hbsim-cmp-'));
    roots.push(root);
    await writeReport(join(root, 'a'), a, { charts: false });
    await writeReport(join(root, 'b'), b, { charts: false });
    await compareReports([join(root, 'a'), join(root, 'b')], join(root, 'cmp'), {
      charts: false,
      labels: ['first', 'second'],
    });
    const md = await readFile(join(root, 'cmp', 'summary.md'), 'utf8');
    expect(md).toContain('## How the inputs differ');
    expect(md).toContain('second runs the same scenario as first.');
    expect(md).toContain('## Paired differences: second − first');
    expect(md).toContain('## Input: first');
    await expect(
      compareReports([join(root, 'a'), join(root, 'b')], join(root, 'cmp2'), {
        charts: false,
        labels: ['only-one'],
      }),
    ).rejects.toThrow(/one label per input/);
  });
});
