import { isModulePath } from '../experiment/runUnit.js';
import type { Scenario } from '../scenario/scenario.js';
import { UsageError } from './errors.js';

/** Set to 1 to allow strategy modules without --allow-plugins (scripts, CI). */
export const ALLOW_PLUGINS_ENV = 'HBSIM_ALLOW_PLUGINS';

export function pluginsAllowedByEnv(): boolean {
  const v = process.env[ALLOW_PLUGINS_ENV];
  return v === '1' || v === 'true' || v === 'yes';
}

/** The strategy modules named by these point scenarios (absolute paths), with where. */
export function pluginModules(points: readonly Scenario[]): { path: string; at: string }[] {
  const found = new Map<string, string>();
  for (const sc of points) {
    sc.strategies.forEach((s, i) => {
      if (isModulePath(s.type) && !found.has(s.type))
        found.set(s.type, `strategies[${i}] "${s.name}"`);
    });
  }
  return [...found].map(([path, at]) => ({ path, at }));
}

/**
 * A strategy module is code that runs with the user's rights. A scenario file is data a
 * colleague may send you, so running the code it names takes an explicit yes.
 */
export function requirePluginPermission(
  points: readonly Scenario[],
  allowed: boolean,
  file: string | undefined,
): void {
  const modules = pluginModules(points);
  if (modules.length === 0 || allowed || pluginsAllowedByEnv()) return;
  const list = modules.map((m) => `${m.path} (${m.at})`).join(', ');
  throw new UsageError(
    `${file ?? 'the scenario'} names strategy module${modules.length === 1 ? '' : 's'} ${list}: a module is code that would run with your rights, and nothing was run. If you trust ${modules.length === 1 ? 'it' : 'them'}, pass --allow-plugins (or set ${ALLOW_PLUGINS_ENV}=1)`,
  );
}
