import { describe, expect, it } from 'vitest';
import { StrategyParamError } from '../../src/strategies/params.js';
import { getStrategy } from '../../src/strategies/registry.js';
import { freshEnv, makeContext } from './driver.js';

const entry = getStrategy('radio-aware')!;
const make = (p: Record<string, unknown> = {}) =>
  entry.create({ ...entry.defaults, ...p }, freshEnv());

describe('radio-aware', () => {
  it('defaults to fixed 300 s with a 60 s piggyback slack', () => {
    const s = make();
    const ctx = makeContext();
    expect(s.nextInterval(ctx)).toBe(300);
    expect(s.piggybackSlackS?.(ctx)).toBe(60);
    expect(s.ackTimeoutS(ctx)).toBe(60);
  });

  it('wraps any built-in with its defaults and the given base params', () => {
    const s = make({ base: 'binary-search', baseParams: { minS: 100 } });
    const ctx = makeContext();
    s.onConnected(ctx);
    expect(s.nextInterval(ctx)).toBe((100 + 3600) / 2);
    expect(s.learnedInterval?.(ctx)).toBe(100);
    expect(s.announcedInterval?.(ctx)).toBe(3600);
  });

  it('slackFraction scales the slack with the base interval', () => {
    const s = make({ base: 'smart', slackFraction: 0.25 });
    const ctx = makeContext();
    s.onConnected(ctx);
    expect(s.piggybackSlackS?.(ctx)).toBe(0.25 * 210);
  });

  it('falls back to the base interval where the base has no announced/learned interval', () => {
    const s = make({ base: 'gcm' });
    const wifi = makeContext({ networkKind: 'wifi' });
    expect(s.nextInterval(wifi)).toBe(900);
    expect(s.announcedInterval?.(wifi)).toBe(900);
    expect(s.learnedInterval?.(makeContext())).toBe(1680);
  });

  it('rejects an unknown or recursive base', () => {
    expect(() => make({ base: 'nope' })).toThrow(StrategyParamError);
    expect(() => make({ base: 'radio-aware' })).toThrow(/cannot be radio-aware/);
    expect(() => make({ baseParams: { intervalSec: 5 } })).toThrow(
      /unknown parameter "intervalSec"/,
    );
  });
});
