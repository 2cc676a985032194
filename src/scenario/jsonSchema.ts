import { z } from 'zod';
import { scenarioSchema } from './schema/scenario.js';

/**
 * The JSON Schema of the scenario file (what a user writes, before defaults), for editors
 * (`# yaml-language-server: $schema=…`) and for `hbsim schema`.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: 'hbsim scenario',
    description:
      'A scenario for hbsim, the mobile push-connection simulator (see docs/scenario.md).',
  };
}
