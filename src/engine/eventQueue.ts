import { cacheAlignedBuffer } from './alignedMemory.js';

/**
 * Pending-event set keyed by (time, insertion sequence), allocation-free on every operation
 * that does not grow it.
 *
 * Events live in *slots*. A slot is a long-lived handle, typically one per (entity, timer
 * kind): a connection's heartbeat timer, its ack timeout, a phone's next network switch.
 * A slot is idle or pending with exactly one (time, seq). Scheduling a pending slot moves it
 * instead of adding a second event, which is what periodic timers that are reset all the
 * time need.
 *
 * Ordering: earlier time first; equal times fire in the order they were (re)scheduled,
 * so a run is deterministic and first-in-first-out for ties (as in SimPy, ns-3, OMNeT++).
 *
 * ## Entries and two tiers
 * Every pending event is an *entry* (time, seq, slot) in a pool of fixed-size chunks, and a
 * pending slot's record points at its entry. Entries are never moved: cancelling or
 * rescheduling marks the old entry dead (one write, no search) and a new one is appended.
 * Entries are filed by *bucket number* b(t) = floor((t − base) / width), a monotone
 * function of t:
 *
 * - **near**: every event with b(t) ≤ `cur`, as a run sorted by (time, seq) of entry
 *   indices (with copies of their keys). It holds about one bucket's worth of events (a
 *   few to a few dozen), so it stays in the L1 cache. Dead entries in it are skipped when
 *   they reach its head.
 * - **far**: a ring of `buckets` unordered chunk lists (a timing wheel) for
 *   cur < b(t) < cur + buckets; beyond it, one coarse list per future revolution of the
 *   ring (a second, coarser wheel of COARSE lists) and an overflow list for the rest.
 *   Appending touches only the list's tail chunk. When the near run is spent, `cur`
 *   advances and the next bucket's live entries are copied into the run and sorted; when a
 *   revolution starts, its coarse list is filed into the ring (and, every COARSE
 *   revolutions, the overflow list into the coarse lists), so an event is filed at most
 *   twice before it is loaded unless it is more than COARSE revolutions ahead.
 *
 * Because b is monotone, every near event precedes every far event in time, and events with
 * equal times always share a tier, so the near run alone decides ties by seq: the order is
 * exactly the (time, seq) order of a single heap.
 *
 * Why entries, not positions: the simulator's events are mostly *far* (a heartbeat 270 s
 * out), and a queue that tracks each event's position must write the slot's record on
 * every move (each sift step of a heap, each bucket load), a cache miss per write once
 * 100k phones' slots outgrow the cache. Here a slot's record is written when it is
 * scheduled and when it fires, never in between.
 *
 * Dead far entries are bounded: when they outnumber the pending events (plus a constant),
 * the queue is rebuilt (`rebuild`, O(n), so O(1) amortised per reschedule or cancel); a
 * reschedule checks at once, cancels are counted at the next bucket advance. The chunks of
 * loaded buckets stay allocated until the near run is spent, so the run's entry indices
 * stay valid.
 *
 * The width adapts so a bucket holds about `perBucket` events (an overfull bucket is split
 * by a rebuild with a narrower width; a window of mostly empty buckets widens it, a window of
 * full ones narrows it), and the ring grows when the overflow list costs more to re-sort than
 * the ring loads. Width and ring size change the cost, never the order.
 *
 * | operation            | cost                                                        |
 * |----------------------|-------------------------------------------------------------|
 * | allocSlot            | O(1) amortised (slot records grow by 1.5×)                  |
 * | schedule, far time   | O(1): append to a list (the old entry, if any, marked dead) |
 * | schedule, near time  | O(d): insertion into the near run, d entries after it       |
 * | cancel               | O(1) (lazy)                                                 |
 * | peek / pop           | O(1) amortised, + sorting each loaded bucket (k ≈ perBucket) |
 * | isPending / timeOf   | O(1)                                                        |
 *
 * History: a binary heap with a position index, then a heap for the near tier with
 * positions in the slot records, then this; the README lists the hold-model figures
 * (bench/engine.bench.ts) against a plain binary heap on the same machine.
 * Calendar queues (sources: brown-1988) were the fastest structure for the hold model in
 * the measurements this project started from; this one keeps the exact (time, seq)
 * order and the O(1) cancel that a plain calendar queue lacks.
 */

/**
 * A slot's record: its pending entry (ref) and its (kind, entity) payload. One 16-byte
 * record per slot: scheduling writes it, firing reads it, nothing else touches it.
 */
const SLOT_SHIFT = 2;
const R_REF = 0;
const R_KIND = 1;
const R_ENTITY = 2;
/** ref of an idle slot: 0, so fresh (zeroed) records are idle; else entry index + 1. */
const IDLE = 0;

/** An entry is three doubles: time, seq, slot. */
const E_TIME = 0;
const E_SEQ = 1;
const E_SLOT = 2;
const ENTRY = 3;
/** E_SLOT of a dead entry (its slot was cancelled or rescheduled since). */
const DEAD = -1;

/** List headers (ring buckets, coarse lists, overflow, near list): head chunk, tail chunk, entries. */
const L_HEAD = 0;
const L_TAIL = 1;
const L_COUNT = 2;
const LIST = 4;

/**
 * Default events per bucket. A small queue is cache-resident, so narrow buckets (a short
 * near run, cheap to sort) win; a large one pays a cache miss per bucket list it touches,
 * so fuller buckets (denser chunks, fewer lists) win. Measured on the hold model
 * (bench/engine.bench.ts).
 */
const SMALL_PER_BUCKET = 8;
const LARGE_PER_BUCKET = 32;
const SMALL_QUEUE = 1 << 14;
/** Largest freshly loaded bucket sorted by insertion sort (merge sort beyond). */
const INSERTION_SORT_MAX = 48;
/**
 * Deepest insertion into the near run before the queue is rebuilt instead, while no bucket
 * has been loaded since the numbering started (`cur` = −1): events earlier than `base`
 * (filling an empty queue in random order) would otherwise make filling quadratic.
 */
const NEAR_SHIFT_MAX = 64;
/**
 * Coarse lists beyond the ring, one per future revolution of it (a second timing wheel):
 * an event more than one revolution ahead waits in the list of its revolution and is filed
 * into the ring once, when that revolution starts; only events more than COARSE
 * revolutions ahead wait in the overflow list, which is re-filed every COARSE revolutions.
 */
const COARSE = 64;
/** Most loaded slots remembered for warming between two scheduler looks. */
const LOADED_MAX = 256;
/** Advances per adaptation window (the width is widened when buckets are mostly empty). */
const ADAPT_WINDOW = 1024;
const MIN_WIDTH = 1e-9;
/** Most ring buckets (the ring grows with the queue to about count / perBucket). */
const MAX_BUCKETS = 1 << 18;
const MAX_WIDTH = 1e9;

export interface EventQueueOptions {
  /** Target events per bucket (default: 8 below 16 384 pending events, 32 from there). */
  perBucket?: number;
  /** Entries per chunk of a bucket list, a power of two (default 16). */
  chunk?: number;
  /** Initial bucket width in time units (default 1). */
  width?: number;
  /** Fewest ring buckets, a power of two (default 256); the ring grows with the queue. */
  minBuckets?: number;
  /** Dead far entries tolerated beyond the pending events before a rebuild (default 4096). */
  deadSlack?: number;
}

export class EventQueue {
  /** Slot records (R_* fields, 1 << SLOT_SHIFT int32s each). */
  private slotRec: Int32Array;
  private slots = 0;
  /** Released slots, reused by allocSlot (for one-shot events such as SMS wake-ups). */
  private freeSlots: number[] = [];
  /** Pending events (live entries). */
  private count = 0;
  /** Float64 holds exact integers to 2^53: more insertions than any run will make. */
  private nextSeq = 0;

  /**
   * Near run: positions [nearHead, nearTail) of three parallel arrays, sorted by
   * (time, seq): the entry and copies of its keys (so sorting and inserting read no entry).
   */
  private nTime: Float64Array;
  private nSeq: Float64Array;
  private nEnt: Int32Array;
  private nearHead = 0;
  private nearTail = 0;

  /** Entries, in chunks of `chunk` entries linked per list. */
  private ent: Float64Array;
  private chunkNext: Int32Array;
  private chunksUsed = 0;
  private freeChunk = -1;
  /** Chunks of loaded buckets, freed when the near run is spent (its entries point there). */
  private retiredHead = -1;
  private retiredTail = -1;
  /** Entries stored in the ring, coarse and overflow lists, live or dead. */
  private farEntries = 0;
  /** Of those, the ones in the coarse and overflow lists. */
  private outerEntries = 0;
  /** Revolution of the ring that `cur` is in: floor(cur / buckets). */
  private rev = -1;
  /**
   * Ring headers (LIST ints per bucket), then the coarse lists', the overflow list's and
   * the near list's.
   */
  private lists: Int32Array;
  private buckets: number;
  private mask: number;
  private coarse: number;
  private overflow: number;
  private nearList: number;

  /** Bucket numbering: b(t) = floor((t − base) · invWidth); buckets ≤ cur are near. */
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
  /** Set by startRevolution when a longer ring would save work. */
  private ringTooShort = false;

  /** Target events per bucket: chosen by the queue's size unless fixed by the options. */
  private perBucket: number;
  private readonly fixedPerBucket: boolean;
  private readonly chunk: number;
  private readonly chunkShift: number;
  private readonly minBuckets: number;
  private readonly deadSlack: number;
  /**
   * Slots the last bucket loads moved into the near run: they fire soon, so the scheduler
   * can warm the cache lines their handlers will touch (Scheduler: warm-up hooks).
   */
  private readonly loadedList = new Int32Array(LOADED_MAX);
  private loadedN = 0;
  /** Whether loads are recorded in loadedList (only a scheduler with a warm-up reads it). */
  private trackLoaded = false;
  /** Scratch space for rebuilds and merge sorts (grown, never shrunk). */
  private scratch = new Float64Array(0);

  constructor(initialSlots = 1024, options: EventQueueOptions = {}) {
    const cap = Math.max(16, initialSlots);
    this.fixedPerBucket = options.perBucket !== undefined;
    this.perBucket = options.perBucket ?? SMALL_PER_BUCKET;
    this.chunk = options.chunk ?? 16;
    this.chunkShift = Math.log2(this.chunk);
    if (!Number.isInteger(this.chunkShift)) throw new RangeError('chunk must be a power of two');
    this.minBuckets = options.minBuckets ?? 256;
    this.deadSlack = options.deadSlack ?? 4096;
    this.width = options.width ?? 1;
    this.invWidth = 1 / this.width;
    this.slotRec = newSlotRecords(cap);
    this.nTime = new Float64Array(64);
    this.nSeq = new Float64Array(64);
    this.nEnt = new Int32Array(64);
    this.ent = new Float64Array(ENTRY * this.chunk * 64);
    this.chunkNext = new Int32Array(64);
    this.buckets = this.minBuckets;
    this.mask = this.buckets - 1;
    this.coarse = this.buckets * LIST;
    this.overflow = this.coarse + COARSE * LIST;
    this.nearList = this.overflow + LIST;
    this.lists = new Int32Array(this.nearList + LIST);
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
    return ref === IDLE ? Number.NaN : this.ent[(ref - 1) * ENTRY + E_TIME];
  }

  /** Sequence number of a pending slot (its tie-break rank), or -1 when idle. */
  seqOf(slot: number): number {
    const ref = this.slotRec[slot << SLOT_SHIFT];
    return ref === IDLE ? -1 : this.ent[(ref - 1) * ENTRY + E_SEQ];
  }

  /** Puts the slot at `time`, moving it if it is already pending. */
  schedule(slot: number, time: number): void {
    const seq = this.nextSeq++;
    const ref = this.slotRec[slot << SLOT_SHIFT];
    if (ref === IDLE) {
      // An empty queue may renumber its buckets from here (dead entries stay harmless).
      if (this.count === 0) this.restartAt(time);
      this.count++;
    } else {
      this.ent[(ref - 1) * ENTRY + E_SLOT] = DEAD;
      this.insert(slot, time, seq);
      // A reschedule leaves a dead entry: bound them here, not only at the next advance,
      // so a model that keeps moving timers without firing any cannot grow the pool.
      if (this.farEntries > 2 * this.count + this.deadSlack) this.rebuild(this.width, this.buckets);
      return;
    }
    this.insert(slot, time, seq);
  }

  /** Removes a pending slot; a no-op for an idle one. */
  cancel(slot: number): void {
    const r = slot << SLOT_SHIFT;
    const ref = this.slotRec[r];
    if (ref === IDLE) return;
    this.slotRec[r] = IDLE;
    this.count--;
    this.ent[(ref - 1) * ENTRY + E_SLOT] = DEAD; // skipped where it lies
  }

  /** Time of the earliest pending event (Infinity when empty). */
  peekTime(): number {
    return this.liveHead() ? this.nTime[this.nearHead] : Number.POSITIVE_INFINITY;
  }

  /** Slot of the earliest pending event (-1 when empty). */
  peekSlot(): number {
    return this.liveHead() ? this.ent[this.nEnt[this.nearHead] * ENTRY + E_SLOT] : -1;
  }

  /** Number of slots loaded into the near run since the last clearLoaded (at most 256). */
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

  /** Starts or stops recording the slots that bucket loads move into the near run. */
  trackLoads(on: boolean): void {
    this.trackLoaded = on;
    this.loadedN = 0;
  }

  /** Removes and returns the earliest slot (-1 when empty). */
  pop(): number {
    if (!this.liveHead()) return -1;
    const head = this.nearHead;
    const top = this.ent[this.nEnt[head] * ENTRY + E_SLOT];
    this.slotRec[top << SLOT_SHIFT] = IDLE;
    this.count--;
    this.nearHead = head + 1;
    return top;
  }

  // ---- tiers ---------------------------------------------------------------------------

  /**
   * Moves the near run's head past dead entries, loading the next buckets when the run is
   * spent; false when the queue is empty.
   */
  private liveHead(): boolean {
    // The common case, small enough to inline into peek and pop: the head is live.
    const h = this.nearHead;
    if (h < this.nearTail && this.ent[this.nEnt[h] * ENTRY + E_SLOT] !== DEAD) return true;
    return this.findLiveHead();
  }

  private findLiveHead(): boolean {
    for (;;) {
      const ent = this.ent;
      const nEnt = this.nEnt;
      let h = this.nearHead;
      const tail = this.nearTail;
      while (h < tail && ent[nEnt[h] * ENTRY + E_SLOT] === DEAD) h++;
      this.nearHead = h;
      if (h < tail) return true;
      if (!this.refill()) return false;
    }
  }

  /** Bucket number of t (monotone in t; NaN only for NaN or ∞ − ∞, which then go near). */
  private bucketOf(t: number): number {
    return Math.floor((t - this.base) * this.invWidth);
  }

  /** Files a slot's (time, seq) as a new entry, near or far, and points the slot at it. */
  private insert(slot: number, time: number, seq: number): void {
    const b = this.bucketOf(time);
    if (!(b > this.cur)) {
      this.insertNear(slot, time, seq);
      return;
    }
    // b − cur < buckets keeps b below 2^53 (cur only grows one bucket per advance), so the
    // bitwise mask of the exact integer b is its ring position.
    let list: number;
    if (b - this.cur < this.buckets) {
      list = (b & this.mask) * LIST;
    } else {
      const r = Math.floor(b / this.buckets);
      list = r - this.rev < COARSE ? this.coarse + (r % COARSE) * LIST : this.overflow;
      this.outerEntries++;
    }
    const e = this.append(list, time, seq, slot);
    this.farEntries++;
    this.slotRec[slot << SLOT_SHIFT] = e + 1;
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
    const e = (tail << this.chunkShift) + k;
    const o = e * ENTRY;
    const ent = this.ent;
    ent[o + E_TIME] = time;
    ent[o + E_SEQ] = seq;
    ent[o + E_SLOT] = slot;
    return e;
  }

  /** Adds a near event: a new entry in the near list, its index in place in the run. */
  private insertNear(slot: number, t: number, s: number): void {
    let nt = this.nTime;
    let ns = this.nSeq;
    const head = this.nearHead;
    let tail = this.nearTail;
    if (tail > head && (t < nt[head] || (t === nt[head] && s < ns[head]))) {
      // Earlier than every event in the run (a short delay from now, or filling a queue
      // in descending order): in front, O(1) amortised.
      if (head === 0) {
        this.makeHeadroom();
        nt = this.nTime;
        ns = this.nSeq;
      }
      const e = this.append(this.nearList, t, s, slot);
      this.slotRec[slot << SLOT_SHIFT] = e + 1;
      const h = this.nearHead - 1;
      this.nearHead = h;
      nt[h] = t;
      ns[h] = s;
      this.nEnt[h] = e;
      return;
    }
    // The place, searched from the tail: new events are mostly the latest.
    let pos = tail;
    while (pos > head) {
      const pt = nt[pos - 1];
      if (t > pt || (t === pt && s > ns[pos - 1])) break;
      pos--;
      if (tail - pos > NEAR_SHIFT_MAX && this.cur === -1) {
        this.rebuild(this.width, this.buckets);
        this.insert(slot, t, s);
        return;
      }
    }
    const e = this.append(this.nearList, t, s, slot);
    this.slotRec[slot << SLOT_SHIFT] = e + 1;
    if (tail === nt.length) {
      this.makeNearRoom();
      nt = this.nTime;
      ns = this.nSeq;
      pos -= head - this.nearHead;
      tail = this.nearTail;
    }
    const ne = this.nEnt;
    if (tail - pos > 8) {
      nt.copyWithin(pos + 1, pos, tail);
      ns.copyWithin(pos + 1, pos, tail);
      ne.copyWithin(pos + 1, pos, tail);
    } else {
      for (let k = tail; k > pos; k--) {
        nt[k] = nt[k - 1];
        ns[k] = ns[k - 1];
        ne[k] = ne[k - 1];
      }
    }
    nt[pos] = t;
    ns[pos] = s;
    ne[pos] = e;
    this.nearTail = tail + 1;
  }

  /** Free positions before the run (as many as it holds, at least 16), growing if needed. */
  private makeHeadroom(): void {
    const n = this.nearTail - this.nearHead;
    const room = Math.max(16, n);
    let cap = this.nTime.length;
    while (cap < n + room) cap *= 2;
    if (cap !== this.nTime.length) this.growNear(cap);
    const head = this.nearHead;
    this.nTime.copyWithin(room, head, head + n);
    this.nSeq.copyWithin(room, head, head + n);
    this.nEnt.copyWithin(room, head, head + n);
    this.nearHead = room;
    this.nearTail = room + n;
  }

  /** Room for one more entry at the run's tail: slide the run to position 0, or grow. */
  private makeNearRoom(): void {
    const head = this.nearHead;
    if (head > 0) {
      const tail = this.nearTail;
      this.nTime.copyWithin(0, head, tail);
      this.nSeq.copyWithin(0, head, tail);
      this.nEnt.copyWithin(0, head, tail);
      this.nearHead = 0;
      this.nearTail = tail - head;
      return;
    }
    this.growNear(2 * this.nTime.length);
  }

  /**
   * The near run is spent: frees its chunks, then loads buckets until it holds a live
   * event. False when nothing is pending.
   */
  private refill(): boolean {
    this.nearHead = this.nearTail = 0;
    this.releaseNearChunks();
    while (this.nearTail === 0) {
      if (this.count === 0) return false;
      if (this.farEntries === this.outerEntries) {
        // The ring is empty: everything left is further ahead. Renumber from it.
        this.rebuild(this.width, this.buckets);
        continue;
      }
      this.advance();
    }
    return true;
  }

  /** Moves `cur` to the next bucket and loads that bucket's live entries into the run. */
  private advance(): void {
    const b = ++this.cur;
    const i = b & this.mask;
    this.revolutionAdvances++;
    // Once per revolution, the events of the revolution starting now move into the ring,
    // before its first bucket is loaded.
    if (i === 0) {
      this.rev = Math.floor(b / this.buckets);
      this.startRevolution();
    }
    // A rebuild (adapt, split, dead entries) re-files this bucket's entries, so it returns
    // at once. Dead entries left by cancels are counted here, once per bucket (reschedules
    // check at once, in schedule).
    if (this.farEntries > 2 * this.count + this.deadSlack) {
      this.rebuild(this.width, this.buckets);
      return;
    }
    if (++this.windowAdvances === ADAPT_WINDOW && this.adapt()) return;
    const list = i * LIST;
    const n = this.lists[list + L_COUNT];
    if (n === 0) return;
    if (n > 16 * this.perBucket && this.split(list)) return;
    const live = this.load(list);
    this.windowLoaded += live;
    this.revolutionLoaded += live;
  }

  /**
   * Copies a bucket's live entries into the near run (empty but for what re-filing the
   * overflow list may just have put there), sorts it, and retires the bucket's chunks.
   * Loading reads the chunks in order and writes no slot record: dead entries are skipped
   * by their mark, live ones keep their index. Returns the number of live entries.
   */
  private load(list: number): number {
    const lists = this.lists;
    let left = lists[list + L_COUNT];
    const first = lists[list + L_HEAD];
    lists[list + L_COUNT] = 0;
    this.farEntries -= left;
    this.ensureNear(left);
    const ent = this.ent;
    const nt = this.nTime;
    const ns = this.nSeq;
    const ne = this.nEnt;
    const chunk = this.chunk;
    const start = this.nearTail;
    let n = start;
    let c = first;
    while (left > 0) {
      const k = Math.min(left, chunk);
      const e0 = c << this.chunkShift;
      for (let e = e0; e < e0 + k; e++) {
        const o = e * ENTRY;
        if (ent[o + E_SLOT] === DEAD) continue; // cancelled or rescheduled since
        nt[n] = ent[o + E_TIME];
        ns[n] = ent[o + E_SEQ];
        ne[n] = e;
        n++;
      }
      left -= k;
      c = this.chunkNext[c];
    }
    if (this.trackLoaded) {
      // The slots, for the scheduler's cache warm-up (their entries were just read).
      const m = Math.min(n - start, LOADED_MAX - this.loadedN);
      for (let p = start; p < start + m; p++) {
        this.loadedList[this.loadedN++] = ent[ne[p] * ENTRY + E_SLOT];
      }
    }
    this.retire(first, lists[list + L_TAIL]);
    this.nearTail = n;
    if (n - this.nearHead > 1) this.sortNear(this.nearHead, n);
    return n - start;
  }

  /** Re-files every entry of a detached chain of `left` entries from chunk `c`, freeing it. */
  private refile(c: number, left: number): void {
    this.farEntries -= left;
    const chunk = this.chunk;
    while (left > 0) {
      const ent = this.ent; // re-read: filing may grow the pool (the chunks read stay valid)
      const k = Math.min(left, chunk);
      const first = c << this.chunkShift;
      for (let e = first; e < first + k; e++) {
        const o = e * ENTRY;
        const slot = ent[o + E_SLOT];
        if (slot !== DEAD) this.insert(slot, ent[o + E_TIME], ent[o + E_SEQ]);
      }
      left -= k;
      const next = this.chunkNext[c];
      this.releaseChunk(c); // after reading it: insert may reuse it at once
      c = next;
    }
  }

  /** Files this revolution's coarse list (after the overflow list, every COARSE revolutions) into the ring. */
  private startRevolution(): void {
    let refiled = 0;
    if (this.rev % COARSE === 0) refiled += this.drainOuter(this.overflow);
    refiled += this.drainOuter(this.coarse + (this.rev % COARSE) * LIST);
    // More entries re-filed than events loaded in a revolution: a longer ring would have
    // filed them once (adapt doubles it).
    if (this.revolutionAdvances >= this.buckets && refiled > this.revolutionLoaded) {
      this.ringTooShort = this.buckets < MAX_BUCKETS;
    }
    this.revolutionAdvances = 0;
    this.revolutionLoaded = 0;
  }

  /** Re-files a coarse or overflow list; returns its number of entries. */
  private drainOuter(list: number): number {
    const lists = this.lists;
    const n = lists[list + L_COUNT];
    if (n === 0) return 0;
    lists[list + L_COUNT] = 0;
    this.outerEntries -= n;
    this.refile(lists[list + L_HEAD], n);
    return n;
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
        if (this.ent[e * ENTRY + E_SLOT] === DEAD) continue;
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
   * (wider), too full (narrower), or the ring too short (see startRevolution: twice the buckets).
   */
  private adapt(): boolean {
    const k = this.perBucket;
    const mean = this.windowLoaded / this.windowAdvances;
    const ringTooShort = this.ringTooShort;
    this.windowAdvances = 0;
    this.windowLoaded = 0;
    this.ringTooShort = false;
    let width = this.width;
    if (mean < k / 4 && width < MAX_WIDTH) width *= Math.min(1024, k / Math.max(mean, k / 1024));
    else if (mean > 1.5 * k) width *= k / mean;
    if (width === this.width && !ringTooShort) return false;
    this.rebuild(width, ringTooShort ? 2 * this.buckets : this.buckets);
    return true;
  }

  /** Renumbers buckets from `time` in an empty queue (only dead entries may remain). */
  private restartAt(time: number): void {
    this.base = Number.isFinite(time) ? time : 0;
    this.cur = -1;
    this.rev = -1;
  }

  /**
   * Re-files every pending event with bucket width `width`, numbering buckets from the
   * earliest one; drops every dead entry and resizes the ring to the queue. O(n), in place:
   * each list's chunks are freed as they are read, and re-filing reuses them.
   */
  private rebuild(width: number, buckets: number): void {
    const lists = this.lists;
    const ent = this.ent;
    // The near run's live events, copied out: its chunks are freed first.
    let near = 0;
    const runLength = this.nearTail - this.nearHead;
    if (this.scratch.length < ENTRY * runLength) {
      this.scratch = new Float64Array(ENTRY * runLength * 2);
    }
    const s = this.scratch;
    for (let p = this.nearHead; p < this.nearTail; p++) {
      const o = this.nEnt[p] * ENTRY;
      if (ent[o + E_SLOT] === DEAD) continue;
      s[near * ENTRY + E_TIME] = ent[o + E_TIME];
      s[near * ENTRY + E_SEQ] = ent[o + E_SEQ];
      s[near * ENTRY + E_SLOT] = ent[o + E_SLOT];
      near++;
    }
    this.nearHead = this.nearTail = 0;
    this.releaseNearChunks();
    // The earliest pending time becomes the new base (the run is sorted: its first is its least).
    let min = near > 0 ? s[E_TIME] : Number.POSITIVE_INFINITY;
    for (let list = 0; list <= this.overflow; list += LIST) {
      let left = lists[list + L_COUNT];
      let c = lists[list + L_HEAD];
      while (left > 0) {
        const m = Math.min(left, this.chunk);
        const first = c << this.chunkShift;
        for (let e = first; e < first + m; e++) {
          const o = e * ENTRY;
          if (ent[o + E_SLOT] !== DEAD && ent[o + E_TIME] < min) min = ent[o + E_TIME];
        }
        left -= m;
        c = this.chunkNext[c];
      }
    }
    // Detach every list (head chunk, entries).
    const detached: number[] = [];
    for (let list = 0; list <= this.overflow; list += LIST) {
      if (lists[list + L_COUNT] > 0) detached.push(lists[list + L_HEAD], lists[list + L_COUNT]);
    }
    if (!this.fixedPerBucket) {
      this.perBucket = this.count < SMALL_QUEUE ? SMALL_PER_BUCKET : LARGE_PER_BUCKET;
    }
    // Empty the tiers with the new numbering, then re-file.
    buckets = Math.min(MAX_BUCKETS, Math.max(buckets, this.ringSizeFor(this.count)));
    if (buckets !== this.buckets) {
      this.buckets = buckets;
      this.mask = buckets - 1;
      this.coarse = buckets * LIST;
      this.overflow = this.coarse + COARSE * LIST;
      this.nearList = this.overflow + LIST;
      this.lists = new Int32Array(this.nearList + LIST);
    } else {
      for (let list = 0; list <= this.nearList; list += LIST) lists[list + L_COUNT] = 0;
    }
    this.farEntries = 0;
    this.outerEntries = 0;
    this.rev = -1;
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
      // Only events at ±∞ (or none): all go to the near run, which orders them by seq.
      this.cur = Number.POSITIVE_INFINITY;
    }
    for (let p = 0; p < near; p++) {
      this.insert(s[p * ENTRY + E_SLOT], s[p * ENTRY + E_TIME], s[p * ENTRY + E_SEQ]);
    }
    for (let i = 0; i < detached.length; i += 2) {
      this.farEntries += detached[i + 1]; // refile subtracts what it reads
      this.refile(detached[i], detached[i + 1]);
    }
  }

  /**
   * Ring buckets for n pending events: a power of two, about n / perBucket, four times that
   * for a small queue (whose ring headers cost nothing in cache, and whose overflow list
   * then stays short).
   */
  private ringSizeFor(n: number): number {
    const span = n < SMALL_QUEUE ? 4 : 1;
    let buckets = this.minBuckets;
    while (buckets < (span * n) / this.perBucket && buckets < MAX_BUCKETS) buckets *= 2;
    return buckets;
  }

  // ---- near run -------------------------------------------------------------------------

  /** Capacity for `extra` more entries at the run's tail (bucket loading). */
  private ensureNear(extra: number): void {
    let cap = this.nTime.length;
    while (this.nearTail + extra > cap) cap *= 2;
    if (cap !== this.nTime.length) this.growNear(cap);
  }

  private growNear(cap: number): void {
    this.nTime = grow(this.nTime, new Float64Array(cap));
    this.nSeq = grow(this.nSeq, new Float64Array(cap));
    this.nEnt = grow(this.nEnt, new Int32Array(cap));
  }

  /**
   * Sorts positions [lo, hi) of the run by (time, seq). A bucket holds about `perBucket`
   * entries, so insertion sort; a bucket that no width can split (thousands of events at
   * one instant) is merge-sorted instead.
   */
  private sortNear(lo: number, hi: number): void {
    if (hi - lo > INSERTION_SORT_MAX) {
      this.mergeSortNear(lo, hi);
      return;
    }
    const nt = this.nTime;
    const ns = this.nSeq;
    const ne = this.nEnt;
    for (let i = lo + 1; i < hi; i++) {
      const t = nt[i];
      const s = ns[i];
      const e = ne[i];
      let j = i;
      while (j > lo) {
        const pt = nt[j - 1];
        if (t > pt || (t === pt && s > ns[j - 1])) break;
        nt[j] = pt;
        ns[j] = ns[j - 1];
        ne[j] = ne[j - 1];
        j--;
      }
      nt[j] = t;
      ns[j] = s;
      ne[j] = e;
    }
  }

  /** Bottom-up merge sort of positions [lo, hi) through the scratch buffer (rare path). */
  private mergeSortNear(lo: number, hi: number): void {
    const n = hi - lo;
    if (this.scratch.length < 2 * ENTRY * n) this.scratch = new Float64Array(4 * ENTRY * n);
    // Keys and entries side by side in two halves of the scratch, merged back and forth.
    let src = this.scratch.subarray(0, ENTRY * n);
    let dst = this.scratch.subarray(ENTRY * n, 2 * ENTRY * n);
    for (let k = 0; k < n; k++) {
      src[k * ENTRY + E_TIME] = this.nTime[lo + k];
      src[k * ENTRY + E_SEQ] = this.nSeq[lo + k];
      src[k * ENTRY + E_SLOT] = this.nEnt[lo + k];
    }
    for (let width = 1; width < n; width *= 2) {
      for (let a = 0; a < n; a += 2 * width) {
        const mid = Math.min(a + width, n);
        const end = Math.min(a + 2 * width, n);
        let i = a;
        let j = mid;
        for (let k = a; k < end; k++) {
          let from: number;
          if (j >= end) from = i++;
          else if (i >= mid) from = j++;
          else {
            const ti = src[i * ENTRY + E_TIME];
            const tj = src[j * ENTRY + E_TIME];
            from =
              ti < tj || (ti === tj && src[i * ENTRY + E_SEQ] < src[j * ENTRY + E_SEQ]) ? i++ : j++;
          }
          dst[k * ENTRY + E_TIME] = src[from * ENTRY + E_TIME];
          dst[k * ENTRY + E_SEQ] = src[from * ENTRY + E_SEQ];
          dst[k * ENTRY + E_SLOT] = src[from * ENTRY + E_SLOT];
        }
      }
      [src, dst] = [dst, src];
    }
    for (let k = 0; k < n; k++) {
      this.nTime[lo + k] = src[k * ENTRY + E_TIME];
      this.nSeq[lo + k] = src[k * ENTRY + E_SEQ];
      this.nEnt[lo + k] = src[k * ENTRY + E_SLOT];
    }
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

  /** Keeps a loaded chain (first … last chunk) until the near run is spent. */
  private retire(first: number, last: number): void {
    this.chunkNext[last] = this.retiredHead;
    if (this.retiredHead < 0) this.retiredTail = last;
    this.retiredHead = first;
  }

  /** Frees the chunks the near run pointed into: retired buckets and the near list. */
  private releaseNearChunks(): void {
    const lists = this.lists;
    const nl = this.nearList;
    if (lists[nl + L_COUNT] > 0) {
      this.retire(lists[nl + L_HEAD], lists[nl + L_TAIL]);
      lists[nl + L_COUNT] = 0;
    }
    if (this.retiredHead >= 0) {
      this.chunkNext[this.retiredTail] = this.freeChunk;
      this.freeChunk = this.retiredHead;
      this.retiredHead = this.retiredTail = -1;
    }
  }

  private growChunks(): void {
    const cap = this.chunkNext.length * 2;
    this.chunkNext = grow(this.chunkNext, new Int32Array(cap));
    this.ent = grow(this.ent, new Float64Array(cap * this.chunk * ENTRY));
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
