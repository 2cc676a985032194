import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { STARTER_SCENARIO_YAML } from '../../scenario/starter.js';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';

const DEFAULT_FILE = 'scenario.yaml';

export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a commented starter scenario (default ./scenario.yaml; "-" for stdout)')
    .argument('[file]', 'where to write it', DEFAULT_FILE)
    .option('-f, --force', 'overwrite an existing file')
    .addHelpText(
      'after',
      `
Examples:
  hbsim init                   # writes ./scenario.yaml
  hbsim init nat-study.yaml
  hbsim init - | less`,
    )
    .action(async (file: string, opts: { force?: boolean }) => {
      if (file === '-') {
        io.out(STARTER_SCENARIO_YAML);
        return;
      }
      try {
        // 'wx' fails if the file exists, without a race between a check and the write.
        await writeFile(file, STARTER_SCENARIO_YAML, { flag: opts.force ? 'w' : 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST')
          throw new UsageError(`${file} already exists; use --force to overwrite it`);
        throw new UsageError(`cannot write ${file}: ${(e as Error).message}`);
      }
      io.out(`wrote ${file}\nnext: hbsim validate ${file} && hbsim run ${file}\n`);
    });
}
