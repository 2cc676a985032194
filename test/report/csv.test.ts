import { describe, expect, it } from 'vitest';
import { csvField, csvLine, runsCsv, timeseriesCsv } from '../../src/report/csv.js';
import { makeExperiment } from './fixture.js';

/** Minimal RFC 4180 parser for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('CSV quoting', () => {
  it('quotes only where needed and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(1 / 3)).toBe('0.3333333333');
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});

describe('runs.csv', () => {
  it('has a header and one row per strategy × replication with every metric', () => {
    const result = makeExperiment();
    result.scenario.name = 'commute, "busy" hour';
    const rows = parseCsv(runsCsv(result));
    const [header, ...body] = rows;
    expect(header.slice(0, 6)).toEqual([
      'scenario',
      'scenarioHash',
      'seed',
      'replication',
      'strategy',
      'hbsimVersion',
    ]);
    expect(body).toHaveLength(9);
    for (const m of [
      'reconnectsPerPhoneDay',
      'pushLatencyP95S',
      'learnedIntervalS',
      'pushWithin1sPct',
    ]) {
      expect(header).toContain(m);
    }
    expect(header).toContain('reconnects.natEviction');
    for (const row of body) {
      expect(row).toHaveLength(header.length);
      expect(row[0]).toBe('commute, "busy" hour'); // survived quoting
    }
    const col = (name: string) => header.indexOf(name);
    expect(body.map((r) => `${r[col('strategy')]}#${r[col('replication')]}`)).toEqual([
      'fixed-270#0',
      'fixed-270#1',
      'fixed-270#2',
      'smart#0',
      'smart#1',
      'smart#2',
      'aimd#0',
      'aimd#1',
      'aimd#2',
    ]);
    // Non-adaptive strategies have no learned interval: empty cell, not "NaN".
    expect(body[0][col('learnedIntervalS')]).toBe('');
    expect(Number(body[3][col('learnedIntervalS')])).toBeGreaterThan(0);
  });
});

describe('timeseries.csv', () => {
  it('is long format and self-describing: scenario, hash, seed, run, bucket, series, unit, value', () => {
    const result = makeExperiment({ strategies: 2, replications: 2, durationS: 3600 });
    const rows = parseCsv(timeseriesCsv(result));
    expect(rows[0]).toEqual([
      'scenario',
      'scenarioHash',
      'seed',
      'strategy',
      'replication',
      'bucketStartS',
      'bucketS',
      'series',
      'unit',
      'value',
    ]);
    // 2 strategies × 2 replications × 60 buckets × 8 series
    expect(rows.length - 1).toBe(2 * 2 * 60 * 8);
    const signaling = rows.filter((r) => r[3] === 'smart' && r[4] === '1' && r[7] === 'signaling');
    expect(signaling).toHaveLength(60);
    const run = result.runs.find((r) => r.strategy === 'smart' && r.replication === 1)!;
    expect(signaling[1].slice(0, 7)).toEqual([
      result.scenario.name,
      result.scenario.hash,
      String(run.seed),
      'smart',
      '1',
      '60',
      '60',
    ]);
    expect(signaling[1][8]).toBe('signaling messages per bucket');
    expect(Number(signaling[5][9])).toBe(run.series.signaling[5]);
    // Every series has a unit of its own, not the fallback.
    for (const r of rows.slice(1)) expect(r[8]).not.toBe('count per bucket');
  });
});
