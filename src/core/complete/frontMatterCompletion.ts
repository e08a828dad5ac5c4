// What to suggest while typing a record's fields (issue "Ready for users": editor comfort): the
// configured stages after `stage:`, the workspace's tags inside `tags: [...]` or a `tags:` block
// list, the values already used for `source`, `owner`, `city` and `lost_reason`, and client slugs
// after an invoice's `client:`, and catalogue ids (`.crm/catalog.yaml`) after `item:` in a client's
// `purchases` or an invoice's `items`. Pure: the editor passes the text and the cursor offset.
import type { Service } from '../catalog';
import { formatMoney } from '../money';
import { t } from '../i18n';
import { splitFrontMatter } from '../parse/frontMatter';
import type { CrmConfig, CrmRecord, SourceFormat } from '../model';
import { recordName } from '../recordFields';

export type CompletionField = 'stage' | 'tags' | 'client' | 'source' | 'owner' | 'city' | 'lost_reason' | 'item';

export interface CompletionContext {
  field: CompletionField;
  /** What is typed of the value so far (replaced by the chosen suggestion). */
  prefix: string;
  /** Inside a flow list (`[a, b`): suggestions must be flow-safe. */
  flow: boolean;
}

export interface CompletionValue {
  value: string;
  /** A label, a name or a count to show beside it. */
  detail: string;
  /** Higher first. */
  rank: number;
}

/** The 0-based line range of the fields: inside the `---` fences (`md`) or the whole file (`yaml`). */
function fieldLines(text: string, format: SourceFormat): { first: number; last: number } | undefined {
  if (format === 'yaml') return { first: 0, last: Number.POSITIVE_INFINITY };
  const split = splitFrontMatter(text);
  if (!split.ok) {
    // Still typing a new record: an opening fence and no closing one yet.
    return /^\uFEFF?---\r?\n/.test(text) ? { first: 1, last: Number.POSITIVE_INFINITY } : undefined;
  }
  const first = split.frontMatterLine - 1;
  const last = first + split.frontMatter.split('\n').length - 2;
  return { first, last };
}

/** The top-level key whose block holds line `lineIndex`: the nearest key line above at column 0. */
function topKeyAbove(lines: readonly string[], lineIndex: number, first: number): string | undefined {
  for (let i = lineIndex - 1; i >= first; i--) {
    const line = lines[i]!;
    if (/^\S/.test(line)) return /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
  }
  return undefined;
}

/** `item:` of an entry of the `list` block (a client's purchases, an invoice's items), block or flow style. */
function itemContext(lines: readonly string[], lineIndex: number, first: number, list: string): CompletionContext | undefined {
  const before = lines[lineIndex]!.replace(/\r$/, '');
  const block = /^[ \t]+(?:-[ \t]+)?item:[ \t]*([^\s#,{}\[\]]*)$/.exec(before);
  const flow = block ? undefined : /^[ \t]+-[ \t]+\{[^}]*[{,][ \t]*item:[ \t]*([^\s#,{}\[\]]*)$/.exec(before);
  const m = block ?? flow;
  if (!m || topKeyAbove(lines, lineIndex, first) !== list) return undefined;
  return { field: 'item', prefix: m[1]!, flow: flow !== null && flow !== undefined };
}

/** Where the cursor is, as far as suggestions go; undefined outside the fields or any known field. */
export function completionContext(text: string, offset: number, format: SourceFormat, kind: 'client' | 'invoice'): CompletionContext | undefined {
  const lines = text.slice(0, offset).split('\n');
  const lineIndex = lines.length - 1;
  const range = fieldLines(text, format);
  if (!range || lineIndex < range.first || lineIndex > range.last) return undefined;
  const before = lines[lineIndex]!.replace(/\r$/, '');
  if (kind === 'invoice') {
    const m = /^client:[ \t]*([^\s#]*)$/.exec(before);
    return m ? { field: 'client', prefix: m[1]!, flow: false } : itemContext(lines, lineIndex, range.first, 'items');
  }
  const item = itemContext(lines, lineIndex, range.first, 'purchases');
  if (item) return item;
  let m = /^stage:[ \t]*([^\s#]*)$/.exec(before);
  if (m) return { field: 'stage', prefix: m[1]!, flow: false };
  // A deal's stage: `stage:` inside an item of the `deals:` block list.
  m = /^[ \t]+(?:-[ \t]+)?(stage|lost_reason):[ \t]*([^\s#]*)$/.exec(before);
  if (m && topKeyAbove(lines, lineIndex, range.first) === 'deals') return { field: m[1] as CompletionField, prefix: m[2]!, flow: false };
  m = /^(source|owner|city|lost_reason):[ \t]*([^#]*)$/.exec(before);
  if (m) return { field: m[1] as CompletionField, prefix: m[2]!.trimStart(), flow: false };
  m = /^tags:[ \t]*\[([^\]]*)$/.exec(before);
  if (m) return { field: 'tags', prefix: (m[1]!.split(',').pop() ?? '').trimStart(), flow: true };
  m = /^[ \t]+-[ \t]*([^\s#]*)$/.exec(before);
  if (m) {
    // A block list item: the list is the nearest key line above at column 0.
    for (let i = lineIndex - 1; i >= range.first; i--) {
      const line = lines[i]!;
      if (/^\S/.test(line)) return /^tags:[ \t]*$/.test(line.replace(/\r$/, '')) ? { field: 'tags', prefix: m[1]!, flow: false } : undefined;
    }
  }
  return undefined;
}

/**
 * The suggestions for a field, most useful first: configured order for stages and catalogue
 * services, frequency for the rest.
 */
export function completionValues(field: CompletionField, records: readonly CrmRecord[], config: CrmConfig, catalog: readonly Service[] = [], locale = config.locale ?? 'ru-RU'): CompletionValue[] {
  if (field === 'item') {
    return catalog.map((s, i) => ({ value: s.id, detail: `${s.name} · ${formatMoney(s.price, s.currency ?? config.currency, locale)}`, rank: catalog.length - i }));
  }
  if (field === 'stage') {
    return config.stages.map((s, i) => ({ value: s.id, detail: s.label, rank: config.stages.length - i }));
  }
  if (field === 'client') {
    return records.filter((r) => !r.archived).map((r) => ({ value: r.id, detail: recordName(r), rank: 0 }));
  }
  const counts = new Map<string, number>();
  for (const record of records) {
    if (record.archived) continue;
    const raw = record.data[field];
    const values = field === 'tags' ? (Array.isArray(raw) ? raw : []) : [raw];
    for (const v of values) {
      if ((typeof v !== 'string' && typeof v !== 'number') || String(v).trim() === '') continue;
      const value = String(v).trim();
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
  }
  return [...counts].map(([value, n]) => ({ value, detail: n === 1 ? t('1 client') : t('{0} clients', n), rank: n })).sort((a, b) => b.rank - a.rank || a.value.localeCompare(b.value));
}
