import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getStrategy } from '../../src/strategies/registry.js';
import { convertParamDurations } from '../../src/scenario/strategies.js';
import { issuesOf, load } from './helpers.js';

const head = 'carriers: [lte-5min]\ngroups: [{ count: 1 }]\n';

describe('strategy entries', () => {
  it('registry defaults, user params, reconnect overrides', () => {
    const s = load(`${head}strategies:
  - { name: slow, type: gcm, params: { intervalS: 40m }, reconnect: { jitter: full, capS: 10m }, resetOnTraffic: true }
`);
    const gcm = getStrategy('gcm')!;
    expect(s.strategies[0]).toEqual({
      name: 'slow',
      type: 'gcm',
      params: { ...gcm.defaults, intervalS: 2400 },
      reconnect: { ...gcm.reconnect, jitter: 'full', capS: 600 },
      resetOnTraffic: true,
      timing: 'answer',
    });
  });

  it('converts duration strings only under keys ending in S', () => {
    expect(
      convertParamDurations({ intervalS: '5m', delaysS: ['1s', 2], label: '5m', n: 3 }),
    ).toEqual({
      intervalS: 300,
      delaysS: [1, 2],
      label: '5m',
      n: 3,
    });
  });

  it('module paths are resolved next to the scenario file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hbsim-scn-'));
    writeFileSync(join(dir, 'mine.ts'), 'export function createStrategy() { return {}; }\n');
    const s = load(
      `${head}strategies: [{ type: ./mine.ts, params: { x: 1 } }]\n`,
      join(dir, 's.yaml'),
    );
    expect(s.strategies[0]).toMatchObject({
      name: 'mine',
      type: join(dir, 'mine.ts'),
      params: { x: 1 },
      resetOnTraffic: true,
    });
    const [issue] = issuesOf(`${head}strategies: [./missing.js]\n`, join(dir, 's.yaml'));
    expect(issue.message).toContain(join(dir, 'missing.js'));
    rmSync(dir, { recursive: true, force: true });
  });

  it('reconnect rules are checked', () => {
    const paths = issuesOf(`${head}strategies:
  - { type: fixed, reconnect: { initialS: 10m, capS: 1m } }
  - { name: t, type: fixed, reconnect: { kind: table } }
`).map((i) => i.path);
    expect(paths).toEqual(['strategies[0].reconnect.capS', 'strategies[1].reconnect.delaysS']);
  });
});
