/** Thrown when a strategy's parameters are wrong; the scenario layer turns it into a user error. */
export class StrategyParamError extends Error {
  override name = 'StrategyParamError';
}

interface Bounds {
  min?: number;
  max?: number;
}

function check(name: string, v: unknown, b: Bounds): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new StrategyParamError(
      `parameter ${name}: expected a finite number, found ${JSON.stringify(v)}`,
    );
  }
  if (b.min !== undefined && v < b.min)
    throw new StrategyParamError(`parameter ${name}: expected >= ${b.min}, found ${v}`);
  if (b.max !== undefined && v > b.max)
    throw new StrategyParamError(`parameter ${name}: expected <= ${b.max}, found ${v}`);
  return v;
}

/** A numeric parameter with a default (the source of each default is in docs/strategies.md). */
export function numberParam(
  p: Record<string, unknown>,
  name: string,
  dflt: number,
  b: Bounds = {},
): number {
  return check(name, p[name] ?? dflt, b);
}

export function optionalNumberParam(
  p: Record<string, unknown>,
  name: string,
  b: Bounds = {},
): number | undefined {
  return p[name] === undefined ? undefined : check(name, p[name], b);
}

export function booleanParam(p: Record<string, unknown>, name: string, dflt: boolean): boolean {
  const v = p[name] ?? dflt;
  if (typeof v !== 'boolean') {
    throw new StrategyParamError(
      `parameter ${name}: expected true or false, found ${JSON.stringify(v)}`,
    );
  }
  return v;
}

export function stringParam(p: Record<string, unknown>, name: string, dflt: string): string {
  const v = p[name] ?? dflt;
  if (typeof v !== 'string' || v === '') {
    throw new StrategyParamError(
      `parameter ${name}: expected a non-empty string, found ${JSON.stringify(v)}`,
    );
  }
  return v;
}

/** A nested parameter object (e.g. the base policy's parameters of radio-aware). */
export function recordParam(p: Record<string, unknown>, name: string): Record<string, unknown> {
  const v = p[name] ?? {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new StrategyParamError(
      `parameter ${name}: expected an object, found ${JSON.stringify(v)}`,
    );
  }
  return v as Record<string, unknown>;
}

/**
 * Rejects parameter names the strategy does not know: a misspelt `intervalSec` would otherwise
 * silently leave the default in place and the researcher would compare the wrong policy.
 */
export function checkKnownParams(
  p: Record<string, unknown>,
  known: readonly string[],
  strategy: string,
): void {
  for (const name of Object.keys(p)) {
    if (!known.includes(name)) {
      throw new StrategyParamError(
        `strategy ${strategy}: unknown parameter "${name}" (known: ${known.join(', ')})`,
      );
    }
  }
}

/**
 * Parsed parameters shared by every connection built from the same params object: the model
 * calls a factory once per connection (a million times) with one params object, so parsing
 * and checking once keeps both the time and the per-connection memory down.
 */
export function sharedConfig<C>(
  cache: WeakMap<object, C>,
  params: Record<string, unknown>,
  parse: (p: Record<string, unknown>) => C,
): C {
  let c = cache.get(params);
  if (c === undefined) {
    c = parse(params);
    cache.set(params, c);
  }
  return c;
}
