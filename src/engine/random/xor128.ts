/**
 * Marsaglia's xorshift128 ("xor128", J. Stat. Softw. 8(14), 2003), stepped in
 * place on four 32-bit words of a shared Uint32Array. seedrandom keeps the
 * same state as four numbers on a closure-carrying object (hundreds of bytes
 * per stream); a table of 16 bytes per stream is what lets a million phones
 * each own their streams.
 *
 * The recurrence is seedrandom's `xor128` one for one, so a stream's int32
 * sequence is bit-identical to `seedrandom.xor128(key).int32()`. Only the bit
 * patterns matter: `<<`, `^` and `>>>` act on the 32-bit pattern whether a
 * word is read back as signed (seedrandom) or unsigned (Uint32Array).
 */
import seedrandom from 'seedrandom';

/** Words of state per stream. */
export const XOR128_WORDS = 4;

/**
 * Writes the state seedrandom derives from `key` into
 * `state[offset .. offset + 3]` (order x, y, z, w).
 *
 * The state can never be all zero (the one fixed point of xorshift): the key
 * is a non-empty string, its first character is xor-ed into x before any step,
 * and each step is a bijection on non-zero states.
 */
export function seedXor128(key: string, state: Uint32Array, offset: number): void {
  const seeded = seedrandom.xor128(key, { state: true }).state();
  // Uint32Array stores the signed int32 words modulo 2^32: same bits.
  state[offset] = seeded.x;
  state[offset + 1] = seeded.y;
  state[offset + 2] = seeded.z;
  state[offset + 3] = seeded.w;
}

/** Advances the stream at `offset` one step; returns the new word as uint32. */
export function nextXor128(state: Uint32Array, offset: number): number {
  const x = state[offset];
  const t = x ^ (x << 11);
  state[offset] = state[offset + 1];
  state[offset + 1] = state[offset + 2];
  const w = state[offset + 3];
  state[offset + 2] = w;
  const next = w ^ (w >>> 19) ^ t ^ (t >>> 8);
  state[offset + 3] = next;
  return next >>> 0;
}

/** 2^-32: maps a uint32 to (0, 1) as (u + 0.5) * 2^-32. */
export const UINT32_TO_OPEN_UNIT = 1 / 4294967296;

/**
 * The centred map (u + 0.5) / 2^32 lands strictly inside (0, 1): the extremes
 * are 2^-33 and 1 - 2^-33, both exact doubles, so log(u) and log(1 - u) are
 * always finite.
 */
export function uint32ToOpenUnit(u: number): number {
  return (u + 0.5) * UINT32_TO_OPEN_UNIT;
}
