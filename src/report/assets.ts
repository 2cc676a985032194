/**
 * Files of installed packages the report embeds: the browser (UMD) builds of Chart.js and
 * its plugins for the self-contained report.html, and the Chart.js version for meta.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Directory of a package's CommonJS entry file. */
function entryDir(pkg: string): string {
  return dirname(require.resolve(pkg));
}

export interface BrowserScripts {
  chartJs: string;
  errorBars: string;
  boxPlot: string;
}

let cached: BrowserScripts | undefined;

/** UMD builds: Chart.js (defines window.Chart), then the plugins (ChartErrorBars, ChartBoxPlot). */
export function browserScripts(): BrowserScripts {
  cached ??= {
    chartJs: readFileSync(join(entryDir('chart.js'), 'chart.umd.js'), 'utf8'),
    errorBars: readFileSync(join(entryDir('chartjs-chart-error-bars'), 'index.umd.min.js'), 'utf8'),
    boxPlot: readFileSync(
      join(entryDir('@sgratzl/chartjs-chart-boxplot'), 'index.umd.min.js'),
      'utf8',
    ),
  };
  return cached;
}

/** Installed Chart.js version (its package.json sits one level above dist/). */
export function chartJsVersion(): string {
  const pkg = JSON.parse(readFileSync(join(entryDir('chart.js'), '..', 'package.json'), 'utf8'));
  return String(pkg.version);
}
