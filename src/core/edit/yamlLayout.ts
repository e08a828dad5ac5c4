// Where things are in a YAML text: offsets of keys, values, `:` and `-` indicators, line starts and
// ends, and the file's indentation habits. Read from `yaml`'s parsed document (node ranges) and its
// CST (`keepSourceTokens`), so the edit operations (yamlEdit.ts) can splice text at exact places.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { DEFAULT_STYLE, type LayoutStyle } from './yamlRender';

export type Collection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;
export type AnyPair = Pair<unknown, unknown>;

/** Where a value sits: the value of a map entry, or an item of a list. */
export type Holder =
  | { kind: 'pair'; map: YAMLMap<unknown, unknown>; pair: AnyPair; index: number }
  | { kind: 'item'; seq: YAMLSeq<unknown>; index: number };

export const lineStart = (text: string, pos: number): number => text.lastIndexOf('\n', pos - 1) + 1;
export const column = (text: string, pos: number): number => pos - lineStart(text, pos);

/** End of the line holding `pos`, before its `\r\n` or `\n`. */
export function lineEnd(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  if (nl === -1) return text.length;
  return nl > pos && text[nl - 1] === '\r' ? nl - 1 : nl;
}

/** Start of the line after the one holding `pos` (the text's length on the last line). */
export function nextLineStart(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl === -1 ? text.length : nl + 1;
}

export function range(node: YamlNode): [number, number, number] {
  return node.range ?? [0, 0, 0];
}

/** A value with no text at all: `key:` followed by nothing (or only a comment). */
export function isEmptyNode(node: YamlNode | null): boolean {
  if (node === null) return true;
  const [start, end] = range(node);
  return isScalar(node) && node.value === null && start === end;
}

/** End of the node's last character that is not trailing whitespace or line breaks. */
export function contentEnd(text: string, node: YamlNode): number {
  const [start, end] = range(node);
  let pos = end;
  while (pos > start && /[ \t\r\n]/.test(text[pos - 1] ?? '')) pos--;
  return pos;
}

/** A `|` or `>` block scalar. */
export function isBlockScalar(node: YamlNode): boolean {
  return isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
}

export function isKeepBlockScalar(text: string, node: YamlNode): boolean {
  if (!isScalar(node) || (node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED')) return false;
  const header = /^[|>][0-9+-]*/.exec(text.slice(range(node)[0]))?.[0] ?? '';
  return header.includes('+');
}

export function keyName(key: unknown): string | undefined {
  return isScalar(key) ? String(key.value) : undefined;
}

export function holderCollection(holder: Holder): Collection {
  return holder.kind === 'pair' ? holder.map : holder.seq;
}

export function holderValue(holder: Holder): YamlNode | null {
  if (holder.kind === 'pair') return (holder.pair.value as YamlNode | null) ?? null;
  return (holder.seq.items[holder.index] as YamlNode | null | undefined) ?? null;
}

/** Offset of the `-` of each item of a block list, from the CST (undefined when they do not line up). */
export function dashOffsets(seq: YAMLSeq<unknown>): number[] | undefined {
  const token = seq.srcToken;
  if (!token || token.type !== 'block-seq') return undefined;
  const dashes: number[] = [];
  for (const item of token.items) {
    const dash = item.start.find((tok) => tok.type === 'seq-item-ind');
    if (dash) dashes.push(dash.offset);
  }
  return dashes.length === seq.items.length ? dashes : undefined;
}

/** Offset just after the `:` of a map entry (or the `-` of a list item). */
export function anchorEnd(holder: Holder): number | undefined {
  if (holder.kind === 'pair') {
    const colon = holder.pair.srcToken?.sep?.find((tok) => tok.type === 'map-value-ind');
    return colon === undefined ? undefined : colon.offset + 1;
  }
  const dash = dashOffsets(holder.seq)?.[holder.index];
  return dash === undefined ? undefined : dash + 1;
}

/** Where an entry begins: its key, or the `-` of a block list item. */
export function itemStart(collection: Collection, index: number): number | undefined {
  if (isMap(collection)) {
    const key = collection.items[index]?.key as YamlNode | null | undefined;
    return key?.range?.[0];
  }
  if (!collection.flow) return dashOffsets(collection)?.[index];
  const item = collection.items[index] as YamlNode | null | undefined;
  return item?.range?.[0];
}

/** Where an entry's content ends (before any comment on its last line). */
export function itemEnd(text: string, collection: Collection, index: number): number | undefined {
  if (isMap(collection)) {
    const pair = collection.items[index];
    if (!pair) return undefined;
    const value = pair.value as YamlNode | null;
    if (value && !isEmptyNode(value)) return contentEnd(text, value);
    const holder: Holder = { kind: 'pair', map: collection, pair, index };
    return anchorEnd(holder) ?? (pair.key as YamlNode | null)?.range?.[1];
  }
  const item = collection.items[index] as YamlNode | null | undefined;
  if (item && !isEmptyNode(item)) return contentEnd(text, item);
  return anchorEnd({ kind: 'item', seq: collection, index });
}

/** The deepest last value of a block collection: a `|+` block there owns the blank lines after it. */
export function lastLeaf(node: YamlNode): YamlNode {
  let current: YamlNode = node;
  for (;;) {
    if ((isMap(current) || isSeq(current)) && !current.flow && current.items.length > 0) {
      const last = current.items[current.items.length - 1];
      const next = (isMap(current) ? (last as AnyPair).value : last) as YamlNode | null;
      if (!next) return current;
      current = next;
    } else {
      return current;
    }
  }
}

/** Line start after the last entry of a block collection: where a new entry goes. */
export function afterLastEntry(text: string, collection: Collection): number {
  const leaf = lastLeaf(collection);
  if (leaf !== collection && isKeepBlockScalar(text, leaf)) return range(leaf)[1];
  const end = itemEnd(text, collection, collection.items.length - 1) ?? range(collection)[1];
  return nextLineStart(text, end);
}

/** The `,` after a flow collection's last item, if the author left one (`[a, b, ]`). */
export function trailingComma(text: string, from: number, to: number): number | undefined {
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char === ',') return i;
    if (char === '#') i = lineEnd(text, i);
    else if (char !== ' ' && char !== '\t' && char !== '\r' && char !== '\n') return undefined;
  }
  return undefined;
}

// ---- parsing and layout ---------------------------------------------------------------------

export function parseYaml(text: string): { doc: Document.Parsed } | { error: string } {
  const doc = parseDocument(text, { keepSourceTokens: true });
  const first = doc.errors[0];
  if (first) return { error: first.message.split('\n')[0] ?? 'cannot parse' };
  return { doc };
}

/** The file's own indentation habits, so new lines look like their neighbours. */
export function detectStyle(text: string, doc: Document.Parsed): LayoutStyle {
  let indentStep: number | undefined;
  let seqIndent: number | undefined;
  let flowMapPadding: boolean | undefined;
  let flowSeqPadding: boolean | undefined;
  const walk = (node: unknown, keyColumn: number | undefined): void => {
    if (isMap(node) || isSeq(node)) {
      const [start] = range(node);
      if (node.flow && node.items.length > 0) {
        const padded = text[start + 1] === ' ';
        if (isMap(node)) flowMapPadding ??= padded;
        else flowSeqPadding ??= padded;
      } else if (!node.flow && node.items.length > 0 && keyColumn !== undefined) {
        const first = itemStart(node, 0);
        if (first !== undefined && text.slice(lineStart(text, first), first).trim() === '') {
          const delta = column(text, first) - keyColumn;
          if (isMap(node) && delta > 0) indentStep ??= delta;
          if (isSeq(node) && delta >= 0) seqIndent ??= delta;
        }
      }
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key as YamlNode | null;
          const start = key?.range?.[0];
          walk(pair.value, start === undefined || node.flow ? undefined : column(text, start));
        }
      } else {
        for (const item of node.items) walk(item, undefined);
      }
    }
  };
  walk(doc.contents, undefined);
  return {
    indentStep: indentStep ?? DEFAULT_STYLE.indentStep,
    seqIndent: seqIndent ?? DEFAULT_STYLE.seqIndent,
    flowMapPadding: flowMapPadding ?? DEFAULT_STYLE.flowMapPadding,
    flowSeqPadding: flowSeqPadding ?? DEFAULT_STYLE.flowSeqPadding,
  };
}
