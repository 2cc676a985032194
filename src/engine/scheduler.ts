import { EventQueue } from './eventQueue.js';

/** Called when a slot fires: the entity id and the slot that fired. */
export type EventHandler = (entity: number, slot: number) => void;

/**
 * Cache warm-up for events about to fire (Scheduler.setWarmUp): given the slots of n
 * events (slots[0..n)), touches the memory their handlers will read and returns any number
 * read from it (kept in a field, so the loads are not optimised away). It must not change
 * any state.
 */
export type WarmUp = (slots: Int32Array, n: number) => number;

/** Thrown when a model tries to schedule into the past (or at NaN). */
export class SchedulingError extends Error {
  override name = 'SchedulingError';
}

/**
 * The simulation clock and event loop. It knows only kinds, entities and slots: what an
 * event means is up to the handler registered for its kind.
 *
 * The firing slot stays in the queue while its handler runs (it counts as not pending). A
 * handler that re-arms its own timer (the common case: a heartbeat schedules the next
 * heartbeat) just moves it; one that does not is followed by its removal.
 */
export class Scheduler {
  readonly queue: EventQueue;
  private handlers: EventHandler[] = [];
  private warmUp: WarmUp | null = null;
  /** What the warm-up read (kept only so the JIT cannot drop its loads). */
  private warmSink = 0;
  private currentTime = 0;
  private stopped = false;
  private firingSlot = -1;
  private firingSeq = -1;
  private processed = 0;

  constructor(initialSlots = 1024) {
    this.queue = new EventQueue(initialSlots);
  }

  /** Current simulated time in seconds. */
  get now(): number {
    return this.currentTime;
  }

  /** Events fired so far. */
  get eventsProcessed(): number {
    return this.processed;
  }

  /** Registers the handler for a new event kind and returns the kind id. */
  registerKind(handler: EventHandler): number {
    this.handlers.push(handler);
    return this.handlers.length - 1;
  }

  /**
   * Sets the cache warm-up: it is called with the events that enter the queue's near tier,
   * a few dozen events before they fire (EventQueue: loaded slots). A model whose state
   * outgrows the cache touches their records then, all in one batch, so the cache misses
   * overlap instead of stalling each handler in turn.
   */
  setWarmUp(warmUp: WarmUp): void {
    this.warmUp = warmUp;
    this.queue.trackLoads(true);
  }

  /** Creates an idle slot of a registered kind for one entity. */
  allocSlot(kind: number, entity: number): number {
    if (kind < 0 || kind >= this.handlers.length) {
      throw new RangeError(`unknown event kind ${kind}`);
    }
    return this.queue.allocSlot(kind, entity);
  }

  /** Gives a slot back for reuse by a later allocSlot (one-shot events). */
  releaseSlot(slot: number): void {
    this.queue.releaseSlot(slot);
  }

  /** Fires `slot` at absolute time `time` (moves it if it is already pending). */
  at(slot: number, time: number): void {
    if (!(time >= this.currentTime)) {
      throw new SchedulingError(
        `event scheduled in the past: t=${time} < now=${this.currentTime} (slot ${slot}, kind ${this.queue.slotKind(slot)})`,
      );
    }
    this.queue.schedule(slot, time);
  }

  /** Fires `slot` after `delay` seconds from now. */
  after(slot: number, delay: number): void {
    this.at(slot, this.currentTime + delay);
  }

  cancel(slot: number): void {
    this.queue.cancel(slot);
  }

  /** Is the slot waiting to fire? The slot whose handler is running counts as not pending. */
  isPending(slot: number): boolean {
    if (!this.queue.isPending(slot)) return false;
    return !(slot === this.firingSlot && this.queue.seqOf(slot) === this.firingSeq);
  }

  /** Pending time of a slot, NaN when idle. */
  timeOf(slot: number): number {
    return this.isPending(slot) ? this.queue.timeOf(slot) : Number.NaN;
  }

  /** Asks the loop to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  private warmLoaded(): void {
    const q = this.queue;
    if (this.warmUp !== null) {
      // The slots' own records first (firing reads their kind and entity), then the
      // model's. Reduced so the field stays a small number (any value would do).
      const slots = q.loadedSlots;
      const n = q.loadedCount;
      let sink = 0;
      for (let i = 0; i < n; i++) sink += q.slotKind(slots[i]);
      this.warmSink = (this.warmSink + sink + this.warmUp(slots, n)) % 1024;
    }
    q.clearLoaded();
  }

  /**
   * Fires events in (time, sequence) order until the queue is empty, the next event is
   * after `until`, or `stop()` is called. With a finite `until` and no stop, the clock ends
   * at `until`. Returns the number of events fired by this call.
   */
  run(until = Number.POSITIVE_INFINITY): number {
    const q = this.queue;
    const handlers = this.handlers;
    const start = this.processed;
    this.stopped = false;
    while (q.size > 0 && !this.stopped) {
      const t = q.peekTime();
      if (q.loadedCount > 0) this.warmLoaded();
      if (t > until) break;
      const slot = q.peekSlot();
      this.currentTime = t;
      this.firingSlot = slot;
      this.firingSeq = q.seqOf(slot);
      handlers[q.slotKind(slot)](q.slotEntity(slot), slot);
      // Not re-armed by its handler (same sequence number): it has fired, remove it.
      if (q.seqOf(slot) === this.firingSeq) q.cancel(slot);
      this.firingSlot = -1;
      this.processed++;
    }
    if (!this.stopped && until !== Number.POSITIVE_INFINITY && this.currentTime < until) {
      this.currentTime = until;
    }
    return this.processed - start;
  }
}
