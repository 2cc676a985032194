import { describe, expect, it } from 'vitest';
import { WHILE_IDLE_COMPAT, WHILE_IDLE_EXACT } from '../../src/model/whileIdle.js';
import { issuesOf, load } from './helpers.js';

const withGroup = (g: string) => `carriers: [lte-5min]\ngroups: [${g}]\nstrategies: [gcm]\n`;

describe('scenario: Doze while-idle alarms and screen-on profile', () => {
  it('reads whileIdle presets and a custom quota', () => {
    const exact = load(withGroup('{ count: 2, doze: { whileIdle: exact } }'));
    expect(exact.groups[0].dozeWhileIdle).toEqual(WHILE_IDLE_EXACT);
    const compat = load(withGroup('{ count: 2, doze: { whileIdle: compat } }'));
    expect(compat.groups[0].dozeWhileIdle).toEqual(WHILE_IDLE_COMPAT);
    const own = load(withGroup('{ count: 2, doze: { whileIdle: { quota: 3, window: 30m } } }'));
    expect(own.groups[0].dozeWhileIdle).toEqual({ quota: 3, windowS: 1800 });
    expect(load(withGroup('{ count: 2, doze: true }')).groups[0].dozeWhileIdle).toBeUndefined();
  });

  it('rejects an unknown preset and an all-zero session profile, naming the path', () => {
    const bad = issuesOf(withGroup('{ count: 2, doze: { whileIdle: sometimes } }'));
    expect(bad[0].path).toContain('whileIdle');
    const zeros = Array(24).fill(0).join(', ');
    const z = issuesOf(
      withGroup(`{ count: 2, background: { ratePerHour: 1, duration: 1m, profile: [${zeros}] } }`),
    );
    expect(z[0].path).toContain('profile');
    expect(z[0].expected).toMatch(/weight > 0/);
  });

  it('keeps a background profile', () => {
    const p = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 23 ? 1 : 0));
    const s = load(
      withGroup(
        `{ count: 2, background: { ratePerHour: 1, duration: 1m, profile: [${p.join(', ')}] } }`,
      ),
    );
    expect(s.groups[0].background?.profile).toEqual(p);
  });
});
