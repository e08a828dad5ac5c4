// The line scanner that finds keys without a YAML parse must agree with the parser wherever it
// answers: checked on every key of every record in the sample workspace and the fixtures, and on
// generated front matter.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { splitFrontMatter } from '../../../src/core/parse/frontMatter';
import { createKeyLocator, quickKeyLine, type FieldPath } from '../../../src/core/parse/positions';
import { FIXTURES, SAMPLE_WORKSPACE } from '../paths';
import { runs } from '../fuzz';

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(md|ya?ml)$/.test(name)) yield full;
  }
}

/** Every path of depth one or two that names a key in the document. */
function keyPaths(yamlText: string): FieldPath[] {
  const doc = parseDocument(yamlText, { uniqueKeys: false, strict: false });
  const out: FieldPath[] = [];
  if (!isMap(doc.contents)) return out;
  for (const pair of doc.contents.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const top = String(pair.key.value);
    out.push([top]);
    if (isMap(pair.value)) for (const sub of pair.value.items) if (isPair(sub) && isScalar(sub.key)) out.push([top, String(sub.key.value)]);
  }
  return out;
}

function agrees(yamlText: string): number {
  const lines = yamlText.split('\n');
  const parser = createKeyLocator(yamlText, 1);
  let answered = 0;
  for (const keyPath of keyPaths(yamlText)) {
    const quick = quickKeyLine(lines, keyPath);
    if (!quick) continue;
    answered++;
    assert.deepEqual({ line: quick.line + 1, column: quick.column }, yamlKeyPosition(yamlText, keyPath), `${JSON.stringify(keyPath)} in\n${yamlText}`);
    assert.deepEqual(parser.keyPosition(keyPath), { line: quick.line + 1, column: quick.column });
  }
  return answered;
}

/** The parser's answer, independent of the scanner. */
function yamlKeyPosition(yamlText: string, keyPath: FieldPath): { line: number; column: number } {
  const doc = parseDocument(yamlText, { uniqueKeys: false, strict: false });
  let node: unknown = doc.contents;
  let offset = 0;
  for (const segment of keyPath) {
    assert.ok(isMap(node));
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment)!;
    offset = (pair.key as { range: [number] }).range[0];
    node = pair.value;
  }
  const before = yamlText.slice(0, offset);
  return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

test('on every record of the sample workspace and the fixtures, the scanner agrees with the parser', () => {
  let answered = 0;
  for (const root of [SAMPLE_WORKSPACE, FIXTURES]) {
    for (const file of files(root)) {
      const text = readFileSync(file, 'utf8');
      const split = file.endsWith('.md') ? splitFrontMatter(text) : undefined;
      const yamlText = split ? (split.ok ? split.frontMatter : undefined) : text.replace(/^\uFEFF/, '');
      if (yamlText === undefined) continue;
      answered += agrees(yamlText);
    }
  }
  assert.ok(answered > 500, `${answered} keys answered by the scanner`);
});

test('on generated front matter (block and flow maps, comments, CRLF, lists), the scanner agrees or abstains', () => {
  const key = fc.constantFrom('name', 'stage', 'next_action', 'date', 'what', 'tags', 'consent', 'email', 'x-y', 'имя');
  const scalar = fc.constantFrom('a', '2026-11-25', '"quoted: yes"', "'single'", 'Анна', '');
  const entry = fc.oneof(
    fc.tuple(key, scalar).map(([k, v]) => [`${k}: ${v}`]),
    fc.tuple(key, fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 })).map(([k, subs]) => [`${k}: { ${subs.map(([a, b]) => `${a}: ${b}`).join(', ')} }`]),
    fc.tuple(key, fc.array(fc.tuple(key, scalar), { minLength: 1, maxLength: 3 }), fc.constantFrom(2, 4)).map(([k, subs, n]) => [
      `${k}:`,
      ...subs.map(([a, b]) => `${' '.repeat(n)}${a}: ${b}`),
    ]),
    fc.tuple(key, fc.array(scalar, { minLength: 1, maxLength: 2 })).map(([k, items]) => [`${k}:`, ...items.map((i) => `  - ${i}`)]),
    fc.constant(['# a comment', '']),
  );
  fc.assert(
    fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), fc.boolean(), (entries, crlf) => {
      const text = entries.flat().join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
      agrees(text);
    }),
    { numRuns: runs(1000) },
  );
});
