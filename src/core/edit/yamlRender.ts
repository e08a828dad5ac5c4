// How a new value (a scalar, a map like `next_action`, a list like `tags` or `purchases`) is laid
// out as YAML text at a given place. Only the new value is rendered; the surrounding text is never
// re-printed (yamlEdit.ts splices these lines in).
//
// Layout rules, chosen to look like the record format in PRODUCT.md §2:
// - a map or list whose items are all one-line scalars (or empty collections) is written in flow
//   style when it fits in `MAX_FLOW_WIDTH` columns: `tags: [b2b, vip]`,
//   `next_action: { date: 2026-11-25, what: Send proposal }`; otherwise in block style, so a list
//   of purchases becomes a block list of flow maps;
// - empty collections are `{}` and `[]`;
// - a multi-line string is a literal block (`|` or `|-`) in block context when that reads back
//   exactly (yamlScalar.canBeLiteral), even where the old value was quoted (quotes are kept for
//   one-line values); a double-quoted string with `\n` escapes otherwise;
// - indentation follows the file (LayoutStyle, detected by yamlEdit.ts).
import { canBeLiteral, stringifyScalar, stringifyString, type QuotePreference, type ScalarValue } from './yamlScalar';

/** Plain data a record field can hold (after recordEdit.ts checked and normalized the input). */
export type PlainValue = ScalarValue | PlainValue[] | { [key: string]: PlainValue };
export type PlainMap = { [key: string]: PlainValue };

export interface LayoutStyle {
  /** Columns between a key and the keys of its nested block map. */
  indentStep: number;
  /** Columns between a key and the dashes of its block list (0: `key:\n- a`, 2: `key:\n  - a`). */
  seqIndent: number;
  /** `{ a: 1 }` rather than `{a: 1}`. */
  flowMapPadding: boolean;
  /** `[ a ]` rather than `[a]`. */
  flowSeqPadding: boolean;
}

export const DEFAULT_STYLE: LayoutStyle = { indentStep: 2, seqIndent: 2, flowMapPadding: true, flowSeqPadding: false };

/** Flow collections longer than this (counted from the line start) go to block style. */
export const MAX_FLOW_WIDTH = 100;

/**
 * A rendered value in block context: `first` is the text that follows the `:` or `-` indicator on
 * its line (with its leading space; empty when the value starts on the next line), `rest` the
 * following lines, fully indented, without line endings.
 */
export interface BlockRendering {
  first: string;
  rest: string[];
}

export const isPlainMap = (value: PlainValue): value is PlainMap =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

const isCollection = (value: PlainValue): value is PlainValue[] | PlainMap =>
  value !== null && typeof value === 'object';

const isEmptyCollection = (value: PlainValue): boolean =>
  Array.isArray(value) ? value.length === 0 : isPlainMap(value) && Object.keys(value).length === 0;

const spaces = (n: number): string => ' '.repeat(Math.max(0, n));

export function renderFlow(value: PlainValue, style: LayoutStyle, prefer: QuotePreference = 'plain'): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const pad = style.flowSeqPadding ? ' ' : '';
    return `[${pad}${value.map((item) => renderFlow(item, style)).join(', ')}${pad}]`;
  }
  if (isPlainMap(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const pad = style.flowMapPadding ? ' ' : '';
    const body = entries.map(([key, item]) => `${stringifyString(key, 'flowKey')}: ${renderFlow(item, style)}`).join(', ');
    return `{${pad}${body}${pad}}`;
  }
  return stringifyScalar(value, 'flow', prefer);
}

/** Flow style reads best for small collections of one-line scalars (see the header). */
function prefersFlow(value: PlainValue[] | PlainMap, column: number, style: LayoutStyle): boolean {
  if (isEmptyCollection(value)) return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  const simple = items.every((item) =>
    isCollection(item) ? isEmptyCollection(item) : !(typeof item === 'string' && item.includes('\n')),
  );
  return simple && column + renderFlow(value, style).length <= MAX_FLOW_WIDTH;
}

function literalLines(text: string, column: number): { header: string; lines: string[] } {
  const clip = text.endsWith('\n');
  const lines = (clip ? text.slice(0, -1) : text).split('\n').map((line) => (line === '' ? '' : spaces(column) + line));
  return { header: clip ? '|' : '|-', lines };
}

/** Lines of a block map whose keys sit at `column`. */
function blockMapLines(map: PlainMap, column: number, style: LayoutStyle): string[] {
  return Object.entries(map).flatMap(([key, item]) => renderEntryLines(key, item, column, style));
}

/** Lines of a block list whose dashes sit at `column`. */
function blockSeqLines(items: PlainValue[], column: number, style: LayoutStyle): string[] {
  return items.flatMap((item) => renderItemLines(item, column, style));
}

/** The value of a `key:` whose key starts at `keyColumn`. */
export function renderPairValue(
  value: PlainValue,
  keyColumn: number,
  style: LayoutStyle,
  prefer: QuotePreference = 'plain',
): BlockRendering {
  if (isCollection(value)) {
    if (prefersFlow(value, keyColumn, style)) return { first: ` ${renderFlow(value, style)}`, rest: [] };
    if (Array.isArray(value)) return { first: '', rest: blockSeqLines(value, keyColumn + style.seqIndent, style) };
    return { first: '', rest: blockMapLines(value, keyColumn + style.indentStep, style) };
  }
  if (typeof value === 'string' && value.includes('\n') && canBeLiteral(value)) {
    const { header, lines } = literalLines(value, keyColumn + style.indentStep);
    return { first: ` ${header}`, rest: lines };
  }
  return { first: ` ${stringifyScalar(value, 'block', prefer)}`, rest: [] };
}

/**
 * A list item whose dash sits at `dashColumn`, followed by `gap` spaces (the file's own dash style).
 * Nested block maps and lists start on the dash line (`- date: …`), the usual compact form.
 */
export function renderSeqItem(
  value: PlainValue,
  dashColumn: number,
  style: LayoutStyle,
  prefer: QuotePreference = 'plain',
  gap = 1,
): BlockRendering {
  const contentColumn = dashColumn + 1 + gap;
  if (isCollection(value)) {
    if (prefersFlow(value, contentColumn, style)) return { first: spaces(gap) + renderFlow(value, style), rest: [] };
    const lines = Array.isArray(value)
      ? blockSeqLines(value, contentColumn, style)
      : blockMapLines(value, contentColumn, style);
    const [firstLine = '', ...rest] = lines;
    return { first: spaces(gap) + firstLine.slice(contentColumn), rest };
  }
  if (typeof value === 'string' && value.includes('\n') && canBeLiteral(value)) {
    const { header, lines } = literalLines(value, contentColumn);
    return { first: spaces(gap) + header, rest: lines };
  }
  return { first: spaces(gap) + stringifyScalar(value, 'block', prefer), rest: [] };
}

/** The lines of a new `key: value` entry of a block map whose keys sit at `column`. */
export function renderEntryLines(key: string, value: PlainValue, column: number, style: LayoutStyle): string[] {
  const { first, rest } = renderPairValue(value, column, style);
  return [`${spaces(column)}${stringifyString(key, 'blockKey')}:${first}`, ...rest];
}

/** The lines of a new item of a block list whose dashes sit at `dashColumn`. */
export function renderItemLines(value: PlainValue, dashColumn: number, style: LayoutStyle, gap = 1): string[] {
  const { first, rest } = renderSeqItem(value, dashColumn, style, 'plain', gap);
  return [`${spaces(dashColumn)}-${first}`, ...rest];
}
