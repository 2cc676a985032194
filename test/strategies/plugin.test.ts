import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadStrategyModule } from '../../src/strategies/plugin.js';
import {
  guardInterval,
  StrategyIntervalError,
  StrategyPluginError,
  validateStrategyInstance,
} from '../../src/strategies/validate.js';
import { drive, freshEnv, runs } from './driver.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');

/** Awaits a rejection and returns the error for closer inspection. */
async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}

describe('loadStrategyModule', () => {
  it('loads the documented example plugin from a .ts path (relative to baseDir) and runs it', async () => {
    const factory = await loadStrategyModule('./fixtures/examplePlugin.ts', here);
    const t = drive(factory({ startS: 120 }, freshEnv()), { natTimeoutS: 1000, maxBeats: 45 });
    // ×2 after every 10 acks; 1920 s fails → 960 s; the ack count restarts.
    expect(runs(t.beats)).toEqual([
      [120, 10],
      [240, 10],
      [480, 10],
      [960, 10],
      [1920, 1],
      [960, 4],
    ]);
  });

  it('loads a .mjs plugin with a default export, from an absolute path', async () => {
    const factory = await loadStrategyModule(join(fixtures, 'halvingPlugin.mjs'), '/nowhere');
    const t = drive(factory({ intervalS: 800 }, freshEnv()), { natTimeoutS: 300, maxBeats: 4 });
    expect(t.beats.map((b) => b.interval)).toEqual([800, 400, 200, 200]);
  });

  it('says which resolved path is missing', async () => {
    const e = await rejection(loadStrategyModule('./fixtures/nope.ts', here));
    expect(e).toBeInstanceOf(StrategyPluginError);
    expect(e.message).toContain(`strategy module not found: ${resolve(here, 'fixtures/nope.ts')}`);
  });

  it('reports an exception thrown while importing, with its message', async () => {
    const e = await rejection(loadStrategyModule('fixtures/throwingPlugin.mjs', here));
    expect(e).toBeInstanceOf(StrategyPluginError);
    expect(e.message).toMatch(/throwingPlugin\.mjs failed to load: boom at import time/);
  });

  it('reports a TypeScript module that does not compile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hbsim-plugin-'));
    try {
      writeFileSync(join(dir, 'broken.ts'), 'export function createStrategy( {\n');
      const e = await rejection(loadStrategyModule('broken.ts', dir));
      expect(e).toBeInstanceOf(StrategyPluginError);
      expect(e.message).toMatch(/broken\.ts failed to load: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a module without a factory, listing what it exports', async () => {
    const e = await rejection(loadStrategyModule('fixtures/noFactoryPlugin.mjs', here));
    expect(e).toBeInstanceOf(StrategyPluginError);
    expect(e.message).toMatch(/exports no strategy factory/);
    expect(e.message).toMatch(/createStrategy/);
    expect(e.message).toMatch(/found exports: (helper, intervalS|intervalS, helper)/);
  });

  it('reports a factory whose strategy misses a method, naming it', async () => {
    const factory = await loadStrategyModule('fixtures/badInstancePlugin.mjs', here);
    expect(() => factory({}, freshEnv())).toThrow(StrategyPluginError);
    expect(() => factory({}, freshEnv())).toThrow(/has no method nextInterval\(\)/);
  });

  it('rejects an unsupported extension', async () => {
    const e = await rejection(loadStrategyModule('../strategies/fixtures', here));
    expect(e).toBeInstanceOf(StrategyPluginError);
    expect(e.message).toMatch(/unsupported extension/);
  });
});

describe('validateStrategyInstance and guardInterval', () => {
  it('rejects non-objects and wrong optional members', () => {
    expect(() => validateStrategyInstance(null, 'm.js')).toThrow(
      /m\.js: the factory returned null/,
    );
    expect(() => validateStrategyInstance(42)).toThrow(/returned number/);
    const ok = {
      onConnected() {},
      onHeartbeatAck() {},
      onHeartbeatFailure() {},
      onNetworkChange() {},
      nextInterval: () => 1,
      ackTimeoutS: () => 1,
    };
    expect(() => validateStrategyInstance(ok)).not.toThrow();
    expect(() => validateStrategyInstance({ ...ok, piggybackSlackS: 5 })).toThrow(
      /optional member piggybackSlackS must be a method, found number/,
    );
    expect(() => validateStrategyInstance({ ...ok, onConnected: undefined })).toThrow(
      /no method onConnected\(\) \(found nothing\)/,
    );
  });

  it('guards intervals the model cannot schedule', () => {
    expect(guardInterval(30, 's')).toBe(30);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '30', undefined]) {
      expect(() => guardInterval(bad, 'my-plugin')).toThrow(StrategyIntervalError);
    }
    expect(() => guardInterval(Number.NaN, 'my-plugin')).toThrow(
      'strategy "my-plugin" returned an invalid heartbeat interval NaN (must be a finite number of seconds > 0)',
    );
  });
});
