// Edits of .crm/segments.yaml from the Segments view: only the edited segment changes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { deleteSegment, putSegment, renameSegment, segmentNameProblem, segmentQueryProblem } from '../../../../src/core/edit/segmentsEdit';
import { applyEdits } from '../../../../src/core/edit/textEdit';

const FILE = [
  '# Saved segments, in display order.',
  '',
  'vip: tag:vip   # the best',
  '',
  'hot-deals:',
  '  query: stage:proposal,negotiation value:>=100000',
  '  description: Горячие сделки',
  '',
].join('\n');

function ok(result: ReturnType<typeof putSegment>, original = FILE): string {
  assert.ok(result.ok, result.ok ? '' : result.error);
  assert.equal(applyEdits(original, result.edits), result.text, 'the edits produce the text');
  return result.text;
}

test('adding a segment appends it in the { query, description } form and touches nothing else', () => {
  const text = ok(putSegment(FILE, 'Москва', 'city:Москва', 'Клиенты из Москвы'));
  assert.ok(text.startsWith(FILE));
  assert.deepEqual((load(text) as Record<string, unknown>)['Москва'], { query: 'city:Москва', description: 'Клиенты из Москвы' });
});

test('changing a plain segment rewrites only its value; the comment line above stays', () => {
  const text = ok(putSegment(FILE, 'vip', 'tag:vip -stage:lost'));
  assert.deepEqual((load(text) as Record<string, unknown>)['vip'], { query: 'tag:vip -stage:lost' });
  assert.ok(text.startsWith('# Saved segments, in display order.\n\nvip: '));
  assert.ok(text.endsWith('hot-deals:\n  query: stage:proposal,negotiation value:>=100000\n  description: Горячие сделки\n'));
});

test('values that YAML would misread are quoted and read back exactly', () => {
  for (const query of ['tag:a,b "x, y"', 'name:"a: b" #x', '-tag:x', '@home', 'city:"Нижний Новгород" OR (a b)']) {
    const text = ok(putSegment(FILE, 'n: x', query, 'd, e: f # g'));
    assert.deepEqual((load(text) as Record<string, unknown>)['n: x'], { query, description: 'd, e: f # g' }, query);
  }
});

test('a query that does not parse is refused with its column', () => {
  const result = putSegment(FILE, 'x', 'value:>=abc');
  assert.deepEqual(result, { ok: false, error: 'column 9: expected a number (value:>=abc)' });
  assert.match(segmentQueryProblem('tag:vip OR') ?? '', /^column 11: expected /);
  assert.equal(segmentQueryProblem('tag:vip'), undefined);
});

test('rename changes only the key, keeping value, comment and position', () => {
  const text = ok(renameSegment(FILE, 'vip', 'VIP: все'));
  assert.equal(text, FILE.replace('vip: tag:vip   # the best', '"VIP: все": tag:vip   # the best'));
  assert.deepEqual(renameSegment(FILE, 'nope', 'x'), { ok: false, error: 'no segment named "nope"' });
});

test('delete removes the segment and leaves the others byte-identical', () => {
  const text = ok(deleteSegment(FILE, 'hot-deals'));
  assert.equal(text.trimEnd(), '# Saved segments, in display order.\n\nvip: tag:vip   # the best');
});

test('a missing or empty file gets its first segment; a BOM and CRLF are kept', () => {
  assert.equal(ok(putSegment('', 'a', 'tag:x'), ''), 'a: { query: tag:x }\n');
  const crlf = '\uFEFFvip: tag:vip\r\n';
  const text = ok(putSegment(crlf, 'b', 'tag:b'), crlf);
  assert.equal(text, '\uFEFFvip: tag:vip\r\nb: { query: tag:b }\r\n');
});

test('names: not empty, one line, unique ignoring case (except the segment being renamed)', () => {
  const segments = [{ name: 'vip', query: 'tag:vip' }];
  assert.equal(segmentNameProblem('  ', segments), 'empty');
  assert.equal(segmentNameProblem('VIP', segments), 'taken');
  assert.equal(segmentNameProblem(' Vip ', segments), 'taken');
  assert.equal(segmentNameProblem('VIP', segments, 'vip'), undefined);
  assert.equal(segmentNameProblem('a\nb', segments), 'multiline');
  assert.equal(segmentNameProblem('x'.repeat(101), segments), 'too-long');
});
