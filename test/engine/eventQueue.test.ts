import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../src/engine/eventQueue.js';

/**
 * Reference model: a plain array of pending (slot, time, seq), sorted on demand.
 * The queue must pop exactly the order (time, then scheduling sequence) of the reference.
 */
class Reference {
  pending = new Map<number, { time: number; seq: number }>();
  private seq = 0;
  schedule(slot: number, time: number) {
    this.pending.set(slot, { time, seq: this.seq++ });
  }
  cancel(slot: number) {
    this.pending.delete(slot);
  }
  pop(): number {
    let best = -1;
    let bt = 0;
    let bs = 0;
    for (const [slot, { time, seq }] of this.pending) {
      if (best < 0 || time < bt || (time === bt && seq < bs)) {
        best = slot;
        bt = time;
        bs = seq;
      }
    }
    if (best >= 0) this.pending.delete(best);
    return best;
  }
}

type Op =
  | { kind: 'schedule'; slot: number; time: number }
  | { kind: 'cancel'; slot: number }
  | { kind: 'pop' };

/** Applies one operation to the queue and to the reference; a pop must agree, sizes too. */
function applyOp(q: EventQueue, ref: Reference, op: Op): void {
  if (op.kind === 'schedule') {
    q.schedule(op.slot, op.time);
    ref.schedule(op.slot, op.time);
  } else if (op.kind === 'cancel') {
    q.cancel(op.slot);
    ref.cancel(op.slot);
  } else {
    expect(q.pop()).toBe(ref.pop());
  }
  expect(q.size).toBe(ref.pending.size);
}

// Times from a tiny set so that ties are frequent.
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('schedule' as const),
      slot: fc.integer({ min: 0, max: 31 }),
      time: fc.integer({ min: 0, max: 6 }).map((t) => t / 2),
    }),
    weight: 5,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      slot: fc.integer({ min: 0, max: 31 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('pop' as const) }), weight: 3 },
);

/** Times from a small set (frequent ties) spread over several scales, so that events land in
 * the near heap, the bucket ring and the overflow list of a queue with tiny tiers. */
const wideTime = fc.oneof(
  fc.integer({ min: 0, max: 8 }).map((t) => t / 4),
  fc.integer({ min: 0, max: 40 }).map((t) => t * 2.5),
  fc.constantFrom(1e4, 1e4 + 0.5, 3e6, Number.POSITIVE_INFINITY),
);

const wideOpArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('schedule' as const),
      slot: fc.integer({ min: 0, max: 63 }),
      time: wideTime,
    }),
    weight: 6,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('cancel' as const),
      slot: fc.integer({ min: 0, max: 63 }),
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('pop' as const) }), weight: 3 },
);

describe('EventQueue', () => {
  it('matches the sorted reference with tiny tiers: near run, bucket ring, overflow, rebuilds', () => {
    const tiny = { perBucket: 2, chunk: 2, width: 0.25, minBuckets: 4, deadSlack: 3 };
    fc.assert(
      fc.property(fc.array(wideOpArb, { maxLength: 400, size: 'max' }), (ops) => {
        const q = new EventQueue(4, tiny);
        const ref = new Reference();
        for (let i = 0; i < 64; i++) q.allocSlot(7, i);
        for (const op of ops) {
          applyOp(q, ref, op);
          const s = op.kind === 'pop' ? 0 : op.slot;
          const pending = ref.pending.get(s);
          expect(q.isPending(s)).toBe(pending !== undefined);
          expect(q.timeOf(s)).toBe(pending ? pending.time : Number.NaN);
        }
        for (let s = ref.pop(); s >= 0; s = ref.pop()) expect(q.pop()).toBe(s);
        expect(q.pop()).toBe(-1);
      }),
      { numRuns: 500 },
    );
  });

  it('adapts its buckets to dense and sparse event times and keeps the order (hold model)', () => {
    for (const scale of [1e-6, 1, 1e5]) {
      const q = new EventQueue(16);
      const ref = new Reference();
      let x = 12345;
      const rnd = () => {
        x = (x * 1103515245 + 12345) % 2147483648;
        return (x + 0.5) / 2147483648;
      };
      for (let i = 0; i < 400; i++) {
        const slot = q.allocSlot(0, i);
        const t = (scale * Math.floor(-Math.log(rnd()) * 64)) / 64;
        q.schedule(slot, t);
        ref.schedule(slot, t);
      }
      let now = 0;
      for (let i = 0; i < 10_000; i++) {
        const t = q.peekTime();
        expect(t).toBeGreaterThanOrEqual(now);
        now = t;
        const slot = q.pop();
        expect(slot).toBe(ref.pop());
        const next = now + (scale * Math.floor(-Math.log(rnd()) * 64)) / 64;
        q.schedule(slot, next);
        ref.schedule(slot, next);
      }
    }
  });

  it('pops in (time, scheduling order) like a sorted reference under random schedule/cancel/reschedule', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const q = new EventQueue(4); // tiny start: exercises growth too
        const ref = new Reference();
        for (let i = 0; i < 32; i++) q.allocSlot(7, i);
        for (const op of ops) {
          applyOp(q, ref, op);
        }
        // Drain: the rest must come out in reference order too.
        for (let s = ref.pop(); s >= 0; s = ref.pop()) expect(q.pop()).toBe(s);
        expect(q.pop()).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the order through a burst that no bucket width can split (merge-sorted load) with reschedules into it', () => {
    const q = new EventQueue(16);
    const ref = new Reference();
    const both = (slot: number, t: number) => {
      q.schedule(slot, t);
      ref.schedule(slot, t);
    };
    let x = 7;
    const rnd = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x / 2147483648;
    };
    // 3000 events at one instant among 300 spread over a millisecond, so the loaded bucket
    // is far larger than the insertion-sort limit.
    for (let i = 0; i < 3300; i++) both(q.allocSlot(0, i), i < 3000 ? 1 : 1 + rnd() * 1e-3);
    for (let i = 0; i < 6000; i++) {
      const slot = q.pop();
      expect(slot).toBe(ref.pop());
      if (slot < 0) break;
      expect(q.isPending(slot)).toBe(false);
      // Every third one comes back a little later (deep inserts into the loaded run);
      // every fifth pending one is cancelled.
      if (i % 3 === 0) both(slot, 1 + rnd() * 2e-3);
      if (i % 5 === 0) {
        const victim = (i * 7) % 3300;
        q.cancel(victim);
        ref.cancel(victim);
      }
      expect(q.size).toBe(ref.pending.size);
    }
    for (let s = ref.pop(); s >= 0; s = ref.pop()) expect(q.pop()).toBe(s);
    expect(q.pop()).toBe(-1);
  });

  it('fills in descending time order without quadratic cost and pops in order', () => {
    // Each event is earlier than every one before it: the worst case for the near run.
    const n = 200_000;
    const q = new EventQueue(n);
    for (let i = 0; i < n; i++) q.schedule(q.allocSlot(0, i), n - i);
    // Plain checks in the loop (one expect at the end): a quadratic fill would exceed the
    // test timeout by far (200k events: tens of seconds), a linear one takes milliseconds.
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      if (q.peekTime() !== i + 1) wrong++;
      if (q.pop() !== n - 1 - i) wrong++;
    }
    expect(wrong).toBe(0);
    expect(q.size).toBe(0);
  });

  it('fires equal times first-in-first-out, and a reschedule counts as a new insertion', () => {
    const q = new EventQueue();
    const a = q.allocSlot(0, 0);
    const b = q.allocSlot(0, 1);
    const c = q.allocSlot(0, 2);
    q.schedule(a, 5);
    q.schedule(b, 5);
    q.schedule(c, 5);
    q.schedule(a, 5); // moved behind b and c
    expect([q.pop(), q.pop(), q.pop()]).toEqual([b, c, a]);
  });

  it('keeps payloads and reports pending state and time', () => {
    const q = new EventQueue();
    const s = q.allocSlot(3, 42);
    expect(q.slotKind(s)).toBe(3);
    expect(q.slotEntity(s)).toBe(42);
    expect(q.isPending(s)).toBe(false);
    expect(Number.isNaN(q.timeOf(s))).toBe(true);
    q.schedule(s, 12.5);
    expect(q.isPending(s)).toBe(true);
    expect(q.timeOf(s)).toBe(12.5);
    q.cancel(s);
    expect(q.isPending(s)).toBe(false);
    expect(q.size).toBe(0);
  });
});
