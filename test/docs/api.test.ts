/**
 * docs/api.md's examples are programs: each ```ts block runs as an ES module against this
 * checkout (the `hbsim` import pointed at src/index.ts) and must exit 0 and print.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';

const DOC = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const BLOCKS = [...DOC.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
const TMP = mkdtempSync(join(tmpdir(), 'hbsim-apidoc-'));
const INDEX = pathToFileURL(join(ROOT, 'src/index.ts')).href;
const TSX = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** What each example must print (one pattern per block, in order). */
const EXPECT = [
  /^gcm: [\d.]+ reconnects\/phone\/day, 95% CI [\d.]+\.\.[\d.]+\nsmart: /m,
  /^tradeoff-reconnectsPerPhoneDay\.pdf$/m,
  /min: lost \(natEviction\) on lte-5min, NAT timeout 300 s/,
  /broken\.yaml.*duration/s,
];

describe('docs/api.md examples', () => {
  it('has the examples this test expects', () => {
    expect(BLOCKS).toHaveLength(EXPECT.length);
    for (const b of BLOCKS) expect(b).toMatch(/from 'hbsim';/);
  });

  BLOCKS.forEach((code, i) => {
    it(`example ${i + 1} runs and prints what it says`, () => {
      const file = join(TMP, `example-${i + 1}.mts`);
      writeFileSync(file, code.replaceAll("from 'hbsim';", `from '${INDEX}';`));
      const r = spawnSync(process.execPath, ['--import', TSX, file], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(EXPECT[i]);
    });
  });
});
