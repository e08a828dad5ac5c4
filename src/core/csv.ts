// CSV that is safe to open in a spreadsheet (PRODUCT.md §4, §6): RFC 4180 quoting, `\r\n` rows,
// an optional UTF-8 BOM for Excel, and text cells that a spreadsheet would run as a formula
// neutralized. `csv-stringify` does the quoting; the neutralizing is ours because it must apply
// to every export the same way.
import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A text cell that starts with `= + - @`, a tab or a carriage return is prefixed with `'`, the
 * OWASP advice: spreadsheets show it as text and do not evaluate `=HYPERLINK(…)`. Numbers are
 * never touched (a negative amount stays a number).
 */
export function neutralizeCell(text: string): string {
  // A bare E.164 number (`+` and digits, nothing else) cannot run anything, and an SMS service
  // would reject `'+7…`: it stays as it is.
  if (E164.test(text)) return text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A cell's text: numbers and booleans as they are, lists joined with `; `, mappings as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return neutralizeCell(value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join('; '));
  if (typeof value === 'object') return neutralizeCell(JSON.stringify(value));
  return neutralizeCell(String(value));
}

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads Cyrillic correctly. */
  bom?: boolean;
}

/** The whole CSV text: a header row, then one row per record, every row ending in `\r\n`. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[], options: CsvOptions = {}): string {
  const text = stringify([header.map((h) => cellText(h)), ...rows.map((row) => row.map(cellText))], {
    record_delimiter: 'windows',
    quoted_match: /^\s|\s$/,
  });
  return options.bom ? `\uFEFF${text}` : text;
}
