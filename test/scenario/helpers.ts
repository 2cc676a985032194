import { ScenarioError, type ScenarioIssue } from '../../src/scenario/errors.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/scenario.js';

/** A valid four-line scenario; tests add or change one thing. */
export const MINIMAL = `carriers: [lte-5min]
groups: [{ count: 10 }]
strategies: [gcm]
`;

export function load(text: string, file = 'test.yaml', sets: string[] = []): Scenario {
  return loadScenarioText(text, file, { sets });
}

/** The issues of a text that must not load. */
export function issuesOf(text: string, file = 'test.yaml', sets: string[] = []): ScenarioIssue[] {
  try {
    load(text, file, sets);
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}

export function messageOf(text: string, file = 'test.yaml', sets: string[] = []): string {
  try {
    load(text, file, sets);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError, but the scenario loaded');
}
