// A CSV file from a spreadsheet as a table of text cells with their line numbers (PRODUCT.md §9,
// CSV import): the encoding is a BOM, else valid UTF-8, else Windows-1251 (what Russian Excel
// writes); the delimiter is `;`, `,` or tab, whichever the header line holds most of. `csv-parse`
// parses; line endings are normalized first so its line counts are the file's lines.
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { t } from '../i18n';

export const CSV_ENCODINGS = ['utf-8', 'windows-1251', 'utf-16le', 'utf-16be'] as const;
export type CsvEncoding = (typeof CSV_ENCODINGS)[number];
export const CSV_DELIMITERS = [';', ',', '\t'] as const;

/** Larger files are refused: a client list is far smaller, and everything is held in memory. */
export const MAX_CSV_BYTES = 64 * 1024 * 1024;

export interface CsvRow {
  /** 1-based line of the row's first character in the file. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  encoding: CsvEncoding;
  delimiter: string;
  header: string[];
  rows: CsvRow[];
}

export interface CsvReadOptions {
  encoding?: CsvEncoding;
  delimiter?: string;
}

/** The text of the bytes and the encoding used: the given one, else detected. */
export function decodeCsv(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } {
  const detected = encoding ?? detectEncoding(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // iconv-lite strips a BOM of the encoding it decodes.
  return { text: iconv.decode(buffer, detected), encoding: detected };
}

export function detectEncoding(bytes: Uint8Array): CsvEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // Not valid UTF-8: a Russian Excel "CSV (разделители — точки с запятой)" is Windows-1251.
    return 'windows-1251';
  }
}

/** The delimiter the first line holds most of outside quotes; `,` when it holds none. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  let most = 0;
  for (const [d, n] of counts) {
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/** The line of the quote that is still open at the end of the text. */
function openQuoteLine(text: string): number {
  let line = 1;
  let openedAt = 1;
  let quoted = false;
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '"') {
      quoted = !quoted;
      if (quoted) openedAt = line;
    }
  }
  return openedAt;
}

/**
 * The bytes as text (given encoding, else detected), BOM stripped and line breaks `\n`; an error
 * for a file over the import limit or one with NUL bytes.
 */
export function readCsvText(bytes: Uint8Array, encoding?: CsvEncoding): { text: string; encoding: CsvEncoding } | { error: string } {
  if (bytes.byteLength > MAX_CSV_BYTES) {
    return { error: t('the file is {0} MB, over the {1} MB limit for an import', (bytes.byteLength / 1024 / 1024).toFixed(1), MAX_CSV_BYTES / 1024 / 1024) };
  }
  const decoded = decodeCsv(bytes, encoding);
  if (decoded.text.includes('\u0000')) return { error: t('binary content (NUL bytes) as {0}: not a CSV file', decoded.encoding) };
  return { text: decoded.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding: decoded.encoding };
}

/** The table, or an error that names the line (an unclosed quote, an empty file). */
export function readCsvTable(bytes: Uint8Array, options: CsvReadOptions = {}): CsvTable | { error: string } {
  const read = readCsvText(bytes, options.encoding);
  return 'error' in read ? read : parseCsvTable(read.text, read.encoding, options.delimiter);
}

/** `readCsvTable` of text already read (`readCsvText`). */
export function parseCsvTable(text: string, encoding: CsvEncoding, delimiterOption?: string): CsvTable | { error: string } {
  const delimiter = delimiterOption ?? detectDelimiter(text);
  let parsed: { record: string[]; raw: string; info: { lines: number } }[];
  try {
    parsed = parse(text, {
      delimiter,
      record_delimiter: '\n',
      info: true,
      raw: true,
      relax_column_count: true,
      // `9;"10"x;11` keeps `"10"x` as written rather than failing the rest of the file.
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as typeof parsed;
  } catch (error) {
    if ((error as { code?: string }).code === 'CSV_QUOTE_NOT_CLOSED') {
      return { error: t('line {0}: a quoted cell starts here and is never closed (a " is missing); nothing was imported', openQuoteLine(text)) };
    }
    const line = (error as { lines?: number }).lines;
    const message = error instanceof Error ? error.message.replace(/ at line \d+$/, '') : String(error);
    return { error: line !== undefined ? t('line {0}: {1}', line, message) : message };
  }
  const rows: CsvRow[] = [];
  for (const { record, raw, info } of parsed) {
    // `raw` may start with the empty lines skipped before it; the newlines inside the record are
    // the ones between its first and last character.
    const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
    const line = info.lines - (inner.match(/\n/g)?.length ?? 0);
    if (record.every((cell) => cell.trim() === '')) continue; // `;;;;` lines Excel leaves after the data
    rows.push({ line, cells: record });
  }
  const first = rows.shift();
  if (!first) return { error: t('the file is empty: expected a header line with column names') };
  return { encoding, delimiter, header: first.cells.map((cell) => cell.trim()), rows };
}
