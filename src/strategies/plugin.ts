import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyFactory } from './types.js';
import { StrategyPluginError, validateStrategyInstance } from './validate.js';

const JS = new Set(['.js', '.mjs', '.cjs']);
const TS = new Set(['.ts', '.mts', '.cts']);

/**
 * Loads a researcher's strategy module (`type: ./my-policy.ts` in a scenario file), resolved
 * against `baseDir` (the scenario file's directory). `.js`/`.mjs`/`.cjs` go through Node's
 * own import(); `.ts`/`.mts`/`.cts` through tsx's scoped loader, so plugins need no build
 * step and the loader does not leak into the rest of the process.
 *
 * The module must export `createStrategy(params, env)` or a default function. The returned
 * factory checks every strategy it builds (validateStrategyInstance), so a plugin that
 * forgets a method fails at world construction with its name, not deep inside a run.
 */
export async function loadStrategyModule(path: string, baseDir: string): Promise<StrategyFactory> {
  const file = resolve(baseDir, path);
  if (!existsSync(file)) {
    throw new StrategyPluginError(
      `strategy module not found: ${file} (from "${path}" relative to ${baseDir})`,
    );
  }
  const ext = extname(file).toLowerCase();
  if (!JS.has(ext) && !TS.has(ext)) {
    throw new StrategyPluginError(
      `strategy module ${file}: unsupported extension "${ext}" (use .js, .mjs, .cjs, .ts, .mts or .cts)`,
    );
  }

  let mod: Record<string, unknown>;
  try {
    const url = pathToFileURL(file).href;
    if (TS.has(ext)) {
      // Loaded lazily: a run without TypeScript plugins never pays for esbuild.
      const { tsImport } = await import('tsx/esm/api');
      mod = await tsImport(url, import.meta.url);
    } else {
      mod = await import(url);
    }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new StrategyPluginError(`strategy module ${file} failed to load: ${message}`, {
      cause: e,
    });
  }

  const factory = pickFactory(mod);
  if (!factory) {
    const names = Object.keys(mod);
    throw new StrategyPluginError(
      `strategy module ${file} exports no strategy factory: expected "export function createStrategy(params, env)" or a default export function (found exports: ${names.length ? names.join(', ') : 'none'})`,
    );
  }
  return (params, env) => {
    const s: unknown = factory(params, env);
    validateStrategyInstance(s, `strategy module ${file}`);
    return s;
  };
}

type AnyFactory = (params: Record<string, unknown>, env: unknown) => unknown;

function pickFactory(mod: Record<string, unknown>): AnyFactory | undefined {
  if (typeof mod.createStrategy === 'function') return mod.createStrategy as AnyFactory;
  const d = mod.default;
  if (typeof d === 'function') return d as AnyFactory;
  // CommonJS modules (and tsx's interop for them) put named exports under `default`.
  if (typeof d === 'object' && d !== null) {
    const inner = (d as Record<string, unknown>).createStrategy;
    if (typeof inner === 'function') return inner as AnyFactory;
  }
  return undefined;
}

// The checks live in validate.ts so the model can use them without importing this loader.
export {
  guardInterval,
  StrategyIntervalError,
  StrategyPluginError,
  validateStrategyInstance,
} from './validate.js';
