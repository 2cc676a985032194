import { workerTeardowns } from '../experiment/teardowns.js';
import { removeBuildingDirsSync } from '../report/atomicFs.js';
import type { CliIo } from './io.js';

/**
 * Ctrl-C (SIGINT) or SIGTERM during a run: the first asks the run to stop (the experiment
 * sees the abort signal and no report is written; finished units stay checkpointed); a
 * second quits at once, after removing any report this process was half-way building.
 */
export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/**
 * Quit at once with 130: remove half-built reports, then exit as soon as no worker thread is
 * being torn down (exiting in the middle of a teardown can end the process by a signal).
 */
function quitNow(): void {
  removeBuildingDirsSync();
  if (workerTeardowns.size === 0) process.exit(130);
  void Promise.allSettled([...workerTeardowns]).then(() => process.exit(130));
}

export function watchInterrupt(io: CliIo): Interrupt {
  const controller = new AbortController();
  const onSignal = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) {
      quitNow();
      return;
    }
    const key = name === 'SIGINT' ? 'Ctrl-C' : name;
    io.err(`\nhbsim: interrupted (${name}); stopping (${key} again quits at once)\n`);
    controller.abort(new Error('interrupted'));
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
      // After a first signal the process is on its way out (workers ending, the message
      // being printed): a second one still means "quit at once", not death by signal.
      if (controller.signal.aborted) {
        for (const s of SIGNALS) process.once(s, quitNow);
      }
    },
  };
}
