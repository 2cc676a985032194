import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { resolveScenario } from '../../src/scenario/resolve.js';

/**
 * Property: whatever a user writes, the scenario layer answers with a Scenario or a
 * ScenarioError — never a TypeError, a RangeError, a hang or a stack trace.
 */
function onlyScenarioErrors(run: () => unknown): void {
  try {
    run();
  } catch (e) {
    if (!(e instanceof ScenarioError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const issue of e.issues) expect(typeof issue.file).toBe('string');
  }
}

const valid = readdirSync('scenarios')
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parseYaml(readFileSync(join('scenarios', f), 'utf8')) as unknown);

type Path = (string | number)[];

function paths(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths(v, [...prefix, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** Values that are almost right somewhere: the kind of thing a user types. */
const plausible = fc.oneof(
  fc.constantFrom(
    '5m',
    '0s',
    '-1',
    '1h30m',
    '3/h',
    '1/0s',
    'lte-5min',
    'mixed-world',
    'gcm',
    'smart',
    'fixed',
    './x.js',
    'uniform',
    '60s..30m x 4',
    '1..3 step 1',
    '1..1e9 step 0.001',
    'none',
    'full',
    'both',
    'drop',
    '',
    'constructor',
    '__proto__',
    'NaN',
    '.inf',
  ),
  fc.constantFrom(0, -1, 1, 1.5, 24, 1e308, -0, 2 ** 53),
  fc.constantFrom(
    null,
    true,
    false,
    [],
    {},
    [1, 2],
    { dist: 'uniform', min: 1, max: 2 },
    { preset: 'lte' },
  ),
  fc.jsonValue({ maxDepth: 2 }),
);

type Mutation = { kind: 'set' | 'delete' | 'addKey'; pick: number; value: unknown; key: string };

function mutate(doc: unknown, m: Mutation): unknown {
  const copy = structuredClone(doc);
  const all = paths(copy).filter((p) => p.length > 0);
  const path = all[m.pick % all.length];
  type Container = Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce((o, k) => o[k] as Container, copy as Container);
  const last = path[path.length - 1];
  if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (m.kind === 'addKey' && !Array.isArray(parent)) {
    parent[m.key] = m.value;
  } else {
    parent[last] = m.value;
  }
  return copy;
}

const mutation = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('set', 'set', 'delete', 'addKey'),
  pick: fc.nat(),
  value: plausible,
  key: fc.oneof(
    fc.constantFrom('nam', 'count', 'idelTimeout', 'x', 'dist'),
    fc.string({ maxLength: 8 }),
  ),
});

describe('fuzz: the scenario layer only ever throws ScenarioError', () => {
  it('random text as YAML and JSON', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.boolean(), (text, json) => {
        onlyScenarioErrors(() => loadScenarioText(text, json ? 'f.json' : 'f.yaml'));
      }),
      { numRuns: 400 },
    );
  });

  it('random JSON documents', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (doc) => {
        onlyScenarioErrors(() => resolveScenario(doc, 'f.yaml'));
        onlyScenarioErrors(() => loadScenarioText(JSON.stringify(doc), 'f.json'));
      }),
      { numRuns: 300 },
    );
  });

  it('random mutations of the shipped scenarios (one to three at a time)', () => {
    fc.assert(
      fc.property(
        fc.nat(valid.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (which, ms) => {
          const doc = ms.reduce((d, m) => mutate(d, m), valid[which]);
          onlyScenarioErrors(() => resolveScenario(doc, 'scenarios/x.yaml'));
          onlyScenarioErrors(() => loadScenarioText(toYaml(doc), 'scenarios/x.yaml'));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('random --set arguments', () => {
    const minimal = 'carriers: [lte-5min]\ngroups: [{ count: 1 }]\nstrategies: [gcm]\n';
    const pathLike = fc.oneof(
      fc.constantFrom(
        'duration',
        'groups.0.count',
        'carriers.0.nat.idleTimeout',
        'strategies.gcm.params.intervalS',
        'groups[0].apps.0',
        'server.keepalive',
        'sweep.grid.duration',
        'a..b',
        '0',
        'groups.9',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(
        pathLike,
        fc.oneof(
          fc.string({ maxLength: 12 }),
          plausible.map((v) => JSON.stringify(v) ?? ''),
        ),
        (p, v) => {
          onlyScenarioErrors(() => loadScenarioText(minimal, 'm.yaml', { sets: [`${p}=${v}`] }));
        },
      ),
      { numRuns: 300 },
    );
  });
});
