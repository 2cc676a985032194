import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration, parseRate } from '../../src/scenario/units.js';

describe('durations', () => {
  it.each([
    ['250ms', 0.25],
    ['30s', 30],
    ['4.5m', 270],
    ['5min', 300],
    ['2h', 7200],
    ['1d', 86400],
    ['1h30m', 5400],
    ['1d 6h', 108000],
    [' 10 s ', 10],
    ['.5h', 1800],
  ])('%s is %d s', (text, seconds) => {
    expect(parseDuration(text)).toBeCloseTo(seconds, 9);
  });

  it.each(['', '5', '5 minutes', '-5s', '5x', 'h', '1h30', '5mm', '1e3s'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats compactly and round-trips', () => {
    expect(formatDuration(300)).toBe('5m');
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(0.25)).toBe('250ms');
    expect(formatDuration(86400)).toBe('1d');
    expect(formatDuration(4.5)).toBe('4.5s');
    for (const s of [1, 59, 61, 3599, 90061, 270]) expect(parseDuration(formatDuration(s))).toBe(s);
  });
});

describe('rates', () => {
  it('converts to the unit asked for', () => {
    expect(parseRate('3/h', 3600)).toBeCloseTo(3);
    expect(parseRate('1/d', 3600)).toBeCloseTo(1 / 24);
    expect(parseRate('2/min', 3600)).toBeCloseTo(120);
    expect(parseRate('1/10m', 3600)).toBeCloseTo(6);
    expect(parseRate('24/d', 86400)).toBeCloseTo(24);
    expect(parseRate('500/s', 1)).toBeCloseTo(500);
  });

  it('rejects what is not a rate', () => {
    for (const t of ['3', '3/x', '/h', '3/0s', 'h/3', '3 per hour'])
      expect(parseRate(t, 3600)).toBeUndefined();
  });
});
