/**
 * report.html: one self-contained page (opens from file://, no network): inline CSS, the
 * tables, the scenario echo, and interactive charts drawn in the browser by the inlined
 * UMD builds of Chart.js and its plugins from the same JSON specs as the PNG/SVG files.
 */
import { browserScripts } from './assets.js';
import type { ChartSpec } from './chartSpec.js';
import { FONT, FONT_FAMILY, TEXT_COLOR } from './style.js';
import type { Table } from './tables.js';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for element content and quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** JSON to embed in a <script> element: nothing in it can end the element or open a comment. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Library code to inline: defuse sequences that would end or confuse a <script> element. */
export function scriptSafe(js: string): string {
  return js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
}

export function htmlTable(t: Table, collapsed = false): string {
  const head = t.headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  const note = t.note ? `<p class="note">${escapeHtml(t.note)}</p>` : '';
  const table = `${note}
<div class="scroll"><table>
<thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table></div>`;
  if (collapsed) {
    return `<section id="${escapeHtml(t.id)}">
<details><summary><h2>${escapeHtml(t.title)}</h2></summary>
${table}
</details>
</section>`;
  }
  return `<section id="${escapeHtml(t.id)}">
<h2>${escapeHtml(t.title)}</h2>
${table}
</section>`;
}

function chartFigure(c: ChartSpec, withFiles: boolean): string {
  const files = withFiles
    ? ` <a href="charts/${encodeURIComponent(c.id)}.png">PNG</a> · <a href="charts/${encodeURIComponent(c.id)}.svg">SVG</a> · <a href="charts/${encodeURIComponent(c.id)}.pdf">PDF</a>`
    : '';
  return `<figure class="chart">
<div class="canvas-box"><canvas id="chart-${escapeHtml(c.id)}" role="img" aria-label="${escapeHtml(c.title)}"></canvas></div>
<figcaption>${escapeHtml(c.caption)}${files}</figcaption>
</figure>`;
}

const CSS = `
:root { color-scheme: light; }
body { font-family: ${FONT_FAMILY}; color: #222; background: #fff; margin: 0 auto; max-width: 1100px; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: 0.3rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
.lead { color: #444; }
.meta { color: #555; font-size: 0.9rem; }
.note { color: #555; font-size: 0.85rem; font-style: italic; margin: 0.3rem 0 0.6rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
table { max-width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.3rem 0.5rem; text-align: right; }
td { overflow-wrap: anywhere; }
thead th { background: #f3f3f3; text-align: center; white-space: normal; }
tbody th { text-align: left; font-weight: 600; }
tbody tr:nth-child(even) { background: #fafafa; }
figure.chart { margin: 1.2rem 0 2rem; }
.canvas-box { position: relative; width: 100%; max-width: 1000px; aspect-ratio: 8 / 5; }
figcaption { font-size: 0.9rem; color: #444; margin-top: 0.4rem; max-width: 1000px; }
details { margin: 1rem 0; }
details > summary { cursor: pointer; }
details > summary h2 { display: inline; border: none; }
section > details > summary { margin-top: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
#answer figure.chart { margin-top: 0.6rem; }
pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.8rem; overflow: auto; font-size: 0.8rem; max-height: 40rem; }
nav ul { columns: 2; font-size: 0.9rem; }
`;

/**
 * Browser side: register the plugins once, then draw each spec into its canvas. Datasets
 * marked hbsimLegendHidden (band edges) stay out of the legend; a legend click toggles a
 * dataset together with every dataset of the same hbsimGroup (a line and its band).
 */
const INIT_SCRIPT = `(function () {
  "use strict";
  var style = JSON.parse(document.getElementById("hbsim-style").textContent);
  var specs = JSON.parse(document.getElementById("hbsim-charts").textContent);
  Chart.register(
    ChartErrorBars.BarWithErrorBarsController, ChartErrorBars.BarWithErrorBar,
    ChartErrorBars.ScatterWithErrorBarsController, ChartErrorBars.PointWithErrorBar,
    ChartBoxPlot.BoxPlotController, ChartBoxPlot.BoxAndWiskers,
    { id: "hbsimWhiteBackground", beforeDraw: function (chart) {
        var ctx = chart.ctx; ctx.save(); ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, chart.width, chart.height); ctx.restore(); } });
  Chart.defaults.font.family = style.fontFamily;
  Chart.defaults.font.size = style.fontSize;
  Chart.defaults.color = style.textColor;
  function legendFilter(item, data) {
    var ds = data.datasets[item.datasetIndex];
    return !(ds && ds.hbsimLegendHidden);
  }
  function legendClick(event, item, legend) {
    var chart = legend.chart;
    var index = item.datasetIndex;
    var group = chart.data.datasets[index].hbsimGroup;
    var show = !chart.isDatasetVisible(index);
    chart.data.datasets.forEach(function (ds, i) {
      if (i === index || (group !== undefined && ds.hbsimGroup === group)) chart.setDatasetVisibility(i, show);
    });
    chart.update();
  }
  function logTickLabel(value) {
    var v = Number(value);
    if (!(v > 0)) return "";
    var mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
    var nice = [1, 2, 5].some(function (m) { return Math.abs(mantissa - m) < 1e-6; });
    return nice ? String(Number(v.toPrecision(6))) : "";
  }
  window.hbsimCharts = specs.map(function (spec) {
    var canvas = document.getElementById("chart-" + spec.id);
    var cfg = spec.config;
    cfg.options.responsive = true;
    cfg.options.maintainAspectRatio = false;
    cfg.options.plugins.legend.labels.filter = legendFilter;
    cfg.options.plugins.legend.onClick = legendClick;
    Object.keys(cfg.options.scales || {}).forEach(function (key) {
      var scale = cfg.options.scales[key];
      if (scale.type === "logarithmic") scale.ticks = Object.assign({}, scale.ticks, { callback: logTickLabel });
    });
    return new Chart(canvas, cfg);
  });
})();`;

export interface HtmlPage {
  title: string;
  /** Plain-text paragraphs under the title. */
  lead: string[];
  /** Plain-text facts (scenario, versions, timing). */
  facts: string[];
  tables: readonly Table[];
  charts: readonly ChartSpec[];
  /** Whether charts/<id>.png|svg exist next to the page (links in captions). */
  chartFiles: boolean;
  /**
   * What answers the question, shown first: these charts (e.g. the trade-off) and a small
   * table of headline metrics; the full tables then come collapsed.
   */
  answer?: { charts: readonly ChartSpec[]; table?: Table };
  /** Pretty-printed in a collapsed <details> block, when given. */
  echo?: { summary: string; value: unknown };
}

export function reportHtml(page: HtmlPage): string {
  const scripts = browserScripts();
  const answer = page.answer;
  const nav = [
    answer ? `<li><a href="#answer">The answer</a></li>` : '',
    ...page.tables.map((t) => `<li><a href="#${escapeHtml(t.id)}">${escapeHtml(t.title)}</a></li>`),
    page.charts.length > 0 ? `<li><a href="#charts">Charts</a></li>` : '',
    page.echo ? `<li><a href="#scenario">${escapeHtml(page.echo.summary)}</a></li>` : '',
  ].join('');
  const style = { fontFamily: FONT_FAMILY, fontSize: FONT.base, textColor: TEXT_COLOR };
  const first = new Set(answer?.charts.map((c) => c.id) ?? []);
  const rest = page.charts.filter((c) => !first.has(c.id));
  const charts =
    rest.length > 0
      ? `<section id="charts">\n<h2>Charts</h2>\n<p class="note">Hover for values; click a legend entry to hide or show a strategy.</p>\n${rest.map((c) => chartFigure(c, page.chartFiles)).join('\n')}\n</section>`
      : '';
  const answerHtml = answer
    ? `<section id="answer">\n<h2>The answer</h2>\n${answer.charts.map((c) => chartFigure(c, page.chartFiles)).join('\n')}\n${answer.table ? htmlTable(answer.table) : ''}\n</section>`
    : '';
  // Charts are drawn in page order: the answer's first.
  const ordered = [...(answer?.charts ?? []), ...rest];
  const echo = page.echo
    ? `<section id="scenario">\n<h2>${escapeHtml(page.echo.summary)}</h2>\n<details><summary>Show the resolved scenario (JSON)</summary>\n<pre>${escapeHtml(JSON.stringify(page.echo.value, null, 2) ?? 'null')}</pre>\n</details>\n</section>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(page.title)}</h1>
${page.lead.map((p) => `<p class="lead">${escapeHtml(p)}</p>`).join('\n')}
<ul class="meta">
${page.facts.map((f) => `<li>${escapeHtml(f)}</li>`).join('\n')}
</ul>
<nav><ul>${nav}</ul></nav>
</header>
<main>
${answerHtml}
${page.tables.map((t) => htmlTable(t, answer !== undefined)).join('\n')}
${charts}
${echo}
</main>
<script type="application/json" id="hbsim-style">${jsonForScript(style)}</script>
<script type="application/json" id="hbsim-charts">${jsonForScript(ordered)}</script>
<script>${scriptSafe(scripts.chartJs)}</script>
<script>${scriptSafe(scripts.errorBars)}</script>
<script>${scriptSafe(scripts.boxPlot)}</script>
<script>${INIT_SCRIPT}</script>
</body>
</html>
`;
}
