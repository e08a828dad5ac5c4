// Query results as the CLI and exports print them (PRODUCT.md §7): rows, sorting, segment names.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileQuery } from '../../../../src/core/query';
import { findSegment, parseSort, recordRow, resolveQueryText, rowValue, sortRows } from '../../../../src/core/query/results';
import { loadFixture } from './queryFixtures';

const fixture = loadFixture();

function rows(query: string) {
  const compiled = compileQuery(query, fixture.ctx);
  assert.ok(compiled.ok);
  return compiled.query.run(fixture.clients).map((r) => recordRow(r, fixture.ctx));
}

test('a row is {id, file, …front matter, …computed fields}, with the slug and path first', () => {
  const row = recordRow(fixture.byId('anna-smirnova'), fixture.ctx);
  assert.deepEqual(Object.keys(row).slice(0, 3), ['id', 'file', 'name']);
  assert.equal(row.id, 'anna-smirnova');
  assert.equal(row.file, 'clients/anna-smirnova.md');
  assert.equal(row['orders'], 2);
  assert.equal(row['lifecycle'], 'active');
  assert.equal(typeof row['days_since_contact'], 'number');
});

test('a computed field with no value is left out of the row (a lead that never bought has no rfm)', () => {
  const row = recordRow(fixture.byId('sergey-orlov'), fixture.ctx);
  assert.equal('rfm' in row, false);
  assert.equal(row['orders'], 0);
});

test('rows sort by name by default: Cyrillic in alphabet order, ties by file', () => {
  const names = sortRows(rows('')).map((r) => r['name']);
  const sorted = [...names].sort((a, b) => String(a).localeCompare(String(b), 'ru'));
  assert.deepEqual(names, sorted);
});

test('--sort -value sorts descending; records without a number go last either way', () => {
  const spec = parseSort('-value');
  assert.deepEqual(spec, { field: 'value', descending: true });
  const values = sortRows(rows(''), spec).map((r) => r['value']);
  const numbers = values.filter((v) => typeof v === 'number') as number[];
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a));
  const firstNonNumber = values.findIndex((v) => typeof v !== 'number');
  assert.ok(values.slice(firstNonNumber).every((v) => typeof v !== 'number'), `numbers first: ${JSON.stringify(values)}`);
  const missing = sortRows(rows(''), { field: 'rfm', descending: false }).map((r) => r['rfm']);
  assert.equal(missing.at(-1), undefined);
});

test('a sort field must be a name, optionally dotted', () => {
  assert.deepEqual(parseSort('next_action.date'), { field: 'next_action.date', descending: false });
  assert.equal(parseSort('value desc'), undefined);
  assert.equal(parseSort(''), undefined);
});

test('rowValue reads dotted paths case-insensitively', () => {
  assert.equal(rowValue({ id: 'x', file: 'f', Next_Action: { Date: '2026-01-01' } }, 'next_action.date'), '2026-01-01');
  assert.equal(rowValue({ id: 'x', file: 'f', tags: ['a'] }, 'tags.x'), undefined);
});

test('an exact segment name (any case) is the segment query; anything else is a query', () => {
  const segments = [{ name: 'VIP', query: 'tag:vip' }, { name: 'Москва', query: 'city:Москва', description: 'd' }];
  assert.deepEqual(resolveQueryText(segments, 'vip'), { query: 'tag:vip', segment: segments[0] });
  assert.equal(findSegment(segments, ' москва ')?.query, 'city:Москва');
  assert.deepEqual(resolveQueryText(segments, 'vip b2b'), { query: 'vip b2b' });
});
