// CSV safe for spreadsheets (PRODUCT.md §4 Mailing CSV, §6 hostile strings).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { cellText, neutralizeCell, toCsv } from '../../../src/core/csv';
import { runs } from '../fuzz';

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

test('property: any cells parse back from the CSV as written, except that no cell can start a formula', () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('=1+1', '+7 912', '-x', '@a', '\tx', '\rx', '"', ',', '\r\n', ' lead'), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
      fc.boolean(),
      (rows, bom) => {
        const csv = toCsv(['a', 'b', 'c'], rows, { bom });
        const parsed = parse(csv, { bom: true, relax_column_count: false }) as string[][];
        assert.equal(parsed.length, rows.length + 1);
        rows.forEach((row, i) => assert.deepEqual(parsed[i + 1], row.map((cell) => cellText(cell))));
        for (const row of parsed.slice(1)) {
          row.forEach((cell, j) => {
            if (typeof rows[parsed.indexOf(row) - 1]![j] === 'string') assert.ok(!/^[=+\-@\t\r]/.test(cell) || /^\+[1-9]\d{6,14}$/.test(cell), JSON.stringify(cell));
          });
        }
      },
    ),
    { numRuns: runs(1000) },
  );
});
