/**
 * Zeroed memory that starts on a cache-line boundary (64 bytes), for tables of fixed-size
 * records that should not straddle cache lines: a 64-byte record that straddles costs two
 * cache misses instead of one.
 *
 * An ArrayBuffer carries no alignment guarantee (a large one comes from malloc, typically
 * 16 bytes into a page); a WebAssembly.Memory is page-aligned. Tables below
 * `ALIGNED_MIN_BYTES` stay plain ArrayBuffers: they fit in cache anyway, and every Memory
 * reserves address space, which a test suite building thousands of small worlds should not.
 */
export const ALIGNED_MIN_BYTES = 1 << 20;

const WASM_PAGE = 65536;

/** The one WebAssembly API used here (the ES2022 lib, without DOM, does not declare it). */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
};

/** A zeroed buffer of at least `bytes` bytes, 64-byte aligned when it is large. */
export function cacheAlignedBuffer(bytes: number): ArrayBuffer {
  if (bytes < ALIGNED_MIN_BYTES) return new ArrayBuffer(bytes);
  const pages = Math.ceil(bytes / WASM_PAGE);
  return new WebAssembly.Memory({ initial: pages, maximum: pages }).buffer;
}
