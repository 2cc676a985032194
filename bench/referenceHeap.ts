/**
 * Calibration for bench/engine.bench.ts: the reference structure of the measurements this
 * project started from, a struct-of-arrays binary heap (Float64 time,
 * Float64 insertion sequence, Int32 payload; no handles, no cancel), run on the same hold
 * model. The anchors were measured on another machine; this one's figure says how fast the
 * machine at hand runs the same structure, so the event queue's figures can be read
 * against it. Written here for the benchmark only; the engine does not use it.
 */

class ReferenceHeap {
  private time: Float64Array;
  private seq: Float64Array;
  private payload: Int32Array;
  private n = 0;
  private nextSeq = 0;

  constructor(capacity: number) {
    this.time = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.payload = new Int32Array(capacity);
  }

  get minTime(): number {
    return this.time[0];
  }

  push(t: number, p: number): void {
    const time = this.time;
    const seq = this.seq;
    const payload = this.payload;
    const s = this.nextSeq++;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = time[parent];
      if (t > pt || (t === pt && s > seq[parent])) break;
      time[i] = pt;
      seq[i] = seq[parent];
      payload[i] = payload[parent];
      i = parent;
    }
    time[i] = t;
    seq[i] = s;
    payload[i] = p;
  }

  pop(): number {
    const time = this.time;
    const seq = this.seq;
    const payload = this.payload;
    const top = payload[0];
    const n = --this.n;
    const t = time[n];
    const s = seq[n];
    const p = payload[n];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = time[child];
      let cs = seq[child];
      const right = child + 1;
      if (right < n && (time[right] < ct || (time[right] === ct && seq[right] < cs))) {
        child = right;
        ct = time[right];
        cs = seq[right];
      }
      if (t < ct || (t === ct && s < cs)) break;
      time[i] = ct;
      seq[i] = cs;
      payload[i] = payload[child];
      i = child;
    }
    time[i] = t;
    seq[i] = s;
    payload[i] = p;
    return top;
  }
}

/**
 * The hold model of engine.bench.ts on the reference heap: operations per second. The loop
 * is written again rather than shared: one harness calling two queue classes would make
 * its call sites polymorphic and slow both measurements.
 */
export function holdReference(
  pending: number,
  ops: number,
  makeRng: (seed: number) => () => number,
): number {
  const heap = new ReferenceHeap(pending + 1);
  const rnd = makeRng(12345);
  for (let i = 0; i < pending; i++) heap.push(-Math.log(rnd()), i);
  const run = (n: number) => {
    let lastPushed = 0;
    for (let i = 0; i < n; i++) {
      const now = heap.minTime;
      const p = heap.pop();
      let t: number;
      if (rnd() < 0.05 && lastPushed >= now) t = lastPushed;
      else t = now - Math.log(rnd());
      lastPushed = t;
      heap.push(t, p);
    }
  };
  run(Math.min(ops, 200_000));
  const start = process.hrtime.bigint();
  run(ops);
  return ops / (Number(process.hrtime.bigint() - start) / 1e9);
}
