import type { z } from 'zod';
import { describeValue, type PathSegment, type RawIssue } from './errors.js';
import { getAt } from './paths.js';
import { isAuthored, knownKeysOf } from './schema/fields.js';
import { didYouMean } from './suggest.js';

/**
 * zod's issues, rewritten for a researcher: one issue per problem, in words ("expected an
 * integer >= 1, found 0"), with the path of the offending value. Unions are the hard part:
 * zod reports every branch; we keep the branch whose shape matches what the user wrote.
 */

type ZodIssue = z.core.$ZodIssue;

/** zod marks a discriminated union whose tag matched no option with this note (not in its types). */
const NO_MATCH = 'No matching discriminator';

function noteOf(iss: ZodIssue): string | undefined {
  return (iss as { note?: string }).note;
}

const TYPE_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  tuple: 'a list',
  null: 'null',
};

export function fromZod(issues: readonly ZodIssue[], data: unknown): RawIssue[] {
  const out: RawIssue[] = [];
  for (const iss of issues) convert(iss, [], data, out);
  return out;
}

function norm(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((p) => (typeof p === 'number' ? p : String(p)));
}

function convert(iss: ZodIssue, prefix: PathSegment[], data: unknown, out: RawIssue[]): void {
  const path = [...prefix, ...norm(iss.path)];
  const value = getAt(data, path);
  const found = describeValue(value);
  switch (iss.code) {
    case 'invalid_union': {
      if (noteOf(iss) === NO_MATCH) {
        const options = (iss as { options?: unknown[] }).options?.map(String) ?? [];
        const expected = `one of ${options.join(', ')}`;
        const hint = typeof value === 'string' ? didYouMean(value, options) : undefined;
        out.push(value === undefined ? missing(path, expected) : { path, expected, found, hint });
        return;
      }
      const branch = bestBranch(iss.errors);
      if (branch === undefined) out.push(plain(path, iss.message, value));
      else for (const sub of branch) convert(sub, path, data, out);
      return;
    }
    case 'invalid_type': {
      const expected = isAuthored(iss.message)
        ? iss.message
        : (TYPE_WORDS[iss.expected] ?? iss.expected);
      out.push(value === undefined ? missing(path, expected) : { path, expected, found });
      return;
    }
    case 'unrecognized_keys': {
      const known = knownKeysOf(value) ?? [];
      for (const key of iss.keys) {
        out.push({
          path: [...path, key],
          atKey: true,
          message: 'unknown key',
          expected: known.length ? `one of ${known.join(', ')}` : 'a known key',
          found: JSON.stringify(key),
          hint: didYouMean(key, known),
        });
      }
      return;
    }
    case 'invalid_value': {
      const options = iss.values.map((v) => String(v));
      const expected =
        options.length === 1 ? JSON.stringify(iss.values[0]) : `one of ${options.join(', ')}`;
      const hint = typeof value === 'string' ? didYouMean(value, options) : undefined;
      out.push(value === undefined ? missing(path, expected) : { path, expected, found, hint });
      return;
    }
    case 'too_small':
    case 'too_big':
      out.push({ path, expected: isAuthored(iss.message) ? iss.message : boundWords(iss), found });
      return;
    case 'invalid_format':
      out.push(plain(path, iss.message, value));
      return;
    case 'custom': {
      const params = iss.params as { expected?: string; hint?: string } | undefined;
      out.push({ path, expected: params?.expected ?? iss.message, found, hint: params?.hint });
      return;
    }
    default:
      out.push(plain(path, iss.message, value));
  }
}

function plain(path: PathSegment[], expected: string, value: unknown): RawIssue {
  return value === undefined
    ? missing(path, expected)
    : { path, expected, found: describeValue(value) };
}

function missing(path: PathSegment[], expected: string): RawIssue {
  return { path, expected, found: 'nothing', message: `missing; expected ${expected}` };
}

/**
 * The union branch that fits the shape of the input. A branch whose only complaint is that
 * the value at the union itself has the wrong type (a string where it wanted a mapping) is
 * not what the user meant; among the others prefer the most specific (deepest) complaint.
 */
function bestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] | undefined {
  let best: readonly ZodIssue[] | undefined;
  let bestDepth = -1;
  for (const b of branches) {
    if (b.length === 0 || wrongShape(b)) continue;
    const depth = Math.max(...b.map((i) => i.path.length));
    if (depth > bestDepth || (depth === bestDepth && best && b.length < best.length)) {
      best = b;
      bestDepth = depth;
    }
  }
  return best;
}

function wrongShape(issues: readonly ZodIssue[]): boolean {
  return issues.every(
    (i) =>
      i.path.length === 0 &&
      (i.code === 'invalid_type' ||
        (i.code === 'invalid_union' && noteOf(i) === undefined && i.errors.every(wrongShape))),
  );
}

function boundWords(iss: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig): string {
  const small = iss.code === 'too_small';
  const bound = Number(small ? iss.minimum : iss.maximum);
  const exact = (iss as { exact?: boolean }).exact === true;
  switch (iss.origin) {
    case 'array':
    case 'set':
      if (exact) return `a list of exactly ${bound} item${bound === 1 ? '' : 's'}`;
      return `a list of ${small ? 'at least' : 'at most'} ${bound} item${bound === 1 ? '' : 's'}`;
    case 'string':
      if (small && bound === 1) return 'a non-empty string';
      return `a string of ${small ? 'at least' : 'at most'} ${bound} characters`;
    default: {
      const what = iss.origin === 'int' ? 'an integer' : 'a number';
      const op = small ? (iss.inclusive ? '>=' : '>') : iss.inclusive ? '<=' : '<';
      return `${what} ${op} ${bound}`;
    }
  }
}
