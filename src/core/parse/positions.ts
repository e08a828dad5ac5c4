// Exact positions of YAML keys, from the `yaml` CST. Bulk loading uses js-yaml (fast, no
// positions); this runs only for the few files that have a problem to point at.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import type { Position } from '../model';

export type FieldPath = readonly (string | number)[];

export interface KeyLocator {
  /** Where the key of `path` starts (the item, for list indices); the deepest existing ancestor otherwise. */
  keyPosition(path: FieldPath): Position;
  /** Where the value of `path` starts, if present. */
  valuePosition(path: FieldPath): Position | undefined;
}

function keyName(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  return undefined;
}

/**
 * Builds a locator over a YAML text that begins at `firstLine` (1-based) of its file, so positions
 * come out in file coordinates.
 */
export function createKeyLocator(yamlText: string, firstLine = 1): KeyLocator {
  let yaml: KeyLocator | undefined;
  let lines: string[] | undefined;
  const full = (): KeyLocator => (yaml ??= createYamlKeyLocator(yamlText, firstLine));
  return {
    keyPosition(path) {
      const quick = quickKeyLine((lines ??= yamlText.split('\n')), path);
      return quick ? { line: quick.line + firstLine, column: quick.column } : full().keyPosition(path);
    },
    valuePosition: (path) => full().valuePosition(path),
  };
}

const PLAIN_KEY = /^[\p{L}\p{N}_][\p{L}\p{N}_.-]*$/u;

/** `key:` at the start of `text` (after `indent` spaces), a plain key followed by a colon and a space or the end. */
function keyAt(text: string, key: string, indent: number): boolean {
  if (!text.startsWith(key, indent)) return false;
  const after = text.charCodeAt(indent + key.length);
  if (after !== 58 /* : */) return false;
  const next = text.charCodeAt(indent + key.length + 1);
  return Number.isNaN(next) || next === 32 || next === 9 || next === 13;
}

/**
 * The position of a top-level key, or of a key one level down (block or flow map), found by
 * scanning lines: a `yaml` parse costs ~0.3 ms a file, which lint pays for thousands of files.
 * Undefined for anything unusual (quoted or odd keys, deeper paths, a key seen twice), which
 * then goes to the parser. Lines and columns here are 0- and 1-based respectively.
 */
export function quickKeyLine(lines: readonly string[], path: FieldPath): { line: number; column: number } | undefined {
  const [top, sub] = path;
  if (typeof top !== 'string' || path.length > 2 || !PLAIN_KEY.test(top)) return undefined;
  if (sub !== undefined && (typeof sub !== 'string' || !PLAIN_KEY.test(sub))) return undefined;
  let found = -1;
  for (let i = 0; i < lines.length; i++) {
    if (keyAt(lines[i]!, top, 0)) {
      if (found !== -1) return undefined;
      found = i;
    }
  }
  if (found === -1) return undefined;
  if (sub === undefined) return { line: found, column: 1 };
  const rest = lines[found]!.slice(top.length + 1).trimStart();
  if (rest.startsWith('{')) {
    // A one-line flow map: `next_action: { date: 2026-11-25, what: … }`.
    if (!rest.includes('}') || /["']/.test(rest.slice(0, rest.indexOf('}')))) return undefined;
    const match = new RegExp(`[{,]\\s*(${sub.replace(/[.-]/g, '\\$&')}):\\s`).exec(lines[found]!);
    return match ? { line: found, column: match.index + match[0].indexOf(sub) + 1 } : undefined;
  }
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  let indent = -1;
  for (let i = found + 1; i < lines.length; i++) {
    const line = lines[i]!;
    const text = line.trimStart();
    if (text === '' || text === '\r' || text.startsWith('#')) continue;
    const own = line.length - text.length;
    if (own === 0) return undefined;
    if (indent === -1) indent = own;
    if (own < indent) return undefined;
    if (own === indent && keyAt(line, sub, indent)) return { line: i, column: indent + 1 };
  }
  return undefined;
}

function createYamlKeyLocator(yamlText: string, firstLine: number): KeyLocator {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: false, strict: false });
  const toPosition = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstLine - 1, column: col };
  };

  function walk(path: FieldPath): { keyOffset: number; value: YamlNode | null | undefined } {
    let node: unknown = doc.contents;
    let keyOffset = 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && keyName(p.key) === String(segment));
        if (!pair) return { keyOffset, value: undefined };
        const key = pair.key as YamlNode | null;
        keyOffset = key?.range?.[0] ?? keyOffset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) return { keyOffset, value: undefined };
        keyOffset = item.range?.[0] ?? keyOffset;
        node = item;
      } else {
        return { keyOffset, value: undefined };
      }
    }
    return { keyOffset, value: node as YamlNode | null };
  }

  return {
    keyPosition(path) {
      return toPosition(walk(path).keyOffset);
    },
    valuePosition(path) {
      const { value } = walk(path);
      const offset = value?.range?.[0];
      return offset === undefined ? undefined : toPosition(offset);
    },
  };
}

/** Converts a 0-based offset in `text` to a 1-based position. */
export function offsetToPosition(text: string, offset: number, firstLine = 1): Position {
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
