import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, expectRefusal } from '../safety/helpers.js';

const calibrate = (...a: string[]) => cli(['calibrate', ...a]);

describe('hbsim calibrate', () => {
  it('prints the per-point errors and a preset the scenario format accepts (JSON)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hbsim-cal-'));
    const file = join(dir, 'lte.txt');
    // Only the idle power is fitted: one knob, a fast fit.
    writeFileSync(file, '# LTE phone\n60s, 60\n300, 20\nnone, 5.5\n');
    const c = await calibrate(file, '--radio', 'lte', '--fit', 'idlePowerW', '--json');
    expect(c.code, c.err).toBe(0);
    const out = JSON.parse(c.out);
    expect(out.points).toHaveLength(3);
    expect(out.points[2].intervalS).toBeNull();
    expect(out.radio.preset).toBe('lte');
    expect(out.radio.idlePowerW).toBeGreaterThan(0);
    expect(out.command).toContain('--fit idlePowerW');
    // The printed radio drops into a scenario's carrier as it is.
    const scenario = join(dir, 's.yaml');
    writeFileSync(
      scenario,
      `name: cal\nduration: 1h\ncarriers:\n  - { name: mine, radio: ${JSON.stringify(out.radio)} }\n` +
        'groups:\n  - { name: g, count: 1 }\nstrategies:\n  - { name: f, type: fixed }\n',
    );
    expect((await cli(['validate', scenario])).code).toBe(0);
  });

  it('bad input exits 2 with the file, line, expected and found, and no stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hbsim-cal-'));
    const file = join(dir, 'bad.txt');
    writeFileSync(file, '20s, 34\n40s\n');
    expectRefusal(
      await calibrate(file),
      /bad\.txt:2: expected "<interval>, <current mA>".*found "40s"/,
    );
    expectRefusal(await calibrate(join(dir, 'missing.txt')), /cannot read .*missing\.txt: ENOENT/);
    expectRefusal(await calibrate(file, '--radio', 'nr'), /--radio: expected one of .* found "nr"/);
  });
});
