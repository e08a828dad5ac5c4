// ISO dates and day arithmetic (PRODUCT.md §9 "Dates"): strict `YYYY-MM-DD`, real calendar days,
// `w` = 7 days, `m`/`y` = calendar months/years clamped to the month's end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  addToIsoDate,
  civilToDayNumber,
  dayNumberToIso,
  daysBetween,
  daysInMonth,
  isIsoDate,
  isLeapYear,
  isoToDayNumber,
  parseDateExpression,
  parseIsoDate,
  resolveDateExpression,
} from '../../../src/core/dates';

test('an ISO date is exactly YYYY-MM-DD and a real calendar day', () => {
  for (const ok of ['2026-01-15', '2024-02-29', '2000-02-29', '1990-12-31', '0001-01-01']) assert.ok(isIsoDate(ok), ok);
  const bad = [
    '2026-02-29', // not a leap year
    '1900-02-29', // centuries are leap only when divisible by 400
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '2026-1-5',
    '15.10.2026',
    '2026/01/15',
    '2026-01-15T10:00',
    ' 2026-01-15',
    '２０２６-01-15', // full-width digits are not ASCII digits
    '',
  ];
  for (const value of bad) assert.ok(!isIsoDate(value), value);
  assert.ok(!isIsoDate(20260115));
  assert.ok(!isIsoDate(null));
  assert.ok(!isIsoDate(new Date('2026-01-15')));
  assert.deepEqual(parseIsoDate('2026-03-07'), { year: 2026, month: 3, day: 7 });
});

test('leap years and month lengths', () => {
  assert.ok(isLeapYear(2024) && isLeapYear(2000) && !isLeapYear(1900) && !isLeapYear(2026));
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2026, m)), [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
  assert.equal(daysInMonth(2024, 2), 29);
});

test('day numbers count from 1970-01-01 and round-trip', () => {
  assert.equal(isoToDayNumber('1970-01-01'), 0);
  assert.equal(isoToDayNumber('1970-01-02'), 1);
  assert.equal(isoToDayNumber('1969-12-31'), -1);
  assert.equal(isoToDayNumber('bad'), undefined);
  assert.equal(dayNumberToIso(isoToDayNumber('2024-02-29') ?? 0), '2024-02-29');
});

test('property: day numbers agree with Date.UTC and round-trip for every day of years 0001–9999', () => {
  fc.assert(
    fc.property(fc.integer({ min: isoToDayNumber('0001-01-01') ?? 0, max: isoToDayNumber('9999-12-31') ?? 0 }), (day) => {
      const iso = dayNumberToIso(day);
      assert.ok(iso !== undefined && isIsoDate(iso));
      assert.equal(isoToDayNumber(iso), day);
      const d = new Date(day * 86_400_000);
      assert.equal(civilToDayNumber(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()), day);
    }),
    { numRuns: 2000 },
  );
});

test('days between two dates: positive forwards, negative backwards, across leap days', () => {
  assert.equal(daysBetween('2026-10-02', '2026-11-20'), 49);
  assert.equal(daysBetween('2026-11-20', '2026-10-02'), -49);
  assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
  assert.equal(daysBetween('2026-02-28', '2026-03-01'), 1);
  assert.equal(daysBetween('2025-11-20', '2026-11-20'), 365);
  assert.equal(daysBetween('2023-11-20', '2024-11-20'), 366);
  assert.equal(daysBetween('2026-01-01', '15.10.2026'), undefined);
});

test('adding days and weeks', () => {
  assert.equal(addToIsoDate('2026-11-20', -30, 'd'), '2026-10-21');
  assert.equal(addToIsoDate('2026-12-31', 1, 'd'), '2027-01-01');
  assert.equal(addToIsoDate('2026-11-20', 2, 'w'), '2026-12-04');
  assert.equal(addToIsoDate('2024-03-01', -1, 'd'), '2024-02-29');
});

test('months and years are calendar units, clamped to the end of the month', () => {
  assert.equal(addToIsoDate('2026-01-31', 1, 'm'), '2026-02-28');
  assert.equal(addToIsoDate('2024-01-31', 1, 'm'), '2024-02-29');
  assert.equal(addToIsoDate('2026-03-31', -1, 'm'), '2026-02-28');
  assert.equal(addToIsoDate('2026-05-31', 1, 'm'), '2026-06-30');
  assert.equal(addToIsoDate('2026-11-20', 2, 'm'), '2027-01-20');
  assert.equal(addToIsoDate('2026-01-15', -1, 'm'), '2025-12-15');
  assert.equal(addToIsoDate('2024-02-29', 1, 'y'), '2025-02-28');
  assert.equal(addToIsoDate('2024-02-29', 4, 'y'), '2028-02-29');
  assert.equal(addToIsoDate('2026-11-20', -1, 'y'), '2025-11-20');
  assert.equal(addToIsoDate('2026-11-20', 0, 'm'), '2026-11-20');
});

test('arithmetic that leaves years 0000–9999, or starts from a non-date, gives undefined', () => {
  assert.equal(addToIsoDate('9999-12-31', 1, 'd'), undefined);
  assert.equal(addToIsoDate('2026-01-01', 9_999_999, 'y'), undefined);
  assert.equal(addToIsoDate('2026-02-30', 1, 'd'), undefined);
  assert.equal(addToIsoDate('2026-01-01', 1.5, 'd'), undefined);
});

test('relative date expressions: today, today±N(d|w|m|y)', () => {
  const today = '2026-11-20';
  assert.equal(resolveDateExpression('today', today), '2026-11-20');
  assert.equal(resolveDateExpression('today-30d', today), '2026-10-21');
  assert.equal(resolveDateExpression('today+2w', today), '2026-12-04');
  assert.equal(resolveDateExpression('today-1m', today), '2026-10-20');
  assert.equal(resolveDateExpression('today-1y', today), '2025-11-20');
  assert.equal(resolveDateExpression('TODAY-1Y', today), '2025-11-20');
  assert.equal(resolveDateExpression('today-1m', '2026-03-31'), '2026-02-28');
  assert.equal(resolveDateExpression('2026-01-15', today), '2026-01-15');
  assert.deepEqual(parseDateExpression('today-30d'), { kind: 'relative', amount: -30, unit: 'd' });
  assert.deepEqual(parseDateExpression('today'), { kind: 'relative', amount: 0, unit: 'd' });
  assert.deepEqual(parseDateExpression('2026-01-15'), { kind: 'iso', date: '2026-01-15' });
  for (const bad of ['today-', 'today-30', 'today-30x', 'today - 30d', 'yesterday', 'today-1.5m', '15.10.2026', '2026-02-30']) {
    assert.equal(parseDateExpression(bad), undefined, bad);
  }
});
