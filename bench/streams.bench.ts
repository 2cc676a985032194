/**
 * Random stream table at population scale: memory of 1M seeded per-phone
 * streams and uniform draw rates. Run after `npm run build`:
 *   node --expose-gc dist/bench/streams.bench.js
 * Prints `1M streams: 17.0 MB` and `uniform draws/s: 150.2 M` style lines
 * (scripts read them); without --expose-gc the memory figure is noisier.
 */
import seedrandom from 'seedrandom';
import { StreamTable } from '../src/engine/random/index.js';

const ENTITIES = 1_000_000;
const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

/** Sink for drawn values so the JIT cannot drop the loops. */
let checksum = 0;

/** Heap plus typed-array backing stores (these live outside the JS heap). */
function retainedBytes(): { retained: number; rss: number } {
  gc?.();
  gc?.();
  const m = process.memoryUsage();
  return { retained: m.heapUsed + m.arrayBuffers, rss: m.rss };
}

function rate(label: string, draws: number, run: () => void): void {
  run(); // warm the JIT on the same code path
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${label}: ${(draws / seconds / 1e6).toFixed(1)} M`);
}

function main(): void {
  if (!gc) console.log('note: run with --expose-gc for a stable memory figure');

  const before = retainedBytes();
  const seedStart = process.hrtime.bigint();
  const table = new StreamTable(42, 0, 'bench', ENTITIES);
  for (let e = 0; e < ENTITIES; e++) checksum += table.uniform(e); // seeds every stream
  const seedSeconds = Number(process.hrtime.bigint() - seedStart) / 1e9;
  const after = retainedBytes();
  console.log(`1M streams: ${((after.retained - before.retained) / MB).toFixed(1)} MB`);
  console.log(`1M streams RSS increase: ${((after.rss - before.rss) / MB).toFixed(1)} MB`);
  console.log(
    `seeding 1M streams: ${seedSeconds.toFixed(2)} s (${(ENTITIES / seedSeconds / 1e6).toFixed(2)} M/s)`,
  );

  const oneEntityDraws = 100_000_000;
  rate('uniform draws/s', oneEntityDraws, () => {
    const src = table.source(17);
    let sum = 0;
    for (let i = 0; i < oneEntityDraws; i++) sum += src.uniform();
    checksum += sum;
  });

  const sweeps = 50;
  rate('uniform draws/s (1M entities, sequential)', sweeps * ENTITIES, () => {
    let sum = 0;
    for (let s = 0; s < sweeps; s++) for (let e = 0; e < ENTITIES; e++) sum += table.uniform(e);
    checksum += sum;
  });

  // Entities in random order, as events of scattered phones hit the table.
  const order = new Int32Array(4 * ENTITIES);
  for (let i = 0; i < order.length; i++) order[i] = table.uint32(i % ENTITIES) % ENTITIES;
  rate('uniform draws/s (1M entities, random order)', order.length, () => {
    let sum = 0;
    for (let i = 0; i < order.length; i++) sum += table.uniform(order[i]);
    checksum += sum;
  });

  const reference = seedrandom.xor128('42|0|bench|17');
  rate('seedrandom xor128() draws/s (reference, one stream)', oneEntityDraws, () => {
    let sum = 0;
    for (let i = 0; i < oneEntityDraws; i++) sum += reference();
    checksum += sum;
  });

  console.log(`(checksum ${checksum.toFixed(3)})`);
}

main();
