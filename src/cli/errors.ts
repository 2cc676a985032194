import { CommanderError } from 'commander';
import { ScenarioError } from '../scenario/errors.js';
import type { CliIo } from './io.js';

/**
 * Exit codes, as documented in `hbsim --help`: a script can tell a bad scenario (fix the
 * input) from a failed run (report a bug) from an interrupt.
 */
export const EXIT = { ok: 0, runFailure: 1, badInput: 2, interrupted: 130 } as const;

/** A wrong flag value or argument the CLI itself detected (exit 2, no stack trace). */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The user pressed Ctrl-C; nothing was written. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
}

/** Errors a user can fix by changing their input, whatever layer threw them. */
const INPUT_ERRORS = new Set([
  'ScenarioError',
  'UsageError',
  'StrategyParamError',
  'StrategyPluginError',
  'MergeError',
  'OutputPathError',
  'StoredStateError',
  'PartitionError',
  'TuneBudgetError',
  'TuneShardError',
]);

/** Prints an error the way a Unix tool does and returns the exit code. */
export function reportError(e: unknown, io: CliIo): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message (and help, when asked for help).
    return e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  if (e instanceof InterruptedError) {
    io.err('hbsim: interrupted; no report written\n');
    return EXIT.interrupted;
  }
  if (e instanceof ScenarioError) {
    io.err(`${e.message}\n`);
    return EXIT.badInput;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  if (INPUT_ERRORS.has(err.name)) {
    io.err(`hbsim: ${err.message}\n`);
    return EXIT.badInput;
  }
  io.err(`hbsim: run failed: ${err.message}\n`);
  // A plugin that exited or hung is the plugin's fault: hbsim's stack would not help.
  if (err.name === 'PluginCrashError') return EXIT.runFailure;
  if (process.env.HBSIM_DEBUG) io.err(`${err.stack ?? ''}\n`);
  else io.err('hbsim: set HBSIM_DEBUG=1 to see the stack trace\n');
  return EXIT.runFailure;
}
