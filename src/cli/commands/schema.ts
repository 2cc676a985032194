import type { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/jsonSchema.js';
import type { CliIo } from '../io.js';

export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editors and validators)')
    .addHelpText(
      'after',
      `
Example:
  hbsim schema > scenario.schema.json
  # then, first line of a YAML scenario:
  # yaml-language-server: $schema=./scenario.schema.json`,
    )
    .action(() => {
      io.out(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
    });
}
