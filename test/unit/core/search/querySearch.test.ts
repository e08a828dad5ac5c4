// The search box: free-text words ranked by the index, structured terms as filters (PRODUCT.md §4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import { parseQuery } from '../../../../src/core/query';
import { hitPosition } from '../../../../src/core/search/hitLocation';
import { searchWithQuery, splitFreeText } from '../../../../src/core/search/querySearch';
import { SearchIndex } from '../../../../src/core/search/searchIndex';
import { loadFixtureRecords } from './searchFixtures';

const records = loadFixtureRecords();
const index = new SearchIndex(records);
const ctx = createComputeContext(records, [], defaultConfig(), '2026-11-24');

function files(input: string): string[] {
  const outcome = searchWithQuery(index, records, input, ctx);
  assert.ok(outcome.ok, input);
  return outcome.result.hits.map((h) => h.file);
}

test('top-level unquoted words are ranked; the rest of the query is a filter', () => {
  const parsed = parseQuery('tag:vip москва -spam "two words"');
  assert.ok(parsed.ok);
  const { words, filter } = splitFreeText(parsed.ast);
  assert.deepEqual(words, ['москва', 'two words']);
  assert.equal(filter.type, 'and');
});

test('Cyrillic word forms find the same records, and a field filter narrows them', () => {
  const moscow = files('Москва').sort();
  assert.deepEqual(moscow, ['clients/anna-smirnova.md', 'clients/petr-ivanov.md']);
  assert.deepEqual(files('Москве').sort(), moscow);
  assert.deepEqual(files('москвы').sort(), moscow);
  assert.deepEqual(files('москва stage:proposal'), ['clients/anna-smirnova.md']);
  assert.deepEqual(files('москва -stage:proposal'), ['clients/petr-ivanov.md']);
});

test('archived records are left out unless the query says is:archived', () => {
  assert.ok(!files('Смирнова').some((f) => f.includes('/archive/')));
  assert.ok(files('Смирнова is:archived').every((f) => f.includes('/archive/')));
  assert.ok(files('Смирнова is:archived').length > 0);
});

test('only structured terms: every match, sorted by name, score 0 and no snippet', () => {
  const outcome = searchWithQuery(index, records, 'has:email', ctx);
  assert.ok(outcome.ok);
  assert.ok(outcome.result.hits.length > 1);
  assert.ok(outcome.result.hits.every((h) => h.score === 0 && h.snippet === ''));
  assert.equal(outcome.result.rankedText, '');
});

test('a bad query is an error value with a column, never an exception', () => {
  const outcome = searchWithQuery(index, records, 'москва value:>=abc', ctx);
  assert.equal(outcome.ok, false);
  if (!outcome.ok) assert.equal(outcome.error.column, 16);
});

test('a hit opens at its line in the notes, or at the key of the field that matched', () => {
  const text = '---\nname: Анна\ncity: Москва\nnext_action: { date: 2026-11-25, what: Позвонить }\n---\n## Notes\nтекст\n';
  assert.deepEqual(hitPosition(text, 'clients/a.md', { field: 'notes', line: 7 }), { line: 7, column: 1 });
  assert.deepEqual(hitPosition(text, 'clients/a.md', { field: 'city' }), { line: 3, column: 1 });
  assert.deepEqual(hitPosition(text, 'clients/a.md', { field: 'next_action.what' }).line, 4);
  assert.deepEqual(hitPosition('\uFEFFname: A\nnotes: |\n  x\n', 'clients/a.yaml', { field: 'notes' }), { line: 2, column: 1 });
  assert.deepEqual(hitPosition('no front matter', 'clients/a.md', { field: 'city' }), { line: 1, column: 1 });
});
