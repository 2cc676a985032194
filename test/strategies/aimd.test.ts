import { describe, expect, it } from 'vitest';
import { AIMD_DEFAULTS, createAimd } from '../../src/strategies/aimd.js';
import { drive, freshEnv } from './driver.js';

describe('aimd', () => {
  it('adds 30 s per ack, halves on failure: a sawtooth under a constant 300 s NAT', () => {
    const s = createAimd({ ...AIMD_DEFAULTS }, freshEnv());
    const t = drive(s, { natTimeoutS: 300, maxBeats: 18 });
    expect(t.beats.map((b) => b.interval)).toEqual([
      60,
      90,
      120,
      150,
      180,
      210,
      240,
      270,
      300, // 300 fails → 150
      150,
      180,
      210,
      240,
      270,
      300, // fails → 150
      150,
      180,
      210,
    ]);
    expect(t.failures).toBe(2);
  });

  it('stays within [minS, maxS]', () => {
    const s = createAimd({ ...AIMD_DEFAULTS, minS: 100, maxS: 200, stepS: 70 }, freshEnv());
    const t = drive(s, { natTimeoutS: 1e9, maxBeats: 5 });
    expect(t.beats.map((b) => b.interval)).toEqual([100, 170, 200, 200, 200]);
    const u = drive(createAimd({ ...AIMD_DEFAULTS, minS: 100 }, freshEnv()), {
      natTimeoutS: 50,
      maxBeats: 3,
    });
    expect(u.beats.map((b) => b.interval)).toEqual([100, 100, 100]);
  });
});
