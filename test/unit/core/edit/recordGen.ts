// fast-check generators of record files for the edit property tests: random keys (Latin and
// Cyrillic), values (tricky strings, numbers, booleans, null, multi-line text), styles (plain,
// single- and double-quoted, literal blocks, flow and block maps and lists, compact list items),
// comments after values and on their own lines, blank lines, indentation, LF or CRLF, a BOM,
// `.md` records with assorted bodies and `.yaml` records with `notes:`. The writer is deliberately
// independent of the engine: the test reads the generated text back with js-yaml as "before".
import fc from 'fast-check';

export type Scalar = string | number | boolean | null;
type ScalarStyle = 'plain' | 'double' | 'single' | 'literal' | 'empty';

export type GenValue =
  | { kind: 'scalar'; value: Scalar; style: ScalarStyle }
  | { kind: 'map'; flow: boolean; entries: GenEntry[] }
  | { kind: 'seq'; flow: boolean; items: GenItem[] };

export interface GenEntry {
  key: string;
  value: GenValue;
  comment: string | null;
  commentLine: string | null;
  blankBefore: boolean;
}

export interface GenItem {
  value: GenValue;
  comment: string | null;
}

export interface GenRecord {
  format: 'md' | 'yaml';
  eol: '\n' | '\r\n';
  bom: boolean;
  step: 2 | 4;
  seqIndent: 0 | 2;
  flowPad: boolean;
  entries: GenEntry[];
  /** `.md`: the Markdown body; `.yaml`: the `notes:` literal block content, or null for none. */
  notes: string | null;
  /** Whether the text ends with a line break (`.yaml`) / the body does (`.md`). */
  finalEol: boolean;
  quirks: Quirks;
}

/** Rarer layouts, each applied to the whole record when drawn. */
export interface Quirks {
  /** `[a, b, ]` */
  trailingComma: boolean;
  /** Top-level flow collections spread over several lines. */
  multilineFlow: boolean;
  /** `key:` with the scalar on the next line, indented. */
  scalarNextLine: boolean;
  /** Spaces after a list dash: `- a` or `-   a`. */
  dashGap: 1 | 3;
  /** `|+` literal blocks followed by a kept blank line. */
  keepLiterals: boolean;
  /** A `...` document end marker after a `.yaml` record. */
  docEnd: boolean;
}

export const KEYS = [
  'name', 'stage', 'tags', 'value', 'email', 'next_action', 'consent', 'purchases', 'lost_reason',
  'date', 'what', 'amount', 'item', 'a', 'b', 'c_d', 'k1', 'город', 'Ключ', 'with space', '2026', 'true',
];

export const TRICKY_STRINGS = [
  'lead', 'Анна Смирнова', 'ООО «Ромашка»', 'a: b', 'x # y', 'x#y', '#tag', '- dash', '-dash', 'yes', 'No', 'on',
  'null', 'Null', '~', '123', '-7', '1.5', '1e3', '0x1F', '0o17', '1_000', '.inf', '.NaN', '2026-11-24', '2026-11-24T10:00:00Z',
  '10:30', ' lead', 'tail ', '', "O'Brien", 'say "hi"', 'a, b', '[x]', '{y}', 'x]', 'multi\nline', 'two\nlines\n', 'tab\there',
  '@me', '`cmd`', '%p', '!tag', '&anchor', '*alias', '|pipe', '>gt', '?q', ': colon', 'colon:', '---', '...', 'émoji 😀',
  'back\\slash', 'url: http://x.y/z?a=1#f', 'http://x.y', 'a\r\nb', '\u0007bell', 'nbsp\u00a0', '\u2028ls', 'ключ: значение',
];

const COMMENTS = ['note', 'комментарий', 'a: b # c', 'why: it matters', '', '---'];

const WORD = fc.constantFrom('call', 'Анна', 'proposal', 'звонок', 'x', 'vip', 'b2b', 'Send', '2026');

const trickyString = fc.constantFrom(...TRICKY_STRINGS);
export const anyString = fc.oneof(
  { weight: 3, arbitrary: trickyString },
  { weight: 2, arbitrary: fc.string({ maxLength: 10 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const literalText = fc
  .tuple(fc.array(fc.array(WORD, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')), { minLength: 2, maxLength: 4 }), fc.boolean())
  .map(([lines, clip]) => lines.join('\n') + (clip ? '\n' : ''));

const scalarValue: fc.Arbitrary<GenValue> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('scalar' as const), value: anyString, style: fc.constantFrom<ScalarStyle>('plain', 'double', 'single') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('scalar' as const), value: fc.integer({ min: -1000, max: 200000 }), style: fc.constant<ScalarStyle>('plain') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scalar' as const), value: fc.boolean(), style: fc.constant<ScalarStyle>('plain') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scalar' as const), value: fc.constant(null), style: fc.constantFrom<ScalarStyle>('plain', 'empty') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('scalar' as const), value: literalText, style: fc.constant<ScalarStyle>('literal') }) },
);

const comment = fc.option(fc.constantFrom(...COMMENTS), { freq: 3 });

const { value: genValue } = fc.letrec<{ value: GenValue; map: GenValue; seq: GenValue }>((tie) => ({
  value: fc.oneof({ maxDepth: 2, depthSize: 'small' }, scalarValue, tie('map'), tie('seq')),
  map: fc.record({
    kind: fc.constant('map' as const),
    flow: fc.boolean(),
    entries: fc.uniqueArray(
      fc.record({ key: fc.constantFrom(...KEYS), value: tie('value'), comment, commentLine: fc.option(fc.constantFrom(...COMMENTS), { freq: 5 }), blankBefore: fc.boolean() }),
      { maxLength: 3, selector: (e) => e.key },
    ),
  }),
  seq: fc.record({
    kind: fc.constant('seq' as const),
    flow: fc.boolean(),
    items: fc.array(fc.record({ value: tie('value'), comment }), { maxLength: 3 }),
  }),
}));

const MD_BODIES = [
  '',
  '## Notes\nFree text.\n',
  '## Notes\nText\n\n## Log\n- 2026-01-01 first\n\n## Later\nx\n',
  '## Log\n',
  '## Log\n- a\n- b',
  '```\n## Log\n```\nafter the fence\n',
  'Intro\n\n## Log\n- one\n\n\n',
  '# Title\n\n## Log\n- a\n---\nafter a rule\n',
];

const NOTES = [
  '## Notes\nЗвонил.\n',
  '## Notes\nText\n\n## Log\n- 2026-01-01 first\n',
  '## Log\n- one\n- two',
  'Just text\n',
];

export const genRecord: fc.Arbitrary<GenRecord> = fc.record({
  format: fc.constantFrom<'md' | 'yaml'>('md', 'yaml'),
  eol: fc.constantFrom<'\n' | '\r\n'>('\n', '\r\n'),
  bom: fc.boolean(),
  step: fc.constantFrom<2 | 4>(2, 4),
  seqIndent: fc.constantFrom<0 | 2>(0, 2),
  flowPad: fc.boolean(),
  entries: fc.uniqueArray(
    fc.record({ key: fc.constantFrom(...KEYS), value: genValue, comment, commentLine: fc.option(fc.constantFrom(...COMMENTS), { freq: 4 }), blankBefore: fc.boolean() }),
    { maxLength: 6, selector: (e) => e.key },
  ),
  notes: fc.option(fc.constantFrom(...MD_BODIES, ...NOTES), { freq: 4 }),
  finalEol: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  quirks: fc.record({
    trailingComma: fc.boolean(),
    multilineFlow: fc.boolean(),
    scalarNextLine: fc.boolean(),
    dashGap: fc.constantFrom<1 | 3>(1, 3),
    keepLiterals: fc.boolean(),
    docEnd: fc.boolean(),
  }),
});
const rare = (q: Quirks, flag: keyof Omit<Quirks, 'dashGap'>, seed: number): boolean => q[flag] && seed % 3 === 0;

// ---- the writer -----------------------------------------------------------------------------

const SAFE_PLAIN = /^[A-Za-zА-Яа-яЁё][A-Za-zА-Яа-яЁё0-9 ._@-]*$/;

function scalarText(value: Scalar, style: ScalarStyle, flow: boolean): string {
  if (value === null) return style === 'empty' && !flow ? '' : 'null';
  if (typeof value !== 'string') return String(value);
  if (style === 'plain' && SAFE_PLAIN.test(value) && !value.endsWith(' ')) return value;
  if (style === 'single' && !/[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value).replace(/[\u2028\u2029\u0085\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const keyText = (key: string): string => (SAFE_PLAIN.test(key) && key !== 'true' ? key : JSON.stringify(key));

function flowParts(value: GenValue, r: GenRecord): string[] {
  if (value.kind === 'seq') return value.items.map((i) => flowText(i.value, r));
  if (value.kind === 'map') return value.entries.map((e) => `${keyText(e.key)}: ${flowText(e.value, r)}`);
  return [];
}

function flowText(value: GenValue, r: GenRecord): string {
  if (value.kind === 'scalar') return scalarText(value.value, value.style === 'literal' ? 'double' : value.style, true);
  const parts = flowParts(value, r);
  const comma = r.quirks.trailingComma && parts.length > 0 ? ',' : '';
  if (value.kind === 'seq') return `[${parts.join(', ')}${comma}]`;
  if (parts.length === 0) return '{}';
  const p = r.flowPad ? ' ' : '';
  return `{${p}${parts.join(', ')}${comma}${p}}`;
}

/** A top-level flow collection over several lines, items and brackets indented by one step. */
function multilineFlow(value: GenValue, r: GenRecord): string[] {
  const parts = flowParts(value, r);
  const [open, close] = value.kind === 'seq' ? ['[', ']'] : ['{', '}'];
  return [open, ...parts.map((p, i) => `${sp(r.step)}${p}${i < parts.length - 1 || r.quirks.trailingComma ? ',' : ''}`), sp(r.step) + close];
}

const sp = (n: number): string => ' '.repeat(n);
const trailer = (c: string | null): string => (c === null ? '' : `  # ${c}`);
const isBlockCollection = (v: GenValue): boolean =>
  (v.kind === 'map' && !v.flow && v.entries.length > 0) || (v.kind === 'seq' && !v.flow && v.items.length > 0);

function literalLines(text: string, column: number, keep = false): { header: string; lines: string[] } {
  const clip = text.endsWith('\n');
  const lines = (clip ? text.slice(0, -1) : text).split('\n').map((l) => (l === '' ? '' : sp(column) + l));
  if (keep && clip) return { header: '|+', lines: [...lines, ''] };
  return { header: clip ? '|' : '|-', lines };
}

function writeEntries(entries: GenEntry[], column: number, r: GenRecord, out: string[]): void {
  for (const e of entries) {
    const seed = out.length + e.key.length;
    if (e.blankBefore) out.push('');
    if (e.commentLine !== null) out.push(`${sp(column)}# ${e.commentLine}`);
    const head = `${sp(column)}${keyText(e.key)}:`;
    const v = e.value;
    if (isBlockCollection(v)) {
      out.push(head + trailer(e.comment));
      if (v.kind === 'map') writeEntries(v.entries, column + r.step, r, out);
      else if (v.kind === 'seq') writeItems(v.items, column + r.seqIndent, r, out);
    } else if (v.kind === 'scalar' && v.style === 'literal' && typeof v.value === 'string') {
      const { header, lines } = literalLines(v.value, column + r.step, rare(r.quirks, 'keepLiterals', seed));
      out.push(`${head} ${header}${trailer(e.comment)}`, ...lines);
    } else if (v.kind === 'scalar' && v.style === 'empty') {
      out.push(head + trailer(e.comment));
    } else if (v.kind === 'scalar' && rare(r.quirks, 'scalarNextLine', seed)) {
      out.push(head + trailer(e.comment), sp(column + r.step) + flowText(v, r));
    } else if (v.kind !== 'scalar' && column === 0 && rare(r.quirks, 'multilineFlow', seed) && flowParts(v, r).length > 0) {
      const [first = '', ...rest] = multilineFlow(v, r);
      out.push(`${head} ${first}${trailer(e.comment)}`, ...rest);
    } else {
      out.push(`${head} ${flowText(v, r)}${trailer(e.comment)}`);
    }
  }
}

function writeItems(items: GenItem[], column: number, r: GenRecord, out: string[]): void {
  for (const item of items) {
    const v = item.value;
    if (isBlockCollection(v)) {
      // Compact form: the first line of the nested block shares the dash line.
      const nested: string[] = [];
      if (v.kind === 'map') writeEntries(v.entries.map((e, i) => (i === 0 ? { ...e, blankBefore: false, commentLine: null } : e)), column + 2, r, nested);
      else if (v.kind === 'seq') writeItems(v.items, column + 2, r, nested);
      const [first = '', ...rest] = nested;
      out.push(`${sp(column)}- ${first.slice(column + 2)}`, ...rest);
    } else if (v.kind === 'scalar' && v.style === 'literal' && typeof v.value === 'string') {
      const { header, lines } = literalLines(v.value, column + 2);
      out.push(`${sp(column)}- ${header}${trailer(item.comment)}`, ...lines);
    } else {
      out.push(`${sp(column)}-${sp(r.quirks.dashGap)}${flowText(v, r)}${trailer(item.comment)}`);
    }
  }
}

/** The record file's text. */
export function writeRecord(r: GenRecord): string {
  const lines: string[] = [];
  writeEntries(r.entries, 0, r, lines);
  const bom = r.bom ? '\uFEFF' : '';
  if (r.format === 'md') {
    const body = (r.notes ?? '').replace(/\n$/, r.finalEol ? '\n' : '');
    const text = ['---', ...lines, '---', ''].join('\n') + body;
    return bom + text.replace(/\n/g, r.eol);
  }
  if (r.notes !== null) {
    const { header, lines: notes } = literalLines(r.notes, r.step);
    lines.push(`notes: ${header}`, ...notes);
  }
  if (r.quirks.docEnd && lines.length > 0) lines.push('...');
  const text = lines.join('\n') + (r.finalEol && lines.length > 0 ? '\n' : '');
  return bom + text.replace(/\n/g, r.eol);
}
