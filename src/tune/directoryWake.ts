import { type FSWatcher, watch } from 'node:fs';
import { RunAborted } from '../model/run.js';

/**
 * A pause between polls of a shared directory that ends early when something lands in it.
 * On a local disk the kernel reports another process's rename at once (inotify), so a shard
 * waiting for a run of another shard picks it up in milliseconds instead of up to a poll
 * interval later: over the dozens of short rounds of a small race that latency was most of
 * the wall time. On NFS, another host's writes raise no event; the poll alone finds them, so
 * a watcher that cannot be made or fails costs nothing but the early wake-up.
 */
export class DirectoryWake {
  private watcher?: FSWatcher;
  /** Something changed since the last pause began: the next one returns at once. */
  private changed = false;
  private wake?: () => void;

  constructor(dir: string) {
    try {
      this.watcher = watch(dir, { persistent: false }, () => {
        this.changed = true;
        this.wake?.();
      });
      this.watcher.on('error', () => this.close());
    } catch {
      this.watcher = undefined;
    }
  }

  /** Waits `ms`, or less if the directory changes; throws RunAborted when `signal` aborts. */
  async pause(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new RunAborted('run stopped');
    if (this.changed) {
      this.changed = false;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.wake = undefined;
      };
      const done = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(new RunAborted('run stopped'));
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    this.changed = false;
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
  }
}
