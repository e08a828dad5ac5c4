// What a query returns to people and scripts (PRODUCT.md §7): one flat row per record (the slug,
// the file, the front matter and the computed fields), sorted by `name` unless asked otherwise,
// and the resolution of "a segment name or a query" that the CLI, exports and views share.
import { COMPUTED_FIELDS, type ComputeContext } from '../computed';
import type { CrmRecord, Segment } from '../model';
import { normalizeText } from '../search/text';
import { getField } from './evaluate';

/** A record as `query --format json` prints it: `{id, file, …front matter, …computed}`. */
export type RecordRow = Record<string, unknown> & { id: string; file: string };

/**
 * The row of one client. Computed fields come last and win over a front-matter key of the same
 * name, as they do in queries; a computed field with no value (`rfm` of a lead) is left out, the
 * same way JSON leaves out `undefined`.
 */
export function recordRow(record: CrmRecord, ctx: ComputeContext): RecordRow {
  // The slug and path are set again after the spread: a stray `id:` or `file:` key in the front
  // matter must not change what scripts use to find the file.
  const row: RecordRow = { id: record.id, file: record.file, ...record.data };
  row.id = record.id;
  row.file = record.file;
  if (record.kind === 'client') {
    const computed = ctx.computed(record);
    for (const name of COMPUTED_FIELDS) {
      const value = computed[name];
      if (value === undefined) delete row[name];
      else row[name] = value;
    }
  }
  return row;
}

/** A value of a row by a dotted path (`next_action.date`), keys matched case-insensitively. */
export function rowValue(row: Record<string, unknown>, path: string): unknown {
  let value: unknown = row;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = getField(value as Record<string, unknown>, key);
  }
  return value;
}

/** `--sort name`, `--sort -value` (descending), `--sort days_since_contact`. */
export interface SortSpec {
  field: string;
  descending: boolean;
}

export function parseSort(text: string): SortSpec | undefined {
  const trimmed = text.trim();
  const descending = trimmed.startsWith('-');
  const field = (descending ? trimmed.slice(1) : trimmed).trim();
  if (!/^[\p{L}\p{N}_]+(\.[\p{L}\p{N}_]+)*$/u.test(field)) return undefined;
  return { field, descending };
}

const collator = new Intl.Collator(['ru', 'en'], { numeric: true, sensitivity: 'base' });

/** The order of names everywhere a list is sorted by name: Cyrillic, then Latin, digits by value. */
export const compareText: (a: string, b: string) => number = collator.compare;

/** Kinds of sort keys, in the order they appear whatever the direction: numbers, text, missing. */
function keyRank(value: unknown): number {
  if (typeof value === 'number') return 0;
  return isMissing(value) ? 2 : 1;
}

function compareSameRank(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(sortText(a), sortText(b));
}

function sortText(value: unknown): string {
  if (Array.isArray(value)) return value.map(sortText).join(', ');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * Sorts rows in place by a field (default `name`), then by file so equal keys keep a stable,
 * reproducible order. The direction orders values of one kind only: numbers come before text
 * (`договорная` in a `value` field) and missing values last, both ways, so "who has the biggest
 * deal" starts with the biggest number, not with the records that have none.
 */
export function sortRows<T extends RecordRow>(rows: T[], sort: SortSpec = { field: 'name', descending: false }): T[] {
  const keyed = rows.map((row) => ({ row, key: rowValue(row, sort.field) }));
  keyed.sort((x, y) => {
    const rank = keyRank(x.key) - keyRank(y.key);
    if (rank !== 0) return rank;
    const order = isMissing(x.key) ? 0 : compareSameRank(x.key, y.key);
    if (order !== 0) return sort.descending ? -order : order;
    return x.row.file < y.row.file ? -1 : x.row.file > y.row.file ? 1 : 0;
  });
  for (let i = 0; i < keyed.length; i++) rows[i] = keyed[i]!.row;
  return rows;
}

/** The segment whose name is exactly `text` (case-insensitive, NFC), if any. */
export function findSegment(segments: readonly Segment[], text: string): Segment | undefined {
  const wanted = normalizeText(text.trim());
  return segments.find((segment) => normalizeText(segment.name.trim()) === wanted);
}

/**
 * A segment name or a query: an exact segment name wins (so `export mailing vip` uses the saved
 * `vip` segment, not the free-text word "vip"); anything else is a query.
 */
export function resolveQueryText(segments: readonly Segment[], text: string): { query: string; segment?: Segment } {
  const segment = findSegment(segments, text);
  return segment ? { query: segment.query, segment } : { query: text };
}

