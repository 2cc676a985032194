import { cacheAlignedBuffer } from './alignedMemory.js';

/**
 * Pending-event set keyed by (time, insertion sequence), allocation-free on every operation
 * that does not grow it.
 *
 * Events live in *slots*. A slot is a long-lived handle, typically one per (entity, timer
 * kind): a connection's heartbeat timer, its ack timeout, a phone's next network switch.
 * A slot is idle or pending with exactly one (time, seq). Scheduling a pending slot moves it
 * (decrease/increase-key) instead of adding a second event, which is what periodic timers
 * that are reset all the time need.
 *
 * Ordering: earlier time first; equal times fire in the order they were (re)scheduled,
 * so a run is deterministic and first-in-first-out for ties (as in SimPy, ns-3, OMNeT++).
 *
 * ## Two tiers
 * A single heap of n events costs about log2(n) dependent cache misses per operation once it
 * outgrows the cache (300k events = 6 MB at 100k phones), and the simulator reschedules
 * mostly *far* ahead (a heartbeat 270 s out). So events are split by *bucket number*
 * b(t) = floor((t − base) / width), a monotone function of t:
 *
 * - **near**: a binary min-heap on (time, seq) of every event with b(t) ≤ `cur`. It holds
 *   about one bucket's worth of events (tens), so it stays in the L1 cache.
 * - **far**: a ring of `buckets` unordered lists (a timing wheel) for cur < b(t) < cur + buckets,
 *   plus one unordered overflow list beyond. Appending is O(1) and touches only the
 *   list's tail; when the near heap runs dry, `cur` advances and the next bucket's events are
 *   pushed into the heap. The overflow list is re-sorted into the ring once per revolution.
 *
 * Because b is monotone, every near event precedes every far event in time, and events with
 * equal times always share a tier, so the near heap alone decides ties by seq: the order is
 * exactly the (time, seq) order of a single heap.
 *
 * Far events are cancelled lazily: a slot's `ref` names its one live entry; cancelling or
 * rescheduling marks that entry dead (a write, no search), and dead entries are dropped
 * when their list is drained. They are bounded: when they outnumber live far events (plus a
 * constant), the queue is rebuilt (`rebuild`, O(n), so O(1) amortised per reschedule).
 *
 * The width adapts so a bucket holds about `perBucket` events (an overfull bucket is split
 * by a rebuild with a narrower width; a window of mostly empty buckets widens it, a window of
 * full ones narrows it), and the ring grows when the overflow list costs more to re-sort than
 * the ring loads. Width and ring size change the cost, never the order.
 *
 * | operation            | cost                                                        |
 * |----------------------|-------------------------------------------------------------|
 * | allocSlot            | O(1) amortised (slot records grow by 1.5×)                  |
 * | schedule, far time   | O(1): append to a list (+ O(log k) leaving the near heap)   |
 * | schedule, near time  | O(log k) in the near heap (k ≈ perBucket)                   |
 * | cancel               | O(1) far (lazy), O(log k) near                              |
 * | peek / pop           | O(log k) + amortised O(1) bucket loading                    |
 * | isPending / timeOf   | O(1)                                                        |
 *
 * It replaced a binary heap with a position index: on the hold model (bench/engine.bench.ts)
 * it is faster at every size, most at 1e5–1e6 pending, and the world benchmark's own queue
 * operations, replayed alone, run 2–3× faster. `../shared/reference/performance.md` lists
 * calendar queues as the fastest structure for the hold model; this one keeps the exact
 * (time, seq) order and the O(1)/O(log k) cancel that a plain calendar queue lacks.
 */

/**
 * A slot's record: where its pending event is (ref), and its (kind, entity) payload. One
 * 16-byte record per slot, so firing an event reads the line its loading just touched.
 */
const SLOT_SHIFT = 2;
const R_REF = 0;
const R_KIND = 1;
const R_ENTITY = 2;
/**
 * ref of an idle slot: 0, so fresh (zeroed) records are idle. ref ≥ 1: position ref − 1 in
 * the near heap; ref ≤ −1: far entry −1 − ref.
 */
const IDLE = 0;

/** A far entry is three doubles: time, seq, slot. */
const E_TIME = 0;
const E_SEQ = 1;
const E_SLOT = 2;
const ENTRY = 3;
/** E_SLOT of a dead entry (its slot was cancelled or rescheduled since). */
const DEAD = -1;

/** List headers (ring buckets, then the overflow list): head chunk, tail chunk, entries. */
const L_HEAD = 0;
const L_TAIL = 1;
const L_COUNT = 2;
const LIST = 4;

/** Most loaded slots remembered for warming between two scheduler looks. */
const LOADED_MAX = 256;
/** Advances per adaptation window (the width is widened when buckets are mostly empty). */
const ADAPT_WINDOW = 1024;
const MIN_WIDTH = 1e-9;
/** Most ring buckets (the ring grows with the queue to about count / perBucket). */
const MAX_BUCKETS = 1 << 18;
const MAX_WIDTH = 1e9;

export interface EventQueueOptions {
  /** Target events per bucket (default 32): the near heap's usual size. */
  perBucket?: number;
  /** Entries per chunk of a bucket list, a power of two (default 16). */
  chunk?: number;
  /** Initial bucket width in time units (default 1). */
  width?: number;
  /** Fewest ring buckets, a power of two (default 256); the ring grows with the queue. */
  minBuckets?: number;
  /** Dead far entries tolerated beyond the live far events before a rebuild (default 4096). */
  deadSlack?: number;
}

export class EventQueue {
  /** Slot records (R_* fields, 1 << SLOT_SHIFT int32s each). */
  private slotRec: Int32Array;
  private slots = 0;
  /** Released slots, reused by allocSlot (for one-shot events such as SMS wake-ups). */
  private freeSlots: number[] = [];
  /** Pending events (near + live far). */
  private count = 0;
  /** Float64 holds exact integers to 2^53: more insertions than any run will make. */
  private nextSeq = 0;

  /** Near heap, struct-of-arrays by heap position. */
  private hTime: Float64Array;
  private hSeq: Float64Array;
  private hSlot: Int32Array;
  private nearCount = 0;

  /** Far entries, in chunks of `chunk` entries linked per list. */
  private ent: Float64Array;
  private chunkNext: Int32Array;
  private chunksUsed = 0;
  private freeChunk = -1;
  /** Far entries stored, live or dead. */
  private farEntries = 0;
  /** Ring headers (LIST ints per bucket), then the overflow list's header. */
  private lists: Int32Array;
  private buckets: number;
  private mask: number;
  private overflow: number;

  /** Bucket numbering: b(t) = floor((t − base) · invWidth); buckets ≤ cur are in the heap. */
  private base = 0;
  private width: number;
  private invWidth: number;
  private cur = -1;
  /** Bucket advances and events loaded in the current adaptation window. */
  private windowAdvances = 0;
  private windowLoaded = 0;
  /** Advances and events loaded since the last overflow sort (one revolution of the ring). */
  private revolutionAdvances = 0;
  private revolutionLoaded = 0;
  /** Set by sortOverflow when a longer ring would save work. */
  private ringTooShort = false;

  private readonly perBucket: number;
  private readonly chunk: number;
  private readonly chunkShift: number;
  private readonly minBuckets: number;
  private readonly deadSlack: number;
  /**
   * Slots the last bucket loads moved into the near heap: they fire soon, so the scheduler
   * can warm the cache lines their handlers will touch (Scheduler: warm-up hooks).
   */
  private readonly loadedList = new Int32Array(LOADED_MAX);
  private loadedN = 0;
  /** Scratch space for the near heap's entries during a rebuild (grown, never shrunk). */
  private scratch = new Float64Array(0);

  constructor(initialSlots = 1024, options: EventQueueOptions = {}) {
    const cap = Math.max(16, initialSlots);
    this.perBucket = options.perBucket ?? 32;
    this.chunk = options.chunk ?? 16;
    this.chunkShift = Math.log2(this.chunk);
    if (!Number.isInteger(this.chunkShift)) throw new RangeError('chunk must be a power of two');
    this.minBuckets = options.minBuckets ?? 256;
    this.deadSlack = options.deadSlack ?? 4096;
    this.width = options.width ?? 1;
    this.invWidth = 1 / this.width;
    this.slotRec = newSlotRecords(cap);
    this.hTime = new Float64Array(64);
    this.hSeq = new Float64Array(64);
    this.hSlot = new Int32Array(64);
    this.ent = new Float64Array(ENTRY * this.chunk * 64);
    this.chunkNext = new Int32Array(64);
    this.buckets = this.minBuckets;
    this.mask = this.buckets - 1;
    this.overflow = this.buckets * LIST;
    this.lists = new Int32Array((this.buckets + 1) * LIST);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Number of slots in use (allocated and not released). */
  get slotCount(): number {
    return this.slots - this.freeSlots.length;
  }

  /** Creates a slot carrying a (kind, entity) payload; it starts idle. */
  allocSlot(kind: number, entity: number): number {
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      if (this.slots << SLOT_SHIFT === this.slotRec.length) this.growSlots();
      slot = this.slots++;
    }
    const r = slot << SLOT_SHIFT;
    this.slotRec[r + R_REF] = IDLE;
    this.slotRec[r + R_KIND] = kind;
    this.slotRec[r + R_ENTITY] = entity;
    return slot;
  }

  /** Returns an idle slot for reuse (cancels it if pending). */
  releaseSlot(slot: number): void {
    this.cancel(slot);
    this.freeSlots.push(slot);
  }

  slotKind(slot: number): number {
    return this.slotRec[(slot << SLOT_SHIFT) + R_KIND];
  }

  slotEntity(slot: number): number {
    return this.slotRec[(slot << SLOT_SHIFT) + R_ENTITY];
  }

  isPending(slot: number): boolean {
    return this.slotRec[slot << SLOT_SHIFT] !== IDLE;
  }

  /** Time of a pending slot, or NaN when idle. */
  timeOf(slot: number): number {
    const ref = this.slotRec[slot << SLOT_SHIFT];
    if (ref > 0) return this.hTime[ref - 1];
    if (ref === IDLE) return Number.NaN;
    return this.ent[(-1 - ref) * ENTRY + E_TIME];
  }

  /** Sequence number of a pending slot (its tie-break rank), or -1 when idle. */
  seqOf(slot: number): number {
    const ref = this.slotRec[slot << SLOT_SHIFT];
    if (ref > 0) return this.hSeq[ref - 1];
    if (ref === IDLE) return -1;
    return this.ent[(-1 - ref) * ENTRY + E_SEQ];
  }

  /** Puts the slot at `time`, moving it if it is already pending. */
  schedule(slot: number, time: number): void {
    const seq = this.nextSeq++;
    const ref = this.slotRec[slot << SLOT_SHIFT];
    if (ref > 0) {
      // In the heap: stay there (a key change in place) if the new time is still near.
      const pos = ref - 1;
      if (!(this.bucketOf(time) > this.cur)) {
        // A later sequence number can only move it down among equal times.
        if (time < this.hTime[pos]) this.siftUp(pos, time, seq, slot);
        else this.siftDown(pos, time, seq, slot);
        return;
      }
      this.removeNear(pos);
    } else if (ref === IDLE) {
      // An empty queue may renumber its buckets from here (dead far entries stay harmless).
      if (this.count === 0) this.restartAt(time);
      this.count++;
    } else {
      this.ent[(-1 - ref) * ENTRY + E_SLOT] = DEAD;
    }
    this.insert(slot, time, seq);
    if (this.farEntries > 2 * (this.count - this.nearCount) + this.deadSlack) {
      this.rebuild(this.width, this.buckets);
    }
  }

  /** Removes a pending slot; a no-op for an idle one. */
  cancel(slot: number): void {
    const ref = this.slotRec[slot << SLOT_SHIFT];
    if (ref === IDLE) return;
    this.slotRec[slot << SLOT_SHIFT] = IDLE;
    this.count--;
    if (ref > 0) this.removeNear(ref - 1);
    else this.ent[(-1 - ref) * ENTRY + E_SLOT] = DEAD; // dropped when its list is drained
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    if (this.nearCount === 0 && !this.refill()) return Number.POSITIVE_INFINITY;
    return this.hTime[0];
  }

  /** Slot of the earliest pending event (-1 when empty). */
  peekSlot(): number {
    if (this.nearCount === 0 && !this.refill()) return -1;
    return this.hSlot[0];
  }

  /** Number of slots loaded into the near heap since the last clearLoaded (at most 256). */
  get loadedCount(): number {
    return this.loadedN;
  }

  /** The slots loaded since the last clearLoaded, in [0, loadedCount) (they may have moved since). */
  get loadedSlots(): Int32Array {
    return this.loadedList;
  }

  clearLoaded(): void {
    this.loadedN = 0;
  }

  /** Removes and returns the earliest slot (-1 when empty). */
  pop(): number {
    if (this.nearCount === 0 && !this.refill()) return -1;
    const top = this.hSlot[0];
    this.slotRec[top << SLOT_SHIFT] = IDLE;
    this.count--;
    this.removeNear(0);
    return top;
  }

  // ---- tiers ---------------------------------------------------------------------------

  /** Bucket number of t (monotone in t; NaN only for NaN or ∞ − ∞, which then go near). */
  private bucketOf(t: number): number {
    return Math.floor((t - this.base) * this.invWidth);
  }

  /** Files a slot's (time, seq) into the near heap or a far list and points its ref there. */
  private insert(slot: number, time: number, seq: number): void {
    const b = this.bucketOf(time);
    if (!(b > this.cur)) {
      this.nearPush(time, seq, slot);
      return;
    }
    // b − cur < buckets keeps b below 2^53 (cur only grows one bucket per advance), so the
    // bitwise mask of the exact integer b is its ring position.
    const list = b - this.cur < this.buckets ? (b & this.mask) * LIST : this.overflow;
    const e = this.append(list, time, seq, slot);
    this.slotRec[slot << SLOT_SHIFT] = -1 - e;
  }

  /** Appends an entry to a list; returns the entry index. */
  private append(list: number, time: number, seq: number, slot: number): number {
    const lists = this.lists;
    const n = lists[list + L_COUNT];
    const k = n & (this.chunk - 1);
    let tail = lists[list + L_TAIL];
    if (k === 0) {
      const c = this.allocChunk();
      if (n === 0) lists[list + L_HEAD] = c;
      else this.chunkNext[tail] = c;
      lists[list + L_TAIL] = tail = c;
    }
    lists[list + L_COUNT] = n + 1;
    this.farEntries++;
    const e = (tail << this.chunkShift) + k;
    const o = e * ENTRY;
    const ent = this.ent;
    ent[o + E_TIME] = time;
    ent[o + E_SEQ] = seq;
    ent[o + E_SLOT] = slot;
    return e;
  }

  /** Makes the near heap non-empty if anything is pending; false when the queue is empty. */
  private refill(): boolean {
    while (this.nearCount === 0) {
      if (this.count === 0) return false;
      if (this.farEntries === this.lists[this.overflow + L_COUNT]) {
        // The ring is empty: everything left is in the overflow list. Renumber from it.
        this.rebuild(this.width, this.buckets);
        continue;
      }
      this.advance();
    }
    return true;
  }

  /** Moves `cur` to the next bucket and loads that bucket's live entries into the heap. */
  private advance(): void {
    const b = ++this.cur;
    const i = b & this.mask;
    this.revolutionAdvances++;
    // Once per revolution, overflow entries that now fall inside the ring move into it,
    // before the first bucket of the revolution is loaded.
    if (i === 0) this.sortOverflow();
    // A rebuild (adapt, split) re-files this bucket's entries, so it returns at once.
    if (++this.windowAdvances === ADAPT_WINDOW && this.adapt()) return;
    const list = i * LIST;
    const n = this.lists[list + L_COUNT];
    if (n === 0) return;
    if (n > 16 * this.perBucket && this.split(list)) return;
    const live = this.drain(list, true);
    this.windowLoaded += live;
    this.revolutionLoaded += live;
  }

  /**
   * Empties a list. With `toHeap`, live entries go into the near heap; otherwise they are
   * re-filed by `insert` (overflow sorting). Returns the number of live entries.
   *
   * Dead entries (slot −1) are skipped without reading their slot's record: that is why
   * cancel and reschedule mark them dead at once. Loading reads the chunks in order and only
   * writes slot records, so it does not stall on a slot's cache miss.
   */
  private drain(list: number, toHeap: boolean): number {
    const lists = this.lists;
    const n = lists[list + L_COUNT];
    lists[list + L_COUNT] = 0;
    return this.refile(lists[list + L_HEAD], n, toHeap);
  }

  /** Files the live entries of a detached chain of `left` entries from chunk `c` (see drain). */
  private refile(c: number, left: number, toHeap: boolean): number {
    this.farEntries -= left;
    const chunk = this.chunk;
    let live = 0;
    while (left > 0) {
      const ent = this.ent; // re-read: filing may grow the pool (the chunks read stay valid)
      const k = Math.min(left, chunk);
      const first = c << this.chunkShift;
      for (let e = first; e < first + k; e++) {
        const o = e * ENTRY;
        const slot = ent[o + E_SLOT];
        if (slot < 0) continue; // dead: cancelled or rescheduled since
        live++;
        if (toHeap) {
          this.nearPush(ent[o + E_TIME], ent[o + E_SEQ], slot);
          if (this.loadedN < LOADED_MAX) this.loadedList[this.loadedN++] = slot;
        } else {
          this.insert(slot, ent[o + E_TIME], ent[o + E_SEQ]);
        }
      }
      left -= k;
      const next = this.chunkNext[c];
      this.releaseChunk(c); // after reading it: insert may reuse it at once
      c = next;
    }
    return live;
  }

  private sortOverflow(): void {
    const n = this.lists[this.overflow + L_COUNT];
    // More overflow entries to re-sort than events loaded in a revolution: a longer ring
    // would have filed them once (adapt doubles it).
    if (this.revolutionAdvances >= this.buckets && n > this.revolutionLoaded) {
      this.ringTooShort = this.buckets < MAX_BUCKETS;
    }
    this.revolutionAdvances = 0;
    this.revolutionLoaded = 0;
    if (n > 0) this.drain(this.overflow, false);
  }

  /**
   * An overfull bucket: if its live events spread over time, rebuild with a width that
   * gives about `perBucket` per bucket and report true; false loads it as it is (e.g.
   * thousands of events at one instant, which no width can split).
   */
  private split(list: number): boolean {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    let live = 0;
    let left = this.lists[list + L_COUNT];
    let c = this.lists[list + L_HEAD];
    while (left > 0) {
      const k = Math.min(left, this.chunk);
      const first = c << this.chunkShift;
      for (let e = first; e < first + k; e++) {
        if (this.ent[e * ENTRY + E_SLOT] < 0) continue;
        const t = this.ent[e * ENTRY + E_TIME];
        live++;
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      left -= k;
      c = this.chunkNext[c];
    }
    if (!(hi > lo) || live <= 2 * this.perBucket) return false;
    const w = ((hi - lo) * this.perBucket) / live;
    if (!(w < this.width / 2) || w < MIN_WIDTH) return false;
    this.rebuild(w, this.buckets);
    return true;
  }

  /**
   * Every ADAPT_WINDOW advances, a rebuild (and true) when the buckets were mostly empty
   * (wider), too full (narrower), or the ring too short (see sortOverflow: twice the buckets).
   */
  private adapt(): boolean {
    const k = this.perBucket;
    const mean = this.windowLoaded / this.windowAdvances;
    const ringTooShort = this.ringTooShort;
    this.windowAdvances = 0;
    this.windowLoaded = 0;
    this.ringTooShort = false;
    let width = this.width;
    if (mean < k / 16 && width < MAX_WIDTH) width *= Math.min(1024, k / Math.max(mean, k / 1024));
    else if (mean > 2 * k) width *= k / mean;
    if (width === this.width && !ringTooShort) return false;
    this.rebuild(width, ringTooShort ? 2 * this.buckets : this.buckets);
    return true;
  }

  /** Renumbers buckets from `time` in an empty queue (only dead entries may remain). */
  private restartAt(time: number): void {
    this.base = Number.isFinite(time) ? time : 0;
    this.cur = -1;
  }

  /**
   * Re-files every pending event with bucket width `width`, numbering buckets from the
   * earliest one; drops every dead entry and resizes the ring to the queue. O(n), in place:
   * each list's chunks are released as they are read, and re-filing reuses them.
   */
  private rebuild(width: number, buckets: number): void {
    const lists = this.lists;
    const ent = this.ent;
    // The earliest pending time becomes the new base.
    let min = Number.POSITIVE_INFINITY;
    for (let p = 0; p < this.nearCount; p++) if (this.hTime[p] < min) min = this.hTime[p];
    for (let list = 0; list <= this.overflow; list += LIST) {
      let left = lists[list + L_COUNT];
      let c = lists[list + L_HEAD];
      while (left > 0) {
        const m = Math.min(left, this.chunk);
        const first = c << this.chunkShift;
        for (let e = first; e < first + m; e++) {
          const o = e * ENTRY;
          if (ent[o + E_SLOT] >= 0 && ent[o + E_TIME] < min) min = ent[o + E_TIME];
        }
        left -= m;
        c = this.chunkNext[c];
      }
    }
    // Detach every list (head chunk, entries) and take the near heap's entries out.
    const detached: number[] = [];
    for (let list = 0; list <= this.overflow; list += LIST) {
      if (lists[list + L_COUNT] > 0) detached.push(lists[list + L_HEAD], lists[list + L_COUNT]);
    }
    const near = this.nearCount;
    if (this.scratch.length < ENTRY * near) this.scratch = new Float64Array(ENTRY * near * 2);
    const s = this.scratch;
    for (let p = 0; p < near; p++) {
      s[p * ENTRY + E_TIME] = this.hTime[p];
      s[p * ENTRY + E_SEQ] = this.hSeq[p];
      s[p * ENTRY + E_SLOT] = this.hSlot[p];
    }
    // Empty the tiers with the new numbering, then re-file.
    this.nearCount = 0;
    buckets = Math.min(MAX_BUCKETS, Math.max(buckets, this.ringSizeFor(this.count)));
    if (buckets !== this.buckets) {
      this.buckets = buckets;
      this.mask = buckets - 1;
      this.overflow = buckets * LIST;
      this.lists = new Int32Array((buckets + 1) * LIST);
    } else {
      for (let list = 0; list <= this.overflow; list += LIST) lists[list + L_COUNT] = 0;
    }
    this.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width));
    this.invWidth = 1 / this.width;
    this.windowAdvances = 0;
    this.windowLoaded = 0;
    this.revolutionAdvances = 0;
    this.revolutionLoaded = 0;
    this.ringTooShort = false;
    if (Number.isFinite(min)) {
      this.base = min;
      this.cur = -1;
    } else {
      // Only events at ±∞ (or none): all go to the heap, which orders them by seq.
      this.cur = Number.POSITIVE_INFINITY;
    }
    for (let p = 0; p < near; p++) {
      this.insert(s[p * ENTRY + E_SLOT], s[p * ENTRY + E_TIME], s[p * ENTRY + E_SEQ]);
    }
    for (let i = 0; i < detached.length; i += 2) this.refile(detached[i], detached[i + 1], false);
  }

  /** Ring buckets for n pending events: a power of two, about n / perBucket. */
  private ringSizeFor(n: number): number {
    let buckets = this.minBuckets;
    while (buckets < n / this.perBucket && buckets < MAX_BUCKETS) buckets *= 2;
    return buckets;
  }

  // ---- chunk pool ----------------------------------------------------------------------

  private allocChunk(): number {
    let c = this.freeChunk;
    if (c >= 0) {
      this.freeChunk = this.chunkNext[c];
      return c;
    }
    if (this.chunksUsed === this.chunkNext.length) this.growChunks();
    c = this.chunksUsed++;
    return c;
  }

  private releaseChunk(c: number): void {
    this.chunkNext[c] = this.freeChunk;
    this.freeChunk = c;
  }

  private growChunks(): void {
    const cap = this.chunkNext.length * 2;
    this.chunkNext = grow(this.chunkNext, new Int32Array(cap));
    this.ent = grow(this.ent, new Float64Array(cap * this.chunk * ENTRY));
  }

  // ---- near heap -----------------------------------------------------------------------

  private nearPush(t: number, s: number, slot: number): void {
    if (this.nearCount === this.hTime.length) this.growHeap();
    this.siftUp(this.nearCount++, t, s, slot);
  }

  /** Removes the heap element at `pos` (its slot's ref is the caller's business). */
  private removeNear(pos: number): void {
    const last = --this.nearCount;
    if (pos === last) return;
    const t = this.hTime[last];
    const s = this.hSeq[last];
    const sl = this.hSlot[last];
    if (pos > 0 && this.before(t, s, (pos - 1) >> 1)) this.siftUp(pos, t, s, sl);
    else this.siftDown(pos, t, s, sl);
  }

  /** Is (t, s) ordered before the element at heap position `pos`? */
  private before(t: number, s: number, pos: number): boolean {
    const pt = this.hTime[pos];
    return t < pt || (t === pt && s < this.hSeq[pos]);
  }

  /** Moves the hole at `pos` up until (t, s) fits, then writes it there. */
  private siftUp(pos: number, t: number, s: number, slot: number): void {
    const ht = this.hTime;
    const hs = this.hSeq;
    const hslot = this.hSlot;
    const rec = this.slotRec;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const pt = ht[parent];
      if (t > pt || (t === pt && s > hs[parent])) break;
      ht[pos] = pt;
      hs[pos] = hs[parent];
      const ps = hslot[parent];
      hslot[pos] = ps;
      rec[ps << SLOT_SHIFT] = pos + 1;
      pos = parent;
    }
    ht[pos] = t;
    hs[pos] = s;
    hslot[pos] = slot;
    rec[slot << SLOT_SHIFT] = pos + 1;
  }

  /** Moves the hole at `pos` down until (t, s) fits, then writes it there. */
  private siftDown(pos: number, t: number, s: number, slot: number): void {
    const ht = this.hTime;
    const hs = this.hSeq;
    const hslot = this.hSlot;
    const rec = this.slotRec;
    const n = this.nearCount;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      let ct = ht[child];
      let cs = hs[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hs[right] < cs)) {
          child = right;
          ct = rt;
          cs = hs[right];
        }
      }
      if (t < ct || (t === ct && s < cs)) break;
      ht[pos] = ct;
      hs[pos] = cs;
      const cslot = hslot[child];
      hslot[pos] = cslot;
      rec[cslot << SLOT_SHIFT] = pos + 1;
      pos = child;
    }
    ht[pos] = t;
    hs[pos] = s;
    hslot[pos] = slot;
    rec[slot << SLOT_SHIFT] = pos + 1;
  }

  private growHeap(): void {
    const cap = this.hTime.length * 2;
    this.hTime = grow(this.hTime, new Float64Array(cap));
    this.hSeq = grow(this.hSeq, new Float64Array(cap));
    this.hSlot = grow(this.hSlot, new Int32Array(cap));
  }

  private growSlots(): void {
    this.slotRec = grow(this.slotRec, newSlotRecords(Math.ceil(1.5 * this.slots)));
  }
}

/** Slot records (zeroed: idle), cache-line aligned so that four adjacent slots share one line. */
function newSlotRecords(slots: number): Int32Array {
  return new Int32Array(cacheAlignedBuffer((slots << SLOT_SHIFT) * 4), 0, slots << SLOT_SHIFT);
}

function grow<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
