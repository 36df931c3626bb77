/** CSV (RFC 4180) building: pure, no DOM. Downloading lives in components/csv-button.tsx. */

export type CsvValue = string | number | boolean | null | undefined;
export type CsvRow = readonly CsvValue[];

/** Characters that make a spreadsheet treat a cell as a formula (CSV injection), plus tab and CR. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field. Numbers are written as numbers (a negative number stays a number); text that a
 * spreadsheet would run as a formula gets a leading apostrophe; fields with a quote, comma or
 * line break are quoted with inner quotes doubled.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Header and rows as CSV text: CRLF between records, as RFC 4180 says, and a final CRLF. */
export function toCsv(header: CsvRow, rows: readonly CsvRow[]): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** "leaderboard-individual-week-2026-11-20.csv": safe characters only. */
export function csvFileName(parts: readonly string[], date = new Date()): string {
  const stamp = date.toISOString().slice(0, 10);
  const base = [...parts, stamp]
    .map((p) => p.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((p) => p !== '')
    .join('-');
  return `${base || 'export'}.csv`;
}
