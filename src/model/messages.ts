/**
 * Push messages in flight or waiting, in typed arrays with a free list, and per-connection
 * FIFO queues threaded through them, so a message costs no allocation.
 */
export class MessagePool {
  arrival: Float64Array;
  app: Int32Array;
  next: Int32Array;
  private freeHead = -1;
  private used = 0;
  /** Messages currently allocated (waiting, in flight or unacknowledged). */
  live = 0;

  constructor(capacity = 1024) {
    this.arrival = new Float64Array(capacity);
    this.app = new Int32Array(capacity);
    this.next = new Int32Array(capacity);
  }

  alloc(t: number, app: number): number {
    let m = this.freeHead;
    if (m >= 0) this.freeHead = this.next[m];
    else {
      if (this.used === this.arrival.length) this.grow();
      m = this.used++;
    }
    this.arrival[m] = t;
    this.app[m] = app;
    this.next[m] = -1;
    this.live++;
    return m;
  }

  free(m: number): void {
    this.next[m] = this.freeHead;
    this.freeHead = m;
    this.live--;
  }

  private grow(): void {
    const cap = this.arrival.length * 2;
    const a = new Float64Array(cap);
    a.set(this.arrival);
    this.arrival = a;
    const b = new Int32Array(cap);
    b.set(this.app);
    this.app = b;
    const n = new Int32Array(cap);
    n.set(this.next);
    this.next = n;
  }
}

/** One FIFO of messages per connection, linked through the pool's `next`. */
export class MessageQueues {
  private readonly head: Int32Array;
  private readonly tail: Int32Array;
  readonly length: Int32Array;

  constructor(
    private readonly pool: MessagePool,
    connections: number,
  ) {
    this.head = new Int32Array(connections).fill(-1);
    this.tail = new Int32Array(connections).fill(-1);
    this.length = new Int32Array(connections);
  }

  push(q: number, m: number): void {
    this.pool.next[m] = -1;
    const t = this.tail[q];
    if (t >= 0) this.pool.next[t] = m;
    else this.head[q] = m;
    this.tail[q] = m;
    this.length[q]++;
  }

  /** Removes and returns the oldest message, or -1. */
  shift(q: number): number {
    const m = this.head[q];
    if (m < 0) return -1;
    this.head[q] = this.pool.next[m];
    if (this.head[q] < 0) this.tail[q] = -1;
    this.length[q]--;
    return m;
  }

  /** Moves every message of queue `from` of this set to the back of queue `to` of `into`. */
  drainInto(from: number, into: MessageQueues, to: number): void {
    for (let m = this.shift(from); m >= 0; m = this.shift(from)) into.push(to, m);
  }
}
