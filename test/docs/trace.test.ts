/**
 * docs/trace.md documents every trace event, field and cause the model can emit, and the
 * examples of `hbsim trace --help` (the same as the doc's) run and print what they promise.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CAUSE_NAMES } from '../../src/model/causes.js';
import { hbsim, ROOT } from '../cli/helpers.js';

const DOC = readFileSync(join(ROOT, 'docs/trace.md'), 'utf8');
const documentedEvents = new Set([...DOC.matchAll(/^### `([a-z-]+)`$/gm)].map((m) => m[1]));
const documentedFields = new Set([...DOC.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1]));

/** Event names the model notes: `note(phone, t, 'name'`. */
function emittedEvents(): string[] {
  const dir = join(ROOT, 'src/model');
  const names = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/\bnote\([^,]+,[^,]+,\s*'([a-z-]+)'/g)) names.add(m[1]);
  }
  return [...names].sort();
}

/** The example command lines of `hbsim trace --help`. */
let examplesCache: string[] | undefined;
function helpExamples(): string[] {
  if (examplesCache) return examplesCache;
  const help = hbsim(['trace', '--help']);
  expect(help.code).toBe(0);
  const after = help.out.split('Examples:')[1] ?? '';
  examplesCache = after
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('hbsim trace '));
  return examplesCache;
}

/** Runs a shell line with `hbsim` meaning this checkout's CLI (from source, through tsx). */
function shell(line: string): { code: number | null; out: string; err: string } {
  const tsx = join(ROOT, 'node_modules/tsx/dist/loader.mjs');
  const hb = `hbsim() { "${process.execPath}" --import "file://${tsx}" "${join(ROOT, 'src/cli/main.ts')}" "$@"; }`;
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `${hb}\n${line}`], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('docs/trace.md', () => {
  it('documents every event the model notes', () => {
    const events = emittedEvents();
    expect(events.length).toBeGreaterThan(10);
    expect(events.filter((e) => !documentedEvents.has(e))).toEqual([]);
  });

  it('documents every cause', () => {
    for (const c of CAUSE_NAMES) expect(DOC, c).toContain(`| \`${c}\` |`);
  });

  it('lists the help examples', () => {
    for (const line of helpExamples()) expect(DOC.replace(/ \\\n\s+/g, ' ')).toContain(line);
  });
});

describe('hbsim trace --help examples', () => {
  const examples = helpExamples();

  it('has three examples, one filtering with jq on the event field', () => {
    expect(examples).toHaveLength(3);
    expect(examples.some((l) => l.includes('.event =='))).toBe(true);
  });

  for (const line of examples) {
    it(`runs: ${line}`, () => {
      const r = shell(line);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      const lines = r.out.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(lines[0].length).toBeGreaterThan(0);
      if (!line.includes('|')) {
        const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
        for (const rec of records) {
          for (const k of Object.keys(rec)) expect(documentedFields.has(k), k).toBe(true);
          expect(documentedEvents.has(String(rec.event)), String(rec.event)).toBe(true);
          expect(['up', 'idle']).toContain(rec.radio);
        }
        const hb = records.find((x) => x.event === 'heartbeat-ack')!;
        expect(hb.natTimeoutS).toBe(300);
        expect(hb.network).toBe('lte-5min');
      } else if (line.includes('connection-lost')) {
        const rec = JSON.parse(lines[0]) as Record<string, unknown>;
        expect(rec.event).toBe('connection-lost');
        expect(typeof rec.cause).toBe('string');
        expect(CAUSE_NAMES as readonly unknown[]).toContain(rec.cause);
      } else {
        // The tsv example: heartbeat events with the mapping's timeout in the last column.
        for (const l of lines) expect(l.split('\t')[3]).toBe('300');
      }
    });
  }
});
