// "Merge duplicates" (PRODUCT.md §4 quick fixes): one record absorbs the other. Fields the kept
// record lacks are copied; tags are united; purchases it does not have are appended; values that
// differ stay as they are in the kept record and are written into the notes, so nothing the other
// record knew is lost. The other file is then archived (never deleted) by the caller.
import { editRecord, isEditError, type EditOp, type TextEdit } from '../edit/recordEdit';
import type { CrmRecord } from '../model';

/** Fields that describe the file itself, not the client: never copied. */
const OWN_FIELDS = new Set(['stage_since']);

function empty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export interface MergePlan {
  ops: EditOp[];
  /** Lines for the notes: the other record's differing values and its notes. */
  notes: string[];
}

export function planMerge(keep: CrmRecord, other: CrmRecord, today: string): MergePlan {
  const ops: EditOp[] = [];
  const differing: string[] = [];
  for (const [key, value] of Object.entries(other.data)) {
    if (OWN_FIELDS.has(key) || empty(value)) continue;
    const mine = keep.data[key];
    if (empty(mine)) {
      ops.push({ op: 'set', path: [key], value });
    } else if (key === 'tags' && Array.isArray(mine) && Array.isArray(value)) {
      const seen = new Set(mine.map((tag) => String(tag).toLowerCase()));
      const added = value.filter((tag) => !seen.has(String(tag).toLowerCase()));
      for (const tag of added) ops.push({ op: 'append', path: ['tags'], item: tag });
    } else if (key === 'purchases' && Array.isArray(mine) && Array.isArray(value)) {
      for (const purchase of value) if (!mine.some((p) => same(p, purchase))) ops.push({ op: 'append', path: ['purchases'], item: purchase });
    } else if (!same(mine, value)) {
      differing.push(`- ${key}: ${shown(value)}`);
    }
  }
  ops.push({ op: 'log', line: `${today} merged ${other.file}` });
  const notes: string[] = [];
  if (differing.length > 0 || other.body.trim() !== '') {
    notes.push(`## Merged from ${other.file}`, '');
    if (differing.length > 0) notes.push('Values that differed:', '', ...differing, '');
    if (other.body.trim() !== '') notes.push(...other.body.trim().split(/\r?\n/), '');
  }
  return { ops, notes };
}

/** The text edits that merge `other` into the text of `keep` (a Markdown record keeps the notes in its body). */
export function mergeEdits(keepText: string, keep: CrmRecord, other: CrmRecord, today: string): TextEdit[] | { error: string } {
  const { ops, notes } = planMerge(keep, other, today);
  const result = editRecord(keepText, ops, { format: keep.format });
  if (isEditError(result)) return result;
  if (notes.length === 0) return result.edits;
  if (keep.format === 'yaml') {
    // A `.yaml` record keeps its notes in `notes:`.
    const current = typeof keep.data.notes === 'string' ? `${keep.data.notes.trimEnd()}\n\n` : '';
    const withNotes = editRecord(result.text, [{ op: 'set', path: ['notes'], value: `${current}${notes.join('\n').trimEnd()}\n` }], { format: 'yaml' });
    if (isEditError(withNotes)) return withNotes;
    return [{ offset: 0, length: keepText.length, newText: withNotes.text }];
  }
  const eol = keepText.includes('\r\n') ? '\r\n' : '\n';
  const ending = result.text.endsWith('\n') ? '' : eol;
  return [...result.edits, { offset: keepText.length, length: 0, newText: `${ending}${eol}${notes.join(eol)}` }];
}
