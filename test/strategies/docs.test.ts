import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listStrategies } from '../../src/strategies/registry.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const doc = readFileSync(`${root}docs/strategies.md`, 'utf8');

/** Code blocks announced by `<!-- file: path -->`: the doc promises they are that file. */
function fileBlocks(): { path: string; code: string }[] {
  const re = /<!-- file: (\S+) -->\n```ts\n([\s\S]*?)```/g;
  return [...doc.matchAll(re)].map((m) => ({ path: m[1], code: m[2] }));
}

describe('docs/strategies.md', () => {
  it('quotes the example plugin and the interface verbatim', () => {
    const blocks = fileBlocks();
    expect(blocks.map((b) => b.path).sort()).toEqual([
      'src/strategies/types.ts',
      'test/strategies/fixtures/examplePlugin.ts',
    ]);
    for (const b of blocks) expect(b.code).toBe(readFileSync(`${root}${b.path}`, 'utf8'));
  });

  it('has a table row for every built-in', () => {
    for (const e of listStrategies()) expect(doc).toContain(`| \`${e.type}\` |`);
  });
});
