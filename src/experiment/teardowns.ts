/**
 * Worker teardowns in flight (a pool that failed or was stopped). A process must not exit
 * while one runs: it can then die by a signal instead of exiting with its code. The CLI's
 * "second Ctrl-C quits at once" waits for these (milliseconds) before it exits. A module of
 * its own so that the CLI can read it without loading the engine.
 */
export const workerTeardowns = new Set<Promise<unknown>>();
