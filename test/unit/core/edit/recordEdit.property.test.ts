// Property tests of the edit engine over generated records (recordGen.ts). For random set, remove,
// append and log operations:
//  (a) the result parses (js-yaml, CORE_SCHEMA, as the loader reads records);
//  (b) the target path holds the new value, and
//  (c) every other path is deep-equal to before: (b) and (c) together are "the fields equal the
//      old fields with the operation applied to plain data" (`simulate` below);
//  (d) untouched lines are kept: every line of the original file outside the edited entry appears
//      in the result, byte-identical and in the same order (editChecks.assertUntouchedLinesKept).
//      The edited entry is the lines from the key of the deepest existing node on the path through
//      the end of its value (for a removal of a flow item or of the last entry of a nested block,
//      the parent's entry); inserting into a block map or list touches no existing line;
//  (e) line endings follow the file, the BOM stays, the Markdown body is byte-identical (or, for a
//      log line, keeps all its lines), and the returned edits turn the old text into the new one.
// An operation that the data makes impossible (a path through a scalar) must return an error value.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { appendLogToText } from '../../../../src/core/edit/markdownLog';
import { editRecord, type EditOp as AnyEditOp } from '../../../../src/core/edit/recordEdit';

/** The operations these properties generate (tasks and line edits have their own tests). */
type EditOp = Extract<AnyEditOp, { op: 'set' | 'remove' | 'append' | 'log' }>;
import { applyEdits } from '../../../../src/core/edit/textEdit';
import {
  assertLineEndings,
  assertUntouchedLinesKept,
  bodyPart,
  getIn,
  linesOf,
  readFields,
  yamlPart,
  type Fields,
} from './editChecks';
import { anyString, genRecord, KEYS, writeRecord, type GenRecord } from './recordGen';
import { runs } from '../../fuzz';

const RUNS = process.env['EDIT_PROPERTY_RUNS'] ? Number(process.env['EDIT_PROPERTY_RUNS']) : runs(1000);

type Path = readonly (string | number)[];
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

// ---- new values ---------------------------------------------------------------------------------

const newScalar: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: anyString },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constantFrom('2026-11-24', 'Line one\nLine two', 'Line one\nLine two\n', 'a\n\n', '\nlead') },
);
const newKey = fc.constantFrom(...KEYS, 'new_field', 'поле');
const newValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: newScalar },
  { weight: 1, arbitrary: fc.dictionary(newKey, newScalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.array(newScalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.array(fc.dictionary(newKey, newScalar, { minKeys: 1, maxKeys: 3 }), { maxLength: 2 }) },
  { weight: 1, arbitrary: fc.dictionary(newKey, fc.oneof(newScalar, fc.array(newScalar, { maxLength: 2 })), { maxKeys: 2 }) },
);
const logLine = fc.oneof(
  fc.constantFrom('2026-11-24 call: agreed', '2026-11-24 звонок: перезвонить', '- nested', '# not a heading'),
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== '' && !/[\x00-\x1f\x7f\u0085\u2028\u2029]/.test(s)),
);

// ---- operations from the data -------------------------------------------------------------------

interface NodeAt {
  path: Path;
  value: unknown;
}

function nodes(data: unknown, path: Path = []): NodeAt[] {
  const here: NodeAt[] = path.length > 0 ? [{ path, value: data }] : [];
  if (Array.isArray(data)) return [...here, ...data.flatMap((item, i) => nodes(item, [...path, i]))];
  if (data !== null && typeof data === 'object') {
    return [...here, ...Object.entries(data).flatMap(([key, value]) => nodes(value, [...path, key]))];
  }
  return here;
}

function opsFor(data: Fields, format: 'md' | 'yaml'): fc.Arbitrary<EditOp> {
  const all = nodes(data);
  const maps: NodeAt[] = [{ path: [], value: data }, ...all.filter((n) => n.value !== null && typeof n.value === 'object' && !Array.isArray(n.value))];
  const lists = all.filter((n) => Array.isArray(n.value));
  const nulls = all.filter((n) => n.value === null);
  const fresh = (m: NodeAt): fc.Arbitrary<string> =>
    newKey.filter((k) => !Object.prototype.hasOwnProperty.call(m.value as object, k));
  const choices: Array<fc.Arbitrary<EditOp>> = [
    fc.constantFrom(...maps).chain((m) =>
      fc.tuple(fresh(m), newValue, fc.boolean()).map(([key, value, deeper]): EditOp => ({ op: 'set', path: deeper ? [...m.path, key, 'sub'] : [...m.path, key], value })),
    ),
    fc.constantFrom(...maps).chain((m) => fresh(m).map((key): EditOp => ({ op: 'remove', path: [...m.path, key] }))),
    fc.constantFrom(...maps).chain((m) => fc.tuple(fresh(m), newValue).map(([key, item]): EditOp => ({ op: 'append', path: [...m.path, key], item }))),
  ];
  if (all.length > 0) {
    choices.push(
      fc.constantFrom(...all).chain((n) => newValue.map((value): EditOp => ({ op: 'set', path: n.path, value }))),
      fc.constantFrom(...all).map((n): EditOp => ({ op: 'remove', path: n.path })),
      // A path through a scalar (or a key on a list): must be an error value, or a no-op for removal.
      fc.constantFrom(...all).map((n): EditOp => ({ op: 'set', path: [...n.path, 'through'], value: 1 })),
    );
  }
  if (lists.length > 0) {
    choices.push(fc.constantFrom(...lists).chain((n) => newValue.map((item): EditOp => ({ op: 'append', path: n.path, item }))));
  }
  if (nulls.length > 0) {
    choices.push(
      fc.constantFrom(...nulls).chain((n) => newValue.map((value): EditOp => ({ op: 'set', path: [...n.path, 'x'], value }))),
      fc.constantFrom(...nulls).chain((n) => newValue.map((item): EditOp => ({ op: 'append', path: n.path, item }))),
    );
  }
  if (format === 'md' || data.notes === undefined || typeof data.notes === 'string') {
    choices.push(fc.tuple(logLine, fc.constantFrom('## Log', '## Журнал')).map(([line, heading]): EditOp => ({ op: 'log', line, heading })));
  }
  return fc.oneof(...choices);
}

// ---- the expected fields, computed on plain data ------------------------------------------------

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The fields after `op`, or 'error' when the operation cannot apply (a path through a scalar). */
function simulate(before: Fields, op: EditOp, format: 'md' | 'yaml'): Fields | 'error' {
  const data = structuredClone(before);
  if (op.op === 'log') {
    if (format === 'md') return data;
    if (data.notes !== undefined && data.notes !== null && typeof data.notes !== 'string') return 'error';
    data.notes = appendLogToText(typeof data.notes === 'string' ? data.notes : '', op.heading ?? '## Log', op.line);
    return data;
  }
  const path = op.path;
  // Walks to the parent of the last segment; `create` makes missing (or null) parents.
  let node: unknown = data;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i] as string | number;
    let child: unknown;
    if (Array.isArray(node)) {
      if (typeof seg !== 'number') return 'error';
      if (seg > node.length) return op.op === 'remove' ? data : 'error';
      child = node[seg];
    } else if (isObj(node)) {
      child = node[String(seg)];
    } else {
      return 'error';
    }
    if (child === undefined || child === null) {
      if (op.op === 'remove') return data;
      const next = path[i + 1];
      if (typeof next === 'number' && next !== 0) return 'error';
      child = typeof next === 'number' ? [] : {};
      if (Array.isArray(node)) node[seg as number] = child;
      else (node as Record<string, unknown>)[String(seg)] = child;
    } else if (typeof child !== 'object') {
      return 'error';
    }
    node = child;
  }
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node) && typeof last !== 'number') return 'error';
  const current: unknown = Array.isArray(node) ? node[last as number] : (node as Record<string, unknown>)[String(last)];
  const put = (value: unknown): Fields | 'error' => {
    if (Array.isArray(node)) {
      if ((last as number) > node.length) return 'error';
      node[last as number] = value;
    } else {
      (node as Record<string, unknown>)[String(last)] = value;
    }
    return data;
  };
  switch (op.op) {
    case 'set':
      return put(structuredClone(op.value));
    case 'remove':
      if (current === undefined) return data;
      if (Array.isArray(node)) node.splice(last as number, 1);
      else delete (node as Record<string, unknown>)[String(last)];
      return data;
    case 'append':
      if (Array.isArray(current)) {
        current.push(structuredClone(op.item));
        return data;
      }
      if (current === undefined || current === null) return put([structuredClone(op.item)]);
      return 'error';
  }
}

// ---- which lines an operation may change --------------------------------------------------------

interface Located {
  /** 0-based lines [first, last] of the entry. */
  lines: [number, number];
  node: YamlNode | null;
  parent: YamlNode | null;
  parentLines: [number, number] | null;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function endOf(text: string, node: YamlNode): number {
  const [start, end] = node.range ?? [0, 0];
  let pos = end;
  while (pos > start && /\s/.test(text[pos - 1] ?? '')) pos--;
  return pos;
}

/** The deepest existing entries along `path`, from the root down, with their line ranges. */
function entriesAlong(yaml: string, path: Path): Located[] {
  const doc = parseDocument(yaml);
  const found: Located[] = [];
  let node: unknown = doc.contents;
  let parentLines: [number, number] | null = null;
  for (const seg of path) {
    let start: number | undefined;
    let child: YamlNode | null = null;
    if (isMap(node)) {
      const pair = node.items.find((p: Pair<unknown, unknown>) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      start = (pair.key as YamlNode).range?.[0];
      child = (pair.value as YamlNode | null) ?? null;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      child = (node.items[seg] as YamlNode | null) ?? null;
      start = child?.range?.[0];
    } else {
      break;
    }
    const first = lineOf(yaml, start ?? 0);
    const empty = !child || (isScalar(child) && child.value === null && child.range?.[0] === child.range?.[1]);
    const last = empty || !child ? first : lineOf(yaml, endOf(yaml, child));
    found.push({ lines: [first, last], node: child, parent: node as YamlNode, parentLines });
    parentLines = [first, last];
    node = child;
  }
  return found;
}

const isNullNode = (node: YamlNode | null): boolean => !node || (isScalar(node) && node.value === null);
const isFlow = (node: unknown): boolean => (isMap(node) || isSeq(node)) && node.flow === true;

/** Whether the entry before `seg` in `parent` ends with a `|+` block that reaches the entry's line. */
/** `keep` for a `|+`/`>+` block right before the entry, `block` for another block scalar, else false. */
function blockRightBefore(yaml: string, parent: YamlNode | null, seg: string | number | undefined, line: number): 'keep' | 'block' | false {
  if (!(isMap(parent) || isSeq(parent)) || parent.flow) return false;
  const index = isMap(parent)
    ? parent.items.findIndex((p: Pair<unknown, unknown>) => isScalar(p.key) && String(p.key.value) === String(seg))
    : Number(seg);
  if (index < 1) return false;
  const previous = parent.items[index - 1];
  let leaf = (isMap(parent) ? (previous as Pair<unknown, unknown>).value : previous) as YamlNode | null;
  while (leaf && (isMap(leaf) || isSeq(leaf)) && !leaf.flow && leaf.items.length > 0) {
    const last = leaf.items[leaf.items.length - 1];
    leaf = (isMap(leaf) ? (last as Pair<unknown, unknown>).value : last) as YamlNode | null;
  }
  if (!leaf || !isScalar(leaf) || !/^[|>]/.test(yaml.slice(leaf.range?.[0] ?? 0))) return false;
  if (!linesOf(yaml.slice(leaf.range?.[1] ?? 0)).slice(0, line - lineOf(yaml, leaf.range?.[1] ?? 0)).every((l) => l.trim() === '')) return false;
  return /^[|>][0-9-]*\+/.test(yaml.slice(leaf.range?.[0] ?? 0)) ? 'keep' : 'block';
}

/** 0-based lines of the YAML part that `op` may change (see the header). */
function touchedYamlLines(yaml: string, op: EditOp, before: Fields): Set<number> {
  const lines = new Set<number>();
  const add = (range: [number, number] | null): void => {
    if (range) for (let l = range[0]; l <= range[1]; l++) lines.add(l);
  };
  if (op.op === 'log') {
    if (before.notes !== undefined) add(entriesAlong(yaml, ['notes'])[0]?.lines ?? null);
    return lines;
  }
  const along = entriesAlong(yaml, op.path);
  const deepest = along[along.length - 1];
  const exists = along.length === op.path.length && getIn(before, op.path) !== undefined;
  if (op.op === 'remove') {
    if (!exists || !deepest) return lines;
    const parent = deepest.parent;
    const siblings = isMap(parent) || isSeq(parent) ? parent.items.length : 0;
    if (isFlow(parent) || (siblings === 1 && along.length > 1)) add(deepest.parentLines);
    else add(deepest.lines);
    if (blockRightBefore(yaml, parent, op.path[op.path.length - 1], deepest.lines[0])) {
      // The blank lines after the entry (content of a `|+` block) and its own trailing comments
      // (text of any block) would be read as that block's: they go too.
      const all = linesOf(yaml);
      for (let l = deepest.lines[1] + 1; l < all.length && ((all[l] ?? '').trim() === '' || (all[l] ?? '').trim().startsWith('#')); l++) lines.add(l);
    }
    return lines;
  }
  if (exists && deepest) {
    // Appending to a block list inserts lines after it; everything else changes the entry.
    if (!(op.op === 'append' && isSeq(deepest.node) && !deepest.node.flow)) add(deepest.lines);
    return lines;
  }
  if (deepest && (isNullNode(deepest.node) || isFlow(deepest.node))) add(deepest.lines);
  return lines;
}

// ---- the property -------------------------------------------------------------------------------

function checkOne(record: GenRecord, text: string, op: EditOp): void {
  const { format } = record;
  const before = readFields(text, format);
  const expected = simulate(before, op, format);
  const result = editRecord(text, [op], { format });
  if (expected === 'error') {
    assert.ok('error' in result, `expected an error value for ${JSON.stringify(op)}`);
    return;
  }
  assert.ok(!('error' in result), 'error' in result ? `${result.error} for ${JSON.stringify(op)}` : '');
  // (e) the edits produce the text.
  assert.equal(applyEdits(text, result.edits), result.text);
  // (a) (b) (c)
  const after = readFields(result.text, format);
  assert.deepEqual(after, expected);
  if (op.op !== 'log') assert.deepEqual(getIn(after, op.path), getIn(expected, op.path));
  // (d)
  const firstYamlLine = format === 'md' ? 1 : 0;
  const touched = new Set([...touchedYamlLines(yamlPart(text, format), op, before)].map((l) => l + firstYamlLine));
  assertUntouchedLinesKept(text, result.text, touched);
  // (e)
  assertLineEndings(text, result.text);
  if (format === 'md') {
    if (op.op === 'log') {
      assert.equal(yamlPart(result.text, 'md'), yamlPart(text, 'md'));
      assertUntouchedLinesKept(bodyPart(text), bodyPart(result.text), new Set());
      assert.ok(linesOf(bodyPart(result.text)).includes(`- ${op.line}`));
    } else {
      assert.equal(bodyPart(result.text), bodyPart(text));
    }
  }
}

/** Generated records with the generated text and its fields (records js-yaml rejects are skipped). */
const records = genRecord
  .map((record) => ({ record, text: writeRecord(record) }))
  .filter(({ record, text }) => {
    try {
      readFields(text, record.format);
      return true;
    } catch {
      return false;
    }
  });

test(`random set / remove / append / log on generated records (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(
      records.chain(({ record, text }) => opsFor(readFields(text, record.format), record.format).map((op) => ({ record, text, op }))),
      ({ record, text, op }) => checkOne(record, text, op),
    ),
    { numRuns: RUNS, includeErrorInReport: true },
  );
});

test(`several operations as one change (${RUNS} runs)`, () => {
  fc.assert(
    fc.property(
      records.chain(({ record, text }) =>
        fc.array(opsFor(readFields(text, record.format), record.format), { minLength: 2, maxLength: 4 }).map((ops) => ({ record, text, ops })),
      ),
      ({ record, text, ops }) => {
        const { format } = record;
        let expected: Fields | 'error' = readFields(text, format);
        for (const op of ops) expected = expected === 'error' ? 'error' : simulate(expected, op, format);
        const result = editRecord(text, ops, { format });
        if (expected === 'error') {
          assert.ok('error' in result);
          return;
        }
        assert.ok(!('error' in result), 'error' in result ? result.error : '');
        assert.equal(applyEdits(text, result.edits), result.text);
        assert.deepEqual(readFields(result.text, format), expected);
        assertLineEndings(text, result.text);
        // Edits are sorted and disjoint: one WorkspaceEdit, one undo step.
        result.edits.forEach((edit, i) => {
          const next = result.edits[i + 1];
          if (next) assert.ok(edit.offset + edit.length <= next.offset);
        });
      },
    ),
    { numRuns: RUNS, includeErrorInReport: true },
  );
});

test('the generator makes the files it claims (sanity)', () => {
  const sample = fc.sample(records, 200);
  assert.ok(sample.length > 150);
  assert.ok(sample.some(({ text }) => text.includes('\r\n')) && sample.some(({ text }) => text.startsWith('\uFEFF')));
  assert.ok(sample.some(({ text }) => /^ {2}- /m.test(text)) && sample.some(({ text }) => /: \|-?\r?$/m.test(text)));
  assert.ok(sample.some(({ text }) => text.includes('  # ')) && sample.some(({ text }) => /: \{ /.test(text)));
});
