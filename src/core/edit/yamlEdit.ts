// Format-preserving edits of one YAML text (a front matter or a whole `.yaml` record). Positions come
// from `yaml`'s `parseDocument` (node ranges; `keepSourceTokens` for the exact offsets of the `:` and
// `-` indicators); every operation splices new text in at those positions and never re-prints the
// document, because `Document.toString()` normalizes the parts we did not touch (quotes, comments,
// flow/block style, blank lines). Each operation parses the text it is given, so composite
// operations (setting a whole map, several fields) are sequences of simple, exact steps.
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isMap, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLMap, type YAMLSeq } from 'yaml';
import type { FieldPath } from '../parse/positions';
import { insertIntoText, logPlanner, type NotesPlanner } from './markdownLog';
import { applyEdits, composeEdits, type TextEdit } from './textEdit';
import {
  afterLastEntry,
  anchorEnd,
  column,
  contentEnd,
  dashOffsets,
  detectStyle,
  holderCollection,
  holderValue,
  isEmptyNode,
  isBlockScalar,
  isKeepBlockScalar,
  itemEnd,
  itemStart,
  keyName,
  lastLeaf,
  lineEnd,
  lineStart,
  nextLineStart,
  parseYaml,
  range,
  trailingComma,
  type Collection,
  type Holder,
} from './yamlLayout';
import {
  isPlainMap,
  renderEntryLines,
  renderFlow,
  renderItemLines,
  renderPairValue,
  renderSeqItem,
  type LayoutStyle,
  type PlainValue,
} from './yamlRender';
import { stringifyString, type QuotePreference } from './yamlScalar';

export type Eol = '\n' | '\r\n';
/** The new text and the edits (against the text given) that produce it. */
export type YamlEditOutcome = { ok: true; text: string; edits: TextEdit[] } | { ok: false; error: string };

type Located =
  | { kind: 'found'; holder: Holder; node: YamlNode | null }
  /** `path[depth]` is absent from `parent` (null: the document has no fields at all). */
  | { kind: 'missing'; depth: number; parent: Collection | null }
  /** `path[0..depth)` holds null (`consent:` or `consent: null`): the rest of the path is absent. */
  | { kind: 'null'; depth: number }
  | { kind: 'error'; error: string };

interface Ctx {
  text: string;
  doc: Document.Parsed;
  eol: Eol;
  style: LayoutStyle;
}

const unchanged = (text: string): YamlEditOutcome => ({ ok: true, text, edits: [] });
const fail = (error: string): YamlEditOutcome => ({ ok: false, error });

/** `next_action.date`, `purchases[0].amount`: how paths appear in messages. */
export function pathName(path: FieldPath): string {
  return path.reduce<string>((name, seg) => (typeof seg === 'number' ? `${name}[${seg}]` : name ? `${name}.${seg}` : seg), '');
}

function prepare(text: string, eol: Eol): Ctx | { error: string } {
  const parsed = parseYaml(text);
  if ('error' in parsed) return parsed;
  const { doc } = parsed;
  // A document with only comments or a `...` marker has an empty null scalar for contents: no fields yet.
  if (isEmptyNode(doc.contents)) doc.contents = null;
  if (doc.contents !== null && !isMap(doc.contents)) {
    return { error: 'the fields are not a YAML mapping (`key: value` lines)' };
  }
  return { text, doc, eol, style: detectStyle(text, doc) };
}

function locate(doc: Document.Parsed, path: FieldPath): Located {
  let node: unknown = doc.contents;
  if (node === null) return { kind: 'missing', depth: 0, parent: null };
  for (let depth = 0; depth < path.length; depth++) {
    const seg = path[depth] as string | number;
    let holder: Holder;
    let child: YamlNode | null;
    if (isMap(node)) {
      const index = node.items.findIndex((pair) => keyName(pair.key) === String(seg));
      const pair = node.items[index];
      if (!pair) return { kind: 'missing', depth, parent: node };
      holder = { kind: 'pair', map: node, pair, index };
      child = (pair.value as YamlNode | null) ?? null;
    } else if (isSeq(node)) {
      if (typeof seg !== 'number') {
        return { kind: 'error', error: `${pathName(path.slice(0, depth)) || 'the fields'} is a list: "${seg}" must be an index` };
      }
      if (seg >= node.items.length) return { kind: 'missing', depth, parent: node };
      holder = { kind: 'item', seq: node, index: seg };
      child = (node.items[seg] as YamlNode | null) ?? null;
    } else {
      return { kind: 'error', error: `${pathName(path.slice(0, depth))} is not a map or a list` };
    }
    if (child && isAlias(child)) {
      return { kind: 'error', error: `${pathName(path.slice(0, depth + 1))} is a YAML alias; edit it by hand` };
    }
    if (depth === path.length - 1) return { kind: 'found', holder, node: child };
    if (child === null || (isScalar(child) && child.value === null)) return { kind: 'null', depth: depth + 1 };
    if (!isMap(child) && !isSeq(child)) {
      return {
        kind: 'error',
        error: `cannot edit ${pathName(path)}: ${pathName(path.slice(0, depth + 1))} is a value, not a map or a list`,
      };
    }
    node = child;
  }
  return { kind: 'error', error: 'empty field path' };
}

/** The value for `rest` of a path that does not exist yet: `['consent', 'email']` → `{ consent: { email } }`. */
function buildNested(rest: FieldPath, value: PlainValue, fullPath: FieldPath): { value: PlainValue } | { error: string } {
  let built = value;
  for (let i = rest.length - 1; i >= 0; i--) {
    const seg = rest[i] as string | number;
    if (typeof seg === 'number') {
      if (seg !== 0) return { error: `cannot create ${pathName(fullPath)}: the list does not exist, so only index 0 can be created` };
      built = [built];
    } else {
      built = { [seg]: built };
    }
  }
  return { value: built };
}

// ---- splices --------------------------------------------------------------------------------

function splice(from: number, to: number, newText: string): TextEdit {
  return { offset: from, length: to - from, newText };
}

/** Inserts whole lines at a line start (or at the end of a text that does not end with a line break). */
function insertLines(ctx: Ctx, pos: number, lines: readonly string[]): TextEdit {
  const { text, eol } = ctx;
  if (pos === text.length && text.length > 0 && !text.endsWith('\n')) {
    // Keep "no line break at the end" for a one-line entry; a block (`notes: |`) needs its line break.
    return splice(pos, pos, eol + lines.join(eol) + (lines.length > 1 ? eol : ''));
  }
  return splice(pos, pos, lines.join(eol) + eol);
}

function quotePreference(node: YamlNode | null): QuotePreference {
  if (node && isScalar(node)) {
    if (node.type === 'QUOTE_DOUBLE') return 'double';
    if (node.type === 'QUOTE_SINGLE') return 'single';
  }
  return 'plain';
}

/** Where the document's fields end: the end of the text, or the line of a `...` end marker. */
function rootEnd(ctx: Ctx): number {
  const marker = /^\.\.\.(?:[ \t].*)?$/m.exec(ctx.text);
  return marker ? marker.index : ctx.text.length;
}

/** Replaces the value in `holder` with `value`, leaving the key, the comment after it and the rest alone. */
function replaceValue(ctx: Ctx, holder: Holder, value: PlainValue): TextEdit[] | { error: string } {
  const { text, eol, style } = ctx;
  const node = holderValue(holder);
  const prefer = quotePreference(node);
  const empty = isEmptyNode(node);
  const anchor = anchorEnd(holder);
  if (holderCollection(holder).flow) {
    const rendered = renderFlow(value, style, prefer);
    if (node && !empty) return [splice(range(node)[0], contentEnd(text, node), rendered)];
    if (anchor === undefined) return { error: 'unsupported YAML layout (a flow entry without `:`)' };
    return [splice(anchor, anchor, ` ${rendered}`)];
  }
  if (anchor === undefined) return { error: 'unsupported YAML layout (explicit `? key` entries)' };
  const rendering =
    holder.kind === 'pair'
      ? renderPairValue(value, column(text, (holder.pair.key as YamlNode | null)?.range?.[0] ?? anchor - 1), style, prefer)
      : renderSeqItem(value, column(text, anchor - 1), style, prefer);
  const anchorLineEnd = lineEnd(text, anchor);
  const valueStart = node && !empty ? range(node)[0] : anchor;
  const valueEnd = node && !empty ? contentEnd(text, node) : anchor;
  const onAnchorLine = valueStart <= anchorLineEnd;
  const lastLineEnd = lineEnd(text, valueEnd);

  if (rendering.rest.length === 0) {
    if (empty) return [splice(anchor, anchor, rendering.first)];
    if (onAnchorLine) return [splice(valueStart, valueEnd, rendering.first.trimStart())];
    // `key:  # comment` with the value on the next lines: the value moves up before the comment.
    return [splice(anchor, anchor, rendering.first), splice(anchorLineEnd, lastLineEnd, '')];
  }
  // A block that needs its own lines; a line break after it even at the end of the text.
  const block = eol + rendering.rest.join(eol) + (lastLineEnd === text.length ? eol : '');
  if (onAnchorLine) {
    // Whatever followed the old value on its last line (a comment) stays, moved to the first line.
    const tail = text.slice(empty ? anchor : valueEnd, lastLineEnd);
    const kept = /\S/.test(tail) ? (/^\s/.test(tail) ? tail : ` ${tail}`) : '';
    return [splice(anchor, lastLineEnd, rendering.first + kept + block)];
  }
  return [splice(anchor, anchor, rendering.first), splice(anchorLineEnd, lastLineEnd, block)];
}

/** Where the lines after entry `index` of a block map start (past a `|+` block's kept blank lines). */
function afterEntry(text: string, map: YAMLMap<unknown, unknown>, index: number): number | undefined {
  const value = map.items[index]?.value as YamlNode | null | undefined;
  if (value) {
    const leaf = lastLeaf(value);
    if (isKeepBlockScalar(text, leaf)) return range(leaf)[1];
  }
  const end = itemEnd(text, map, index);
  return end === undefined ? undefined : nextLineStart(text, end);
}

/** Adds `key: value` to `map`: after the entry `after` when the map is a block map that has it, else at the end. */
function insertIntoMap(ctx: Ctx, map: YAMLMap<unknown, unknown> | null, key: string, value: PlainValue, after?: string): TextEdit[] {
  const { text, style } = ctx;
  if (map === null) return [insertLines(ctx, rootEnd(ctx), renderEntryLines(key, value, 0, style))];
  if (after !== undefined && !map.flow) {
    const index = map.items.findIndex((pair) => keyName(pair.key) === after);
    const pos = index < 0 ? undefined : afterEntry(text, map, index);
    if (pos !== undefined) return [insertLines(ctx, pos, renderEntryLines(key, value, column(text, itemStart(map, 0) ?? 0), style))];
  }
  if (map.flow) {
    const [start, end] = range(map);
    if (map.items.length === 0) return [splice(start, end, renderFlow({ [key]: value }, style))];
    const entry = `${stringifyString(key, 'flowKey')}: ${renderFlow(value, style)}`;
    const last = itemEnd(text, map, map.items.length - 1) ?? end - 1;
    const comma = trailingComma(text, last, end - 1);
    return comma === undefined ? [splice(last, last, `, ${entry}`)] : [splice(comma + 1, comma + 1, ` ${entry},`)];
  }
  const firstKey = itemStart(map, 0) ?? 0;
  const lines = renderEntryLines(key, value, column(text, firstKey), style);
  const pos = map === ctx.doc.contents ? rootEnd(ctx) : afterLastEntry(text, map);
  return [insertLines(ctx, pos, lines)];
}

function appendToSeq(ctx: Ctx, seq: YAMLSeq<unknown>, value: PlainValue): TextEdit[] | { error: string } {
  const { text, style } = ctx;
  const [start, end] = range(seq);
  if (seq.flow) {
    if (seq.items.length === 0) return [splice(start, end, renderFlow([value], style))];
    const item = renderFlow(value, style);
    const last = itemEnd(text, seq, seq.items.length - 1) ?? end - 1;
    const comma = trailingComma(text, last, end - 1);
    return comma === undefined ? [splice(last, last, `, ${item}`)] : [splice(comma + 1, comma + 1, ` ${item},`)];
  }
  const dash = dashOffsets(seq)?.[0];
  if (dash === undefined) return { error: 'unsupported YAML layout (a list item without `-`)' };
  const first = seq.items[0] as YamlNode | null;
  // The file's dash style: `- item` or `-   item`.
  const gap =
    first && !isEmptyNode(first) && range(first)[0] <= lineEnd(text, dash) ? Math.max(1, range(first)[0] - dash - 1) : 1;
  return [insertLines(ctx, afterLastEntry(text, seq), renderItemLines(value, column(text, dash), style, gap))];
}

/** Removes an entry: its whole lines in block style, its text and one comma in flow style. */
function removeEntry(ctx: Ctx, collection: Collection, index: number): TextEdit[] | { error: string } {
  const { text } = ctx;
  const count = collection.items.length;
  const start = itemStart(collection, index);
  const end = itemEnd(text, collection, index);
  if (start === undefined || end === undefined) return { error: 'unsupported YAML layout' };
  if (collection.flow) {
    const [collStart, collEnd] = range(collection);
    if (count === 1) return [splice(collStart, collEnd, isMap(collection) ? '{}' : '[]')];
    if (index < count - 1) {
      const next = itemStart(collection, index + 1);
      return next === undefined ? { error: 'unsupported YAML layout' } : [splice(start, next, '')];
    }
    const previousEnd = itemEnd(text, collection, index - 1);
    return previousEnd === undefined ? { error: 'unsupported YAML layout' } : [splice(previousEnd, end, '')];
  }
  const from = lineStart(text, start);
  if (text.slice(from, start).trim() === '') {
    let to = nextLineStart(text, end);
    const previous = index > 0 ? (isMap(collection) ? collection.items[index - 1]?.value : collection.items[index - 1]) : null;
    const leaf = previous ? lastLeaf(previous as YamlNode) : null;
    if (leaf && isBlockScalar(leaf) && text.slice(range(leaf)[1], from).trim() === '') {
      to = pastLinesABlockWouldTake(text, to, start - from, isKeepBlockScalar(text, leaf));
    }
    return [splice(from, to, '')];
  }
  // A compact entry that shares its line with a `- ` (`- date: …`): it goes, the `-` stays, and the
  // next entries keep their lines (`-` alone on its line, the map or list below it, is the same item).
  let cut = start;
  while (cut > from && (text[cut - 1] === ' ' || text[cut - 1] === '\t')) cut--;
  return [splice(cut, lineEnd(text, end), '')];
}

/**
 * Where a removal must end when a block scalar (`|`, `>`) comes right before the removed entry:
 * past the entry's own trailing comment lines (indented deeper than the entry, at `indent`),
 * which the block would otherwise read as its text, and, for a `|+` block, past the blank lines
 * it would take as its own content.
 */
function pastLinesABlockWouldTake(text: string, from: number, indent: number, keep: boolean): number {
  let to = from;
  for (let pos = from; pos < text.length; ) {
    const line = text.slice(pos, lineEnd(text, pos));
    const next = nextLineStart(text, pos);
    const trimmed = line.trim();
    if (trimmed === '') {
      if (keep) to = next;
    } else if (trimmed.startsWith('#') && line.length - line.trimStart().length > indent) {
      to = next;
    } else {
      break;
    }
    pos = next;
  }
  return to;
}

function apply(text: string, edits: TextEdit[] | { error: string }): YamlEditOutcome {
  if ('error' in edits) return fail(edits.error);
  return { ok: true, text: applyEdits(text, edits), edits };
}

/** Runs steps one after another, each on the previous one's text, as one outcome. */
function sequence(text: string, steps: Array<(current: string) => YamlEditOutcome>): YamlEditOutcome {
  let current = text;
  let edits: TextEdit[] = [];
  for (const step of steps) {
    const outcome = step(current);
    if (!outcome.ok) return outcome;
    edits = composeEdits(edits, outcome.edits, current);
    current = outcome.text;
  }
  return { ok: true, text: current, edits };
}

// ---- operations -----------------------------------------------------------------------------

/**
 * Sets `path` to `value`. An existing map or list given a map or list is updated entry by entry
 * (only what differs changes, comments on the other entries stay); anything else is replaced in
 * place; missing parents are created. A value equal to the current one changes nothing. A new key
 * goes after the sibling `after` when there is one (`unsubscribed_on` beside `unsubscribed`), else last.
 */
export function setAt(text: string, path: FieldPath, value: PlainValue, eol: Eol, after?: string): YamlEditOutcome {
  const ctx = prepare(text, eol);
  if ('error' in ctx) return fail(ctx.error);
  const located = locate(ctx.doc, path);
  switch (located.kind) {
    case 'error':
      return fail(located.error);
    case 'null': {
      const built = buildNested(path.slice(located.depth), value, path);
      if ('error' in built) return fail(built.error);
      return setAt(text, path.slice(0, located.depth), built.value, eol);
    }
    case 'missing': {
      const seg = path[located.depth] as string | number;
      const built = buildNested(path.slice(located.depth + 1), value, path);
      if ('error' in built) return fail(built.error);
      const parent = located.parent;
      if (parent !== null && isSeq(parent)) {
        if (seg !== parent.items.length) {
          return fail(`cannot set ${pathName(path)}: ${pathName(path.slice(0, located.depth))} has ${parent.items.length} items`);
        }
        return apply(ctx.text, appendToSeq(ctx, parent, built.value));
      }
      return apply(ctx.text, insertIntoMap(ctx, parent, String(seg), built.value, located.depth === path.length - 1 ? after : undefined));
    }
    case 'found': {
      const { node, holder } = located;
      if (node && isDeepStrictEqual(node.toJS(ctx.doc), value)) return unchanged(text);
      if (node && isMap(node) && isPlainMap(value) && node.items.length > 0 && Object.keys(value).length > 0) {
        const oldKeys = node.items.map((pair) => keyName(pair.key)).filter((k): k is string => k !== undefined);
        return sequence(text, [
          ...Object.entries(value).map(([key, item]) => (current: string) => setAt(current, [...path, key], item, eol)),
          ...oldKeys
            .filter((key) => !Object.prototype.hasOwnProperty.call(value, key))
            .map((key) => (current: string) => removeAt(current, [...path, key], eol)),
        ]);
      }
      if (node && isSeq(node) && Array.isArray(value) && node.items.length > 0 && value.length > 0) {
        // Item by item: changed items are replaced, new ones appended, extra ones removed from the end.
        const removed = Array.from({ length: Math.max(0, node.items.length - value.length) }, (_, i) => node.items.length - 1 - i);
        return sequence(text, [
          ...value.map((item, i) => (current: string) => setAt(current, [...path, i], item, eol)),
          ...removed.map((i) => (current: string) => removeAt(current, [...path, i], eol)),
        ]);
      }
      return apply(ctx.text, replaceValue(ctx, holder, value));
    }
  }
}

/** Removes `path`. Removing what is not there changes nothing. */
export function removeAt(text: string, path: FieldPath, eol: Eol): YamlEditOutcome {
  const ctx = prepare(text, eol);
  if ('error' in ctx) return fail(ctx.error);
  const located = locate(ctx.doc, path);
  if (located.kind === 'error') return fail(located.error);
  if (located.kind !== 'found') return unchanged(text);
  const collection = holderCollection(located.holder);
  if (!collection.flow && collection.items.length === 1 && collection !== ctx.doc.contents) {
    // The last entry of a nested block map or list: `consent:` alone would read as null, so the
    // parent becomes an explicitly empty `{}` / `[]`.
    return setAt(text, path.slice(0, -1), isMap(collection) ? {} : [], eol);
  }
  return apply(ctx.text, removeEntry(ctx, collection, located.holder.index));
}

/** Appends `item` to the list at `path`, creating the list when it is missing or null. */
export function appendAt(text: string, path: FieldPath, item: PlainValue, eol: Eol): YamlEditOutcome {
  const ctx = prepare(text, eol);
  if ('error' in ctx) return fail(ctx.error);
  const located = locate(ctx.doc, path);
  if (located.kind === 'error') return fail(located.error);
  const node = located.kind === 'found' ? located.node : null;
  // Missing, `tags:` or `tags: null`: the list is created.
  if (!node || (isScalar(node) && node.value === null)) return setAt(text, path, [item], eol);
  if (!isSeq(node)) return fail(`${pathName(path)} is not a list`);
  return apply(ctx.text, appendToSeq(ctx, node, item));
}

/**
 * Appends `- entry` to the `heading` section of the `notes:` field. A literal block (`notes: |`) gets
 * the new line spliced in with the block's indentation; any other form (missing, null, a quoted or
 * folded string) is rewritten as a literal block, since the notes are the edited field.
 */
export function appendLogToNotes(text: string, heading: string, entry: string, eol: Eol): YamlEditOutcome {
  return insertIntoNotes(text, logPlanner(heading, entry), eol);
}

/** Inserts the lines `plan` gives into the `notes:` field, as appendLogToNotes does for a log entry. */
export function insertIntoNotes(text: string, plan: NotesPlanner, eol: Eol): YamlEditOutcome {
  const ctx = prepare(text, eol);
  if ('error' in ctx) return fail(ctx.error);
  const located = locate(ctx.doc, ['notes']);
  if (located.kind === 'error') return fail(located.error);
  const node = located.kind === 'found' ? located.node : null;
  if (node && !isScalar(node)) return fail('notes is not text');
  if (node && isScalar(node) && node.value !== null && typeof node.value !== 'string') return fail('notes is not text');

  if (node && isScalar(node) && node.type === 'BLOCK_LITERAL' && typeof node.value === 'string' && node.value !== '') {
    const [start, end] = range(node);
    // An indentation indicator (`|2`) fixes the indentation; such blocks are rewritten below instead.
    const header = /^\|[+-]?(?![0-9])/.exec(text.slice(start))?.[0];
    if (header !== undefined) {
      const contentStart = nextLineStart(text, start);
      const raw: Array<{ text: string; end: number; hasEol: boolean }> = [];
      for (let pos = contentStart; pos < end; ) {
        const next = nextLineStart(text, pos);
        const hasEol = text[next - 1] === '\n' && next <= end;
        raw.push({ text: text.slice(pos, lineEnd(text, pos)), end: hasEol ? next : lineEnd(text, pos), hasEol });
        pos = next;
      }
      const indent = /^ */.exec(raw.find((line) => line.text.trim() !== '')?.text ?? '')?.[0].length ?? 0;
      const lines = raw.map((line) => (line.text.trim() === '' && line.text.length <= indent ? '' : line.text.slice(indent)));
      const planned = plan(lines);
      const added = planned.lines.map((line) => (line === '' ? '' : ' '.repeat(indent) + line));
      const after = raw[planned.after];
      if (!after) return apply(text, [splice(contentStart, contentStart, added.map((l) => l + eol).join(''))]);
      const inserted = after.hasEol ? added.map((l) => l + eol).join('') : added.map((l) => eol + l).join('');
      return apply(text, [splice(after.end, after.end, inserted)]);
    }
  }
  const current = node && isScalar(node) && typeof node.value === 'string' ? node.value : '';
  return setAt(text, ['notes'], insertIntoText(current, plan), eol);
}
