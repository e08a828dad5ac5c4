import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { splitFrontMatter } from '../../../src/core/parse/frontMatter';
import { conflictMarkerLines, parseRecordText, slugOf } from '../../../src/core/parse/recordText';
import { FIXTURES } from '../paths';
import { runs } from '../fuzz';

const fixture = (name: string): string => readFileSync(path.join(FIXTURES, 'parse', name), 'utf8');
const parse = (name: string) => parseRecordText(`clients/${name}`, fixture(name), { kind: 'client', archived: false });

test('a BOM is dropped and line numbers stay those of the file', () => {
  const split = splitFrontMatter(fixture('bom.md'));
  assert.ok(split.ok);
  assert.equal(split.bom, true);
  assert.equal(split.frontMatter, 'name: Анна Смирнова\nstage: lead\n');
  assert.equal(split.bodyLine, 5);
  const { record } = parse('bom.md');
  assert.equal(record?.data.name, 'Анна Смирнова');
  assert.equal(record?.body, '## Notes\nС BOM.\n');
});

test('CRLF line endings are detected and parse the same', () => {
  const split = splitFrontMatter(fixture('crlf.md'));
  assert.ok(split.ok);
  assert.equal(split.eol, '\r\n');
  const { record, problems } = parse('crlf.md');
  assert.deepEqual(problems, []);
  assert.equal(record?.data.value, 5000);
  assert.equal(record?.data.stage, 'proposal');
  assert.equal(record?.bodyLine, 6);
});

test('a missing closing --- is a parse error at line 1, not a record', () => {
  const { record, problems } = parse('no-closing.md');
  assert.equal(record, undefined);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]?.code, 'parse-error');
  assert.match(problems[0]!.message, /not closed/);
  assert.deepEqual(problems[0]?.range.start, { line: 1, column: 1 });
});

test('empty front matter is a record with no fields', () => {
  const { record, problems } = parse('empty-front-matter.md');
  assert.deepEqual(problems, []);
  assert.deepEqual(record?.data, {});
  assert.equal(record?.body, 'Only a body.\n');
});

test('a .yaml record is the whole document and its notes are the body', () => {
  const { record, problems } = parse('record.yaml');
  assert.deepEqual(problems, []);
  assert.equal(record?.format, 'yaml');
  assert.equal(record?.id, 'record');
  assert.deepEqual(record?.data.tags, ['b2b', 'kazan']);
  assert.equal(record?.body, '## Notes\nЗвонил в октябре.\n');
});

test('unknown fields are kept as they are, Cyrillic included', () => {
  const { record } = parse('unknown-fields.md');
  assert.equal(record?.data['telegram'], '@maria_k');
  assert.equal(record?.data.city, 'Нижний Новгород');
});

test('dates stay ISO strings, never Date objects', () => {
  const { record } = parseRecordText('clients/d.md', '---\ncreated: 2026-01-15\nbirthday: 1990-05-14\n---\n', { kind: 'client', archived: false });
  assert.equal(record?.data.created, '2026-01-15');
  assert.equal(record?.data.birthday, '1990-05-14');
});

test('malformed YAML is a parse error on the offending line of the file', () => {
  const { record, problems } = parse('bad-yaml.md');
  assert.equal(record, undefined);
  assert.equal(problems[0]?.code, 'parse-error');
  assert.ok(problems[0]!.range.start.line >= 4 && problems[0]!.range.start.line <= 6, `line ${problems[0]!.range.start.line}`);
});

test('duplicate keys are a parse error', () => {
  const { record, problems } = parse('duplicate-keys.md');
  assert.equal(record, undefined);
  assert.equal(problems[0]?.code, 'parse-error');
  assert.match(problems[0]!.message, /duplicate/i);
  assert.equal(problems[0]?.range.start.line, 4);
});

test('front matter that is not a mapping is a parse error', () => {
  const { record, problems } = parse('not-a-mapping.md');
  assert.equal(record, undefined);
  assert.match(problems[0]!.message, /mapping/);
});

test('conflict markers in the body leave a record plus merge-conflict problems on the marker lines', () => {
  const { record, problems } = parse('conflict-in-body.md');
  assert.ok(record);
  assert.deepEqual(
    problems.map((p) => [p.code, p.range.start.line]),
    [
      ['merge-conflict', 6],
      ['merge-conflict', 8],
      ['merge-conflict', 10],
    ],
  );
});

test('conflict markers in the fields make the file a parse error, not a half-parsed record', () => {
  const { record, problems } = parse('conflict-in-fields.md');
  assert.equal(record, undefined);
  assert.deepEqual(
    problems.map((p) => [p.code, p.range.start.line]),
    [
      ['parse-error', 3],
      ['merge-conflict', 3],
      ['merge-conflict', 5],
      ['merge-conflict', 7],
    ],
  );
});

test('a Markdown heading underline is not a conflict marker', () => {
  const { problems } = parse('setext-heading.md');
  assert.deepEqual(problems, []);
  assert.deepEqual(conflictMarkerLines('a\n=======\nb'), []);
});

test('binary content and oversized files are refused with a message', () => {
  const binary = parseRecordText('clients/x.md', '---\nname: x\n---\n\u0000\u0001', { kind: 'client', archived: false });
  assert.equal(binary.record, undefined);
  assert.match(binary.problems[0]!.message, /binary/);
  const huge = parseRecordText('clients/x.md', `---\nname: x\n---\n${'x'.repeat(6 * 1024 * 1024)}`, { kind: 'client', archived: false });
  assert.equal(huge.record, undefined);
  assert.match(huge.problems[0]!.message, /limit/);
});

test('the slug is the file name without its extension', () => {
  assert.equal(slugOf('clients/b2b/anna-smirnova.md'), 'anna-smirnova');
  assert.equal(slugOf('clients/x.yaml'), 'x');
});

test('the parser never throws on arbitrary text', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom('a.md', 'a.yaml'), (text, name) => {
      const result = parseRecordText(`clients/${name}`, `---\n${text}`, { kind: 'client', archived: false });
      assert.ok(result.record !== undefined || result.problems.length > 0);
    }),
    { numRuns: runs(1000) },
  );
});

test('a .yaml record\'s literal notes block has the file line and indentation of its first line; other forms have none', () => {
  const literal = parseRecordText('clients/a.yaml', 'name: A\nnotes: |\n\n    - [ ] Call\n    ## Log\nstage: lead\n', { kind: 'client', archived: false }).record!;
  assert.equal(literal.body, '\n- [ ] Call\n## Log\n');
  assert.equal(literal.bodyLine, 3);
  assert.equal(literal.bodyIndent, 4);
  for (const text of ['name: A\nnotes: >\n  folded\n  text\n', 'name: A\nnotes: "quoted"\n', 'name: A\nnotes: |2\n   indicator\n', 'name: A\n']) {
    const record = parseRecordText('clients/a.yaml', text, { kind: 'client', archived: false }).record!;
    assert.equal(record.bodyLine, 0, text);
    assert.equal(record.bodyIndent, undefined, text);
  }
});
