/**
 * CSV files (RFC 4180): runs.csv (one row per strategy × replication, every metric a
 * column) and timeseries.csv (long format). Fields holding a comma, quote, CR or LF, or
 * leading/trailing blanks are quoted, quotes doubled; lines end in CRLF as the RFC says.
 */
import type { RunResult, RunSeries } from '../model/runResult.js';
import { roundSignificant } from './canonicalJson.js';
import { sortMetricNames } from './metrics.js';
import { groupRuns, runMetrics } from './runs.js';
import type { ExperimentResult } from './types.js';

const EOL = '\r\n';

export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    const r = roundSignificant(value);
    return r === null ? '' : String(r);
  }
  if (/[",\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function csvLine(fields: readonly (string | number | null | undefined)[]): string {
  return fields.map(csvField).join(',') + EOL;
}

function orderedRuns(result: ExperimentResult): RunResult[] {
  return [...groupRuns(result).values()].flat();
}

/** runs.csv: identification columns, then every metric, then reconnect causes. */
export function runsCsv(result: ExperimentResult): string {
  const runs = orderedRuns(result);
  const metrics = runs.map(runMetrics);
  const metricNames = sortMetricNames(metrics.flatMap((m) => Object.keys(m)));
  const causes = [...new Set(runs.flatMap((r) => Object.keys(r.reconnectCauses ?? {})))].sort();
  const header = [
    'scenario',
    'scenarioHash',
    'seed',
    'replication',
    'strategy',
    'hbsimVersion',
    'phones',
    'durationS',
    'warmupS',
    ...metricNames,
    ...causes.map((c) => `reconnects.${c}`),
    'events',
  ];
  let out = csvLine(header);
  runs.forEach((run, i) => {
    out += csvLine([
      result.scenario.name,
      result.scenario.hash,
      run.seed,
      run.replication,
      run.strategy,
      result.meta.hbsimVersion,
      run.phones,
      run.durationS,
      run.warmupS,
      ...metricNames.map((m) => metrics[i][m]),
      ...causes.map((c) => run.reconnectCauses?.[c] ?? 0),
      run.events,
    ]);
  });
  return out;
}

/** Series of RunSeries, in a fixed order (every number[] member except bucketS). */
export function seriesNames(series: RunSeries): string[] {
  return Object.keys(series)
    .filter((k) => Array.isArray((series as unknown as Record<string, unknown>)[k]))
    .sort();
}

/** Unit of each time series value (docs/model.md §8): counts per bucket, all phones. */
export const SERIES_UNITS: Record<string, string> = {
  signaling: 'signaling messages per bucket',
  promotions: 'radio promotions per bucket',
  handshakes: 'connection handshakes per bucket',
  heartbeats: 'heartbeats sent per bucket',
  reconnects: 'reconnects per bucket',
  pushDelivered: 'push messages delivered per bucket',
  failedHeartbeats: 'heartbeats that failed (no answer) per bucket',
  sessions: 'server sessions open at the end of the bucket',
};

export const TIMESERIES_HEADER = [
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
] as const;

/**
 * timeseries.csv, long format and self-describing: every row names the scenario (and its
 * hash), the run's seed, strategy and replication, the bucket, the series and its unit.
 */
export function timeseriesCsv(result: ExperimentResult): string {
  const chunks: string[] = [csvLine(TIMESERIES_HEADER)];
  const scenario = `${csvField(result.scenario.name)},${csvField(result.scenario.hash)}`;
  for (const run of orderedRuns(result)) {
    const s = run.series;
    if (!s) continue;
    const names = seriesNames(s);
    const data = s as unknown as Record<string, number[]>;
    const len = Math.max(0, ...names.map((n) => data[n].length));
    const head = `${scenario},${run.seed},${csvField(run.strategy)},${run.replication}`;
    const units = names.map((n) => csvField(SERIES_UNITS[n] ?? 'count per bucket'));
    const bucket = csvField(s.bucketS);
    for (let i = 0; i < len; i++) {
      const start = csvField(i * s.bucketS);
      names.forEach((n, k) => {
        const v = data[n][i];
        if (v === undefined) return;
        chunks.push(`${head},${start},${bucket},${n},${units[k]},${csvField(v)}${EOL}`);
      });
    }
  }
  return chunks.join('');
}
