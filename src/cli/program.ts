import { Command } from 'commander';
import { registerCalibrate } from './commands/calibrate.js';
import { registerCompare } from './commands/compare.js';
import { registerInit } from './commands/init.js';
import { registerList } from './commands/list.js';
import { registerMerge } from './commands/merge.js';
import { registerProbe } from './commands/probe.js';
import { registerProbeServer } from './commands/probeServer.js';
import { registerReplay } from './commands/replay.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSchema } from './commands/schema.js';
import { registerTrace } from './commands/trace.js';
import { registerTune } from './commands/tune.js';
import { registerValidate } from './commands/validate.js';
import { EXIT, reportError } from './errors.js';
import { type CliIo, processIo } from './io.js';
import { hbsimVersion } from '../version.js';

const EXAMPLES = `
Examples:
  hbsim run                                  run the built-in default scenario
  hbsim init my.yaml && hbsim run my.yaml    start a scenario of your own
  hbsim run scenarios/five-min-nat.yaml --replications 10 --out /tmp/fivemin
  hbsim run my.yaml --set groups.0.count=1000 --duration 6h --json --quiet
  hbsim validate scenarios/*.yaml
  hbsim list strategies
  hbsim trace my.yaml --phone 0 --until 2h
  hbsim run knee.yaml --sweep strategies.0.params.intervalS="1m..30m x 8"
  hbsim compare reports/a reports/b --out reports/a-vs-b
  hbsim calibrate docs/data/haverinen-2007-3g.txt --radio umts3g

Exit status: 0 ok, 1 run failed, 2 bad input (scenario file or flags), 130 interrupted.
Documentation: docs/scenario.md (file format), docs/model.md, docs/strategies.md.`;

/** The command tree, writing through `io`; `setExit` lets a command finish with a code. */
export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('hbsim');
  // Set before adding commands: subcommands inherit these settings when created.
  program
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      outputError: (s, write) => write(`hbsim: ${s.replace(/^error: /, '')}`),
    })
    .showHelpAfterError('(run "hbsim --help" for usage)')
    .description(
      'Simulate phones keeping push connections through carrier NATs, and compare heartbeat ' +
        'policies on reconnects, signaling, battery and push delay (with confidence intervals).',
    )
    .version(hbsimVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .addHelpText('after', EXAMPLES);
  registerRun(program, io);
  registerTune(program, io);
  registerValidate(program, io, setExit);
  registerList(program, io);
  registerInit(program, io);
  registerTrace(program, io);
  registerSchema(program, io);
  registerCompare(program, io);
  registerReport(program, io);
  registerMerge(program, io);
  registerCalibrate(program, io);
  registerProbe(program, io, setExit);
  registerProbeServer(program, io);
  registerReplay(program, io);
  return program;
}

/** Runs the CLI on `argv` (process.argv layout) and returns the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv]);
  } catch (e) {
    return reportError(e, io);
  }
  return code;
}
