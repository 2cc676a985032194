/**
 * A measured keep-alive cost table: average device current (mA) by keep-alive interval,
 * one point per line, `<interval>, <current mA>`; the interval in seconds or with a unit
 * (20s, 5m), or `none` for no keep-alive. `#` starts a comment; blank lines are skipped.
 */
export interface MeasuredPoint {
  /** Seconds; Infinity = no keep-alive. */
  intervalS: number;
  currentMa: number;
  /** As written, for the report. */
  label: string;
}

/** A table the user wrote that cannot be read: names the file, the line, expected and found. */
export class TableError extends Error {
  override name = 'UsageError';
}

const UNITS: Record<string, number> = { '': 1, s: 1, m: 60, min: 60, h: 3600 };

export function parseIntervalS(text: string): number | undefined {
  if (/^(none|inf|infinity|-)$/i.test(text)) return Number.POSITIVE_INFINITY;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|min|h)?$/.exec(text);
  if (!m) return undefined;
  const v = Number(m[1]) * UNITS[m[2] ?? ''];
  return v > 0 ? v : undefined;
}

export function parseTable(text: string, file: string): MeasuredPoint[] {
  const points: MeasuredPoint[] = [];
  text.split(/\r?\n/).forEach((raw, n) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return;
    const where = `${file}:${n + 1}`;
    const cells = line.split(/\s*[,;\t]\s*|\s+/).filter(Boolean);
    if (cells.length !== 2)
      throw new TableError(
        `${where}: expected "<interval>, <current mA>" (e.g. "20s, 34" or "none, 6.1"), found "${line}"`,
      );
    const intervalS = parseIntervalS(cells[0]);
    if (intervalS === undefined)
      throw new TableError(
        `${where}: expected an interval (seconds, 20s, 5m, or none), found "${cells[0]}"`,
      );
    const currentMa = Number(cells[1].replace(/ma$/i, ''));
    if (!Number.isFinite(currentMa) || currentMa <= 0)
      throw new TableError(`${where}: expected a current in mA > 0, found "${cells[1]}"`);
    points.push({ intervalS, currentMa, label: cells[0] });
  });
  if (points.length < 2)
    throw new TableError(`${file}: expected at least 2 points, found ${points.length}`);
  return points;
}
