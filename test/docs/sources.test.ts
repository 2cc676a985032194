/**
 * Citations point into the repository: no file outside it is named (a user has only the
 * clone), every `sources: KEY` / `docs/sources.md#KEY` names an entry of docs/sources.md,
 * every "model.md §n" names a section that exists, and relative Markdown links resolve to
 * files of the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SELF = relative(ROOT, import.meta.filename);

/** What a clean clone holds and a user reads: sources, tests, docs, scenarios, examples. */
const ROOTS = [
  'src',
  'test',
  'bench',
  'docs',
  'scenarios',
  '.ci',
  'reports/README.md',
  'reports/examples',
  'README.md',
  'package.json',
];
const TEXT = /\.(ts|js|mjs|md|yaml|yml|json|csv|svg|html|sh)$|^run$/;

function walk(path: string, out: string[]): void {
  const abs = join(ROOT, path);
  if (!existsSync(abs)) return;
  if (statSync(abs).isDirectory()) {
    for (const name of readdirSync(abs)) {
      if (name === 'node_modules' || name.startsWith('.hbsim')) continue;
      walk(join(path, name), out);
    }
  } else if (TEXT.test(path.split('/').pop() ?? '')) {
    out.push(path);
  }
}

function repositoryFiles(): string[] {
  const out: string[] = [];
  for (const r of ROOTS) walk(r, out);
  return out.filter((f) => f !== SELF && !f.startsWith('test/fixtures/'));
}

const FILES = repositoryFiles();
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** Names of files a user does not have: the design notes and reference notes of the project. */
const OUTSIDE = [
  /\.\.\/shared\b/,
  /\bshared\/reference\b/,
  /\breference\/parameters\b/,
  /\bparameters\.md\b/,
  /\bperformance\.md\b/,
  /\bDESIGN\.md\b/,
  /\bDESIGN\b(?!_)/,
  /\bP §/,
];

const SOURCES = read('docs/sources.md');
const KEYS = new Set([...SOURCES.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));

/** Keys cited in a text: `sources: a, b` and `sources.md#a`. */
function citedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(/\bsources: ([a-z0-9][a-z0-9.-]*(?:, [a-z0-9][a-z0-9.-]*)*)/g)) {
    for (const k of m[1].split(', ')) keys.push(k.replace(/\.+$/, ''));
  }
  for (const m of text.matchAll(/sources\.md#([a-z0-9][a-z0-9.-]*)/g)) {
    keys.push(m[1].replace(/\.+$/, ''));
  }
  return keys;
}

/** "N" or "N.M" of every numbered heading of docs/model.md. */
const MODEL_SECTIONS = new Set(
  [...read('docs/model.md').matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]),
);

describe('citations stay inside the repository', () => {
  it('finds the files it checks', () => {
    expect(FILES).toContain('README.md');
    expect(FILES).toContain('src/scenario/presets.ts');
    expect(FILES.length).toBeGreaterThan(100);
  });

  it('names no file outside the repository', () => {
    const hits: string[] = [];
    for (const f of FILES) {
      read(f)
        .split('\n')
        .forEach((line, i) => {
          for (const re of OUTSIDE) if (re.test(line)) hits.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(hits).toEqual([]);
  });

  it('docs/sources.md has entries with a key and a heading each', () => {
    expect(KEYS.size).toBeGreaterThan(25);
    for (const k of KEYS) expect(SOURCES).toContain(`### ${k}\n`);
    for (const k of ['mars', 'chromium-gcm', 'microg', 'mqtt-3.1.1', 'rfc5382', 'whatsapp']) {
      expect(KEYS.has(k), k).toBe(true);
    }
  });

  it('every cited key is an entry of docs/sources.md', () => {
    const missing: string[] = [];
    let cited = 0;
    for (const f of FILES) {
      for (const k of citedKeys(read(f))) {
        cited++;
        if (!KEYS.has(k)) missing.push(`${f}: ${k}`);
      }
    }
    expect(missing).toEqual([]);
    expect(cited).toBeGreaterThan(50);
  });

  it('every "model.md §n" names a section of docs/model.md', () => {
    const missing: string[] = [];
    for (const f of FILES) {
      for (const m of read(f).matchAll(/model\.md §(\d+(?:\.\d+)?)/g)) {
        if (!MODEL_SECTIONS.has(m[1])) missing.push(`${f}: §${m[1]}`);
      }
    }
    expect(MODEL_SECTIONS.has('5.1')).toBe(true);
    expect(missing).toEqual([]);
  });

  it('every § in the code belongs to a citation (model.md section or a cited source)', () => {
    const loose: string[] = [];
    for (const f of FILES.filter((x) => x.startsWith('src/') || x.startsWith('scenarios/'))) {
      read(f)
        .split('\n')
        .forEach((line, i) => {
          if (line.includes('§') && !/model\.md §|strategies\.md §|sources/.test(line)) {
            loose.push(`${f}:${i + 1}: ${line.trim()}`);
          }
        });
    }
    expect(loose).toEqual([]);
  });

  it('relative Markdown links resolve to files of the repository', () => {
    const broken: string[] = [];
    for (const f of FILES.filter((x) => x.endsWith('.md'))) {
      for (const m of read(f).matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (target === '' || /^[a-z]+:/.test(target)) continue;
        const abs = resolve(ROOT, dirname(f), target);
        if (!abs.startsWith(`${ROOT}/`) || !existsSync(abs)) broken.push(`${f}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the checks catch what they look for', () => {
    expect(citedKeys('x (sources: mars, rfc5382.) and docs/sources.md#microg.')).toEqual([
      'mars',
      'rfc5382',
      'microg',
    ]);
    expect(OUTSIDE.some((re) => re.test('see ../shared/reference/parameters.md §3'))).toBe(true);
    expect(OUTSIDE.some((re) => re.test('DESIGN §7'))).toBe(true);
    expect(OUTSIDE.some((re) => re.test('const DESIGN_METRICS = []'))).toBe(false);
  });
});
