import {
  isAlias,
  isMap,
  isNode,
  isScalar,
  isSeq,
  LineCounter,
  type Document,
  parseDocument,
} from 'yaml';
import { type PathSegment, ScenarioError, type ScenarioIssue } from './errors.js';
import { checkTextLimits } from './limits.js';

/**
 * Scenario text → plain data plus a way back from a path in the data to a line and column
 * in the text. YAML and JSON both go through the `yaml` parser's node tree for positions;
 * JSON is first read by JSON.parse so that JSON files follow JSON's rules, not YAML's.
 */

export interface Position {
  line: number;
  col: number;
}

/** Position of the value at `path` (or of its key when `atKey`), else of its nearest ancestor. */
export type Locator = (path: readonly PathSegment[], atKey?: boolean) => Position | undefined;

export interface SourceDocument {
  /** The file as the user named it (used in messages). */
  file: string;
  data: unknown;
  locate: Locator;
}

/** Aliases deeper than this are refused: a scenario never needs a billion laughs. */
const MAX_ALIAS_COUNT = 1000;

export function parseScenarioText(text: string, file: string): SourceDocument {
  const body = text.replace(/^\uFEFF/, '');
  checkTextLimits(body, file);
  const lc = new LineCounter();
  const doc = parseDocument(body, {
    lineCounter: lc,
    merge: true,
    prettyErrors: false,
    logLevel: 'error',
  });
  const locate = makeLocator(doc, lc);
  if (/\.json$/i.test(file)) {
    const data = parseJson(body, file, lc, doc.errors[0]?.pos[0]);
    // JSON.parse keeps the last of two equal keys without a word; the YAML pass saw both.
    const dup = doc.errors.filter((e) => e.code === 'DUPLICATE_KEY');
    if (dup.length > 0) {
      throw new ScenarioError(
        dup.map((e) =>
          syntaxIssue(file, lc.linePos(e.pos[0]), `duplicate key: ${firstLine(e.message)}`),
        ),
      );
    }
    return { file, data, locate };
  }
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) =>
        syntaxIssue(file, lc.linePos(e.pos[0]), `YAML syntax error: ${firstLine(e.message)}`),
      ),
    );
  }
  try {
    return { file, data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }), locate };
  } catch (e) {
    throw new ScenarioError([
      syntaxIssue(
        file,
        undefined,
        `cannot read the YAML: ${firstLine(String((e as Error).message))}`,
      ),
    ]);
  }
}

/** `yamlErrorAt`: where the YAML parser stumbled, for JSON errors whose message has no position. */
function parseJson(
  body: string,
  file: string,
  lc: LineCounter,
  yamlErrorAt: number | undefined,
): unknown {
  try {
    return JSON.parse(body);
  } catch (e) {
    const message = String((e as Error).message);
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : yamlErrorAt;
    const pos = offset === undefined ? undefined : lc.linePos(offset);
    throw new ScenarioError([syntaxIssue(file, pos, `JSON syntax error: ${firstLine(message)}`)]);
  }
}

function syntaxIssue(file: string, pos: Position | undefined, message: string): ScenarioIssue {
  return { file, line: pos?.line, col: pos?.col, path: '', expected: '', found: '', message };
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

function makeLocator(doc: Document, lc: LineCounter): Locator {
  const posOf = (node: unknown): Position | undefined => {
    const range = isNode(node) ? node.range : undefined;
    return range ? lc.linePos(range[0]) : undefined;
  };
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let best = posOf(node) ?? { line: 1, col: 1 };
    for (let i = 0; i < path.length; i++) {
      node = deref(doc, node);
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => keyText(p.key) === String(path[i]));
        if (!pair) return best;
        if (last && atKey) return posOf(pair.key) ?? best;
        best = posOf(pair.value) ?? posOf(pair.key) ?? best;
        node = pair.value;
      } else if (isSeq(node)) {
        const item = node.items[Number(path[i])];
        if (item === undefined) return best;
        best = posOf(item) ?? best;
        node = item;
      } else {
        return best;
      }
    }
    return best;
  };
}

function deref(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}
