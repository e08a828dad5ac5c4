// CSV safe for spreadsheets (PRODUCT.md §4 Mailing CSV, §6 hostile strings).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellText, neutralizeCell, toCsv } from '../../../src/core/csv';

test('RFC 4180: quotes around commas, quotes and line breaks; rows end in CRLF', () => {
  const csv = toCsv(['name', 'note'], [['ООО «Ромашка», Москва', 'say "hi"\nbye']]);
  assert.equal(csv, 'name,note\r\n"ООО «Ромашка», Москва","say ""hi""\nbye"\r\n');
});

test('cells that a spreadsheet would evaluate are prefixed with an apostrophe', () => {
  for (const hostile of ['=HYPERLINK("http://x","y")', '+7 912', '-2+3', '@SUM(A1)', '\tx', '\rx']) {
    assert.ok(neutralizeCell(hostile).startsWith("'"), hostile);
  }
  assert.equal(neutralizeCell('Анна'), 'Анна');
  assert.equal(cellText(-5), '-5', 'numbers are never touched');
});

test('lists join with "; ", missing values are empty, a BOM on request', () => {
  assert.equal(cellText(['vip', 'b2b']), 'vip; b2b');
  assert.equal(cellText(null), '');
  assert.equal(cellText(undefined), '');
  assert.ok(toCsv(['a'], [], { bom: true }).startsWith('\uFEFFa\r\n'));
});
