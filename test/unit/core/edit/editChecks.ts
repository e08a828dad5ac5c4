// Shared checks of the edit tests: how a record's fields read (as the loader reads them) and
// which lines an edit may change.
import assert from 'node:assert/strict';
import { CORE_SCHEMA, load } from 'js-yaml';
import { splitFrontMatter, stripBom } from '../../../../src/core/parse/frontMatter';

export type Fields = Record<string, unknown>;

/** The YAML part of a record: the front matter of a `.md` record, the whole `.yaml` record. */
export function yamlPart(text: string, format: 'md' | 'yaml'): string {
  if (format === 'yaml') return stripBom(text).text;
  const split = splitFrontMatter(text);
  assert.ok(split.ok, 'the record has front matter');
  return split.frontMatter;
}

export function bodyPart(text: string): string {
  const split = splitFrontMatter(text);
  assert.ok(split.ok, 'the record has front matter');
  return split.body;
}

/** The fields as parse/recordText.ts reads them: js-yaml with CORE_SCHEMA, an empty document is `{}`. */
export function readFields(text: string, format: 'md' | 'yaml'): Fields {
  const data: unknown = load(yamlPart(text, format), { schema: CORE_SCHEMA });
  if (data === null || data === undefined) return {};
  assert.equal(typeof data, 'object');
  return data as Fields;
}

export function getIn(data: unknown, path: readonly (string | number)[]): unknown {
  let node: unknown = data;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

/**
 * Lines without their terminators (a CRLF file's lines compare equal to an LF file's) and without
 * the BOM (checked on its own); the empty text after a final line break is not a line.
 */
export function linesOf(text: string): string[] {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The "untouched lines stay byte-identical" check: every line of `before` whose (0-based) index is
 * not in `touched` appears in `after`, unchanged and in the same order. Line terminators are
 * checked separately by `assertLineEndings`.
 */
export function assertUntouchedLinesKept(before: string, after: string, touched: ReadonlySet<number>): void {
  const newLines = linesOf(after);
  let cursor = 0;
  linesOf(before).forEach((line, index) => {
    if (touched.has(index)) return;
    while (cursor < newLines.length && newLines[cursor] !== line) cursor++;
    assert.ok(cursor < newLines.length, `line ${index + 1} ${JSON.stringify(line)} was changed, moved or lost`);
    cursor++;
  });
}

/** New line breaks use the file's: a CRLF file gains no lone LF, an LF file no CR. */
export function assertLineEndings(before: string, after: string): void {
  const crlf = /\r\n/.test(before);
  const loneLf = /(^|[^\r])\n/.test(before);
  if (crlf && !loneLf) assert.ok(!/(^|[^\r])\n/.test(after), 'a CRLF file gained a lone LF');
  if (!crlf) assert.ok(!after.includes('\r'), 'an LF file gained a CR');
  assert.equal(after.startsWith('\uFEFF'), before.startsWith('\uFEFF'), 'the BOM is kept (or not added)');
}
