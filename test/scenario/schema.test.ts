import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/scenario/jsonSchema.js';

describe('JSON Schema', () => {
  const schema = scenarioJsonSchema() as {
    properties: Record<string, unknown>;
    additionalProperties: unknown;
    type: string;
  };

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it('describes every top-level field and forbids others', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    for (const key of [
      'name',
      'description',
      'seed',
      'duration',
      'warmup',
      'replications',
      'baseline',
      'startSpread',
      'handshakeRtts',
      'carriers',
      'groups',
      'server',
      'strategies',
      'events',
      'sweep',
      'output',
    ]) {
      expect(schema.properties, key).toHaveProperty(key);
    }
  });

  it('publishes the duration pattern', () => {
    const text = JSON.stringify(schema.properties.duration);
    expect(text).toContain('pattern');
    expect(text).toContain('number');
  });
});
