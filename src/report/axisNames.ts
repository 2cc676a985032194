/**
 * Human names for scenario paths on sweep axes: `carriers.0.nat.idleTimeout` reads "NAT
 * idle timeout, carrier 1 (s)", not the path. Known fields are named here; any other path
 * is spelled out from its last key (camelCase split, a trailing unit suffix turned into the
 * unit). Durations are in seconds, as the model uses them.
 */

interface Known {
  pattern: RegExp;
  name: (m: RegExpMatchArray, ctx: AxisContext) => string;
  unit?: string;
}

/** What a name may mention: the strategies and carriers of the scenario by index. */
export interface AxisContext {
  strategies?: readonly string[];
  carriers?: readonly string[];
}

const nth = (list: readonly string[] | undefined, i: string, what: string) =>
  list?.[Number(i)] ?? `${what} ${Number(i) + 1}`;

const KNOWN: readonly Known[] = [
  {
    pattern: /^carriers\.(\d+)\.nat\.idleTimeout(\.value|\.median)?$/,
    name: (m, c) =>
      `NAT idle timeout${m[2] === '.median' ? ' (median)' : ''}, ${nth(c.carriers, m[1], 'carrier')}`,
    unit: 's',
  },
  {
    pattern: /^carriers\.(\d+)\.nat\.capacity$/,
    name: (m, c) => `NAT capacity, ${nth(c.carriers, m[1], 'carrier')}`,
    unit: 'mappings',
  },
  {
    pattern: /^carriers\.(\d+)\.rtt$/,
    name: (m, c) => `Round-trip time, ${nth(c.carriers, m[1], 'carrier')}`,
    unit: 's',
  },
  {
    pattern: /^strategies\.(\d+)\.params\.intervalS$/,
    name: (m, c) => `Heartbeat interval of ${nth(c.strategies, m[1], 'strategy')}`,
    unit: 's',
  },
  {
    pattern: /^strategies\.(\d+)\.reconnect\.jitter$/,
    name: (m, c) => `Reconnect jitter of ${nth(c.strategies, m[1], 'strategy')}`,
  },
  {
    pattern: /^groups\.(\d+)\.count$/,
    name: (m) => `Phones in group ${Number(m[1]) + 1}`,
    unit: 'phones',
  },
  { pattern: /^groups\.(\d+)\.architecture$/, name: () => 'Push architecture' },
  {
    pattern: /^groups\.(\d+)\.apps\.(\d+)\.pushRatePerHour$/,
    name: () => 'Push rate per app',
    unit: 'messages/h',
  },
  {
    pattern: /^server\.keepalive\.factor$/,
    name: () => 'Server keep-alive factor',
    unit: '× interval',
  },
  { pattern: /^duration$/, name: () => 'Simulated duration', unit: 's' },
  { pattern: /^warmup$/, name: () => 'Warm-up', unit: 's' },
  { pattern: /^rtt$/, name: () => 'Round-trip time', unit: 's' },
  { pattern: /^replications$/, name: () => 'Replications' },
];

const SUFFIX_UNITS: readonly [RegExp, string][] = [
  [/PerHour$/, '/h'],
  [/PerDay$/, '/day'],
  [/Pct$/, '%'],
  [/Mah$/, 'mAh'],
  [/S$/, 's'],
];

function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/**
 * "Human name (unit)" of a swept path. `durationValues` says the swept values were
 * durations (then the unit is seconds even for a field the table does not know).
 */
export function axisTitle(path: string, durationValues = false, ctx: AxisContext = {}): string {
  for (const k of KNOWN) {
    const m = path.match(k.pattern);
    if (m) return k.unit ? `${k.name(m, ctx)} (${k.unit})` : k.name(m, ctx);
  }
  const keys = path.split('.').filter((k) => !/^\d+$/.test(k));
  let last = keys[keys.length - 1] ?? path;
  let unit = durationValues ? 's' : '';
  for (const [re, u] of SUFFIX_UNITS) {
    if (re.test(last) && last.replace(re, '') !== '') {
      unit = u;
      last = last.replace(re, '');
      break;
    }
  }
  const context =
    keys.length > 1 ? ` (${keys.slice(0, -1).map(words).join(' › ').toLowerCase()})` : '';
  return `${words(last)}${context}${unit ? ` (${unit})` : ''}`;
}
