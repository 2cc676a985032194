import type { CliIo } from './io.js';

/**
 * Ctrl-C during a run: the first press asks the run to stop (the experiment sees the abort
 * signal and nothing is written); a second press quits at once.
 */
export interface Interrupt {
  signal: AbortSignal;
  dispose(): void;
}

export function watchInterrupt(io: CliIo): Interrupt {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    io.err('\nhbsim: interrupted; stopping (press Ctrl-C again to quit at once)\n');
    controller.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSigint);
    },
  };
}
