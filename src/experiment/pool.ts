import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { RunAborted } from '../model/run.js';
import type { Scenario } from '../scenario/scenario.js';
import { runUnit } from './runUnit.js';
import type { UnitOutput } from './partitions.js';
import { workerTeardowns } from './teardowns.js';
import type { Unit } from './units.js';

export interface PoolOptions {
  /** Worker threads (≥ 1). 0 runs in this thread (library use, tests): Ctrl-C then waits for the run. */
  jobs: number;
  signal?: AbortSignal;
  /** Called as each unit finishes (in completion order), e.g. to checkpoint it and draw progress. */
  onDone?: (unit: Unit, result: UnitOutput, wallS: number) => Promise<void> | void;
  /**
   * The scenarios run plugin code: units always run in workers (even with jobs 0), so that a
   * plugin calling process.exit or never returning ends the run with a clear error, and a
   * plugin call that has not returned after `pluginTimeoutS` seconds counts as hung.
   */
  plugins?: { timeoutS: number };
}

/** Thrown when a unit fails inside a worker: carries the worker's message. */
export class UnitError extends Error {
  override name = 'UnitError';
}

/** A plugin ended its worker (process.exit, a crash) or stopped answering. */
export class PluginCrashError extends Error {
  override name = 'PluginCrashError';
}

/**
 * The compiled worker. Running from the TypeScript sources (tests), the worker is taken from
 * dist/, which `npm ci` builds (prepare script).
 */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return fileURLToPath(new URL('./worker.js', import.meta.url));
  const built = fileURLToPath(new URL('../../dist/src/experiment/worker.js', import.meta.url));
  if (!existsSync(built)) throw new Error(`worker not built: ${built} (run npm run build)`);
  return built;
}

/** An error posted by a worker, rebuilt with its name (so input errors stay input errors). */
function fromWorker(key: string, e: { name: string; message: string }): Error {
  const err = new UnitError(`${key}: ${e.message}`);
  if (e.name !== 'Error') Object.defineProperty(err, 'name', { value: e.name });
  return err;
}

/** Runs units on `jobs` worker threads (or in this thread) and returns results by unit key. */
export async function runPool(
  scenarios: Scenario[],
  units: Unit[],
  opts: PoolOptions,
): Promise<Map<string, UnitOutput>> {
  const results = new Map<string, UnitOutput>();
  if (units.length === 0) return results;
  if (opts.jobs <= 0 && !opts.plugins) {
    for (const unit of units) {
      if (opts.signal?.aborted) throw new RunAborted('run stopped');
      const t0 = performance.now();
      const r = await runUnit(scenarios[unit.point], unit, {
        shouldStop: () => opts.signal?.aborted ?? false,
      });
      results.set(unit.key, r);
      await opts.onDone?.(unit, r, (performance.now() - t0) / 1000);
    }
    return results;
  }
  const file = workerFile();
  const jobs = Math.max(1, Math.min(opts.jobs, units.length));
  const queue = [...units];
  const workers: Worker[] = [];
  /** Workers we are ending ourselves: their exit is not a crash. */
  const ending = new Set<Worker>();
  const end = (w: Worker) => {
    ending.add(w);
    return w.terminate();
  };
  const strategyName = (u: Unit) => scenarios[u.point]?.strategies[u.strategy]?.name ?? '?';
  return new Promise((resolvePool, rejectPool) => {
    let failed = false;
    let running = 0;
    let watchdog: NodeJS.Timeout | undefined;
    // Workers are terminated, and their exit awaited, before the pool settles: a process
    // that exits while a worker thread is still being torn down can die by a signal.
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      if (watchdog) clearInterval(watchdog);
      const teardown = Promise.allSettled(workers.map(end));
      workerTeardowns.add(teardown);
      void teardown.then(() => {
        workerTeardowns.delete(teardown);
        rejectPool(err);
      });
    };
    opts.signal?.addEventListener('abort', () => fail(new RunAborted('run stopped')), {
      once: true,
    });
    if (opts.signal?.aborted) return fail(new RunAborted('run stopped'));
    const started = new Map<Worker, { unit: Unit; t0: number }>();
    const words = new Map<Worker, Int32Array>();
    const feed = (w: Worker) => {
      const unit = queue.shift();
      if (!unit) {
        started.delete(w);
        void end(w).then(() => {
          if (--running === 0 && !failed) {
            if (watchdog) clearInterval(watchdog);
            resolvePool(results);
          }
        });
        return;
      }
      started.set(w, { unit, t0: performance.now() });
      w.postMessage(unit);
    };
    for (let i = 0; i < jobs; i++) {
      const word = new Int32Array(new SharedArrayBuffer(4));
      const w = new Worker(file, { workerData: { scenarios, watch: word } });
      workers.push(w);
      words.set(w, word);
      running++;
      w.on(
        'message',
        async (msg: {
          key: string;
          result?: UnitOutput;
          error?: { name: string; message: string };
        }) => {
          const s = started.get(w)!;
          if (msg.error) return fail(fromWorker(s.unit.key, msg.error));
          results.set(msg.key, msg.result!);
          try {
            await opts.onDone?.(s.unit, msg.result!, (performance.now() - s.t0) / 1000);
          } catch (err) {
            return fail(err as Error);
          }
          if (!failed) feed(w);
        },
      );
      w.on('error', (err) => {
        const s = started.get(w);
        fail(s ? fromWorker(s.unit.key, err) : err);
      });
      w.on('exit', (code) => {
        if (ending.has(w)) return;
        const s = started.get(w);
        const what = s ? `${s.unit.key} (strategy "${strategyName(s.unit)}")` : 'a worker';
        fail(
          new PluginCrashError(
            `${what} ended with exit code ${code} before finishing: ${opts.plugins ? 'a strategy module called process.exit() or crashed' : 'the worker crashed'}; no report was written`,
          ),
        );
      });
      feed(w);
    }
    if (opts.plugins) {
      const limitMs = opts.plugins.timeoutS * 1000;
      const seen = new Map<Worker, { value: number; since: number }>();
      watchdog = setInterval(
        () => {
          const now = performance.now();
          for (const [w, s] of started) {
            const value = Atomics.load(words.get(w)!, 0);
            const last = seen.get(w);
            if (value % 2 === 0 || !last || last.value !== value) {
              seen.set(w, { value, since: now });
              continue;
            }
            if (now - last.since >= limitMs) {
              fail(
                new PluginCrashError(
                  `${s.unit.key}: strategy "${strategyName(s.unit)}" did not return from a call into its module within ${opts.plugins!.timeoutS} s (--plugin-timeout); the run was stopped and no report was written`,
                ),
              );
            }
          }
        },
        Math.max(50, Math.min(1000, limitMs / 5)),
      );
      watchdog.unref();
    }
  });
}
