import { describe, expect, it } from 'vitest';
import { axisTitle } from '../../src/report/axisNames.js';

describe('sweep axis titles', () => {
  it('name known scenario fields with their unit', () => {
    expect(axisTitle('carriers.0.nat.idleTimeout', true)).toBe('NAT idle timeout, carrier 1 (s)');
    expect(axisTitle('carriers.1.nat.idleTimeout', true, { carriers: ['a', 'lte-5min'] })).toBe(
      'NAT idle timeout, lte-5min (s)',
    );
    expect(axisTitle('strategies.0.params.intervalS', false, { strategies: ['fixed'] })).toBe(
      'Heartbeat interval of fixed (s)',
    );
    expect(axisTitle('groups.0.architecture')).toBe('Push architecture');
    expect(axisTitle('groups.2.apps.0.pushRatePerHour')).toBe('Push rate per app (messages/h)');
  });

  it('spell out other paths from their last key, the unit from its suffix', () => {
    expect(axisTitle('strategies.1.params.safetyMarginS')).toBe(
      'Safety margin (strategies › params) (s)',
    );
    expect(axisTitle('battery.capacityMah')).toBe('Capacity (battery) (mAh)');
    expect(axisTitle('startSpread', true)).toBe('Start spread (s)');
  });
});
