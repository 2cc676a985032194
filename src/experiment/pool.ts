import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RunResult } from '../model/runResult.js';
import { RunAborted } from '../model/run.js';
import type { Scenario } from '../scenario/scenario.js';
import { runUnit } from './runUnit.js';
import type { Unit } from './units.js';

export interface PoolOptions {
  /** Worker threads (≥ 1). 0 runs in this thread (library use, tests): Ctrl-C then waits for the run. */
  jobs: number;
  signal?: AbortSignal;
  /** Called as each unit finishes (in completion order), e.g. to checkpoint it and draw progress. */
  onDone?: (unit: Unit, result: RunResult, wallS: number) => Promise<void> | void;
}

/** Thrown when a unit fails inside a worker: carries the worker's message. */
export class UnitError extends Error {
  override name = 'UnitError';
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

/** Runs units on `jobs` worker threads (or in this thread) and returns results by unit key. */
export async function runPool(
  scenarios: Scenario[],
  units: Unit[],
  opts: PoolOptions,
): Promise<Map<string, RunResult>> {
  const results = new Map<string, RunResult>();
  if (units.length === 0) return results;
  if (opts.jobs <= 0) {
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
  const jobs = Math.min(opts.jobs, units.length);
  const queue = [...units];
  const workers: Worker[] = [];
  return new Promise((resolvePool, rejectPool) => {
    let failed = false;
    let running = 0;
    // Workers are terminated, and their exit awaited, before the pool settles: a process
    // that exits while a worker thread is still being torn down can die by a signal.
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      void Promise.allSettled(workers.map((w) => w.terminate())).then(() => rejectPool(err));
    };
    opts.signal?.addEventListener('abort', () => fail(new RunAborted('run stopped')), {
      once: true,
    });
    if (opts.signal?.aborted) return fail(new RunAborted('run stopped'));
    const started = new Map<Worker, { unit: Unit; t0: number }>();
    const feed = (w: Worker) => {
      const unit = queue.shift();
      if (!unit) {
        void w.terminate().then(() => {
          if (--running === 0 && !failed) resolvePool(results);
        });
        return;
      }
      started.set(w, { unit, t0: performance.now() });
      w.postMessage(unit);
    };
    for (let i = 0; i < jobs; i++) {
      const w = new Worker(file, { workerData: { scenarios } });
      workers.push(w);
      running++;
      w.on(
        'message',
        async (msg: {
          key: string;
          result?: RunResult;
          error?: { name: string; message: string };
        }) => {
          const s = started.get(w)!;
          if (msg.error)
            return fail(new UnitError(`${s.unit.key}: ${msg.error.name}: ${msg.error.message}`));
          results.set(msg.key, msg.result!);
          try {
            await opts.onDone?.(s.unit, msg.result!, (performance.now() - s.t0) / 1000);
          } catch (err) {
            return fail(err as Error);
          }
          if (!failed) feed(w);
        },
      );
      w.on('error', (err) => fail(err));
      feed(w);
    }
  });
}
