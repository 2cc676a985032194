import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_YAML } from '../../src/scenario/defaultScenario.js';
import {
  loadDefaultScenario,
  loadScenarioFile,
  loadScenarioText,
} from '../../src/scenario/load.js';
import { STARTER_SCENARIO_YAML } from '../../src/scenario/starter.js';

const DIR = 'scenarios';
const files = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f));

describe('shipped scenarios', () => {
  it('there are some', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('%s validates and says what it asks', async (f) => {
    const s = await loadScenarioFile(join(DIR, f));
    expect(s.name).toBe(f.replace(/\.ya?ml$/, ''));
    expect(s.description.length).toBeGreaterThan(80);
  });

  it('scenarios/default.yaml is the built-in default', () => {
    expect(readFileSync(join(DIR, 'default.yaml'), 'utf8')).toBe(DEFAULT_SCENARIO_YAML);
    const s = loadDefaultScenario();
    expect(s.name).toBe('default');
    expect(s.file).toBeUndefined();
    expect(s.strategies.map((x) => x.type)).toEqual([
      'whatsapp',
      'gcm',
      'mqtt-60s',
      'smart',
      'microg',
      'binary-search',
    ]);
    expect(s.phones).toBe(1500);
  });

  it('the init starter validates', () => {
    expect(loadScenarioText(STARTER_SCENARIO_YAML, 'scenario.yaml').name).toBe('my-scenario');
  });
});
