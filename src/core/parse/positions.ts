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
