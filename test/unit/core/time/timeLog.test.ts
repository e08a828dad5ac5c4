// Time lines in the notes (issue 19): the duration grammar, the line grammar and its round trip,
// positions in the file, totals per month at the month boundaries, and the Log Time edit.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { editRecord, isEditError } from '../../../../src/core/edit/recordEdit';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import {
  formatDuration,
  formatHours,
  formatTimeLine,
  listTime,
  markBilled,
  parseDuration,
  parseTimeLine,
  recordTimeLines,
  timeTotals,
  type TimeLine,
} from '../../../../src/core/time/timeLog';
import { logTimeOps } from '../../../../src/core/time/timeEdit';
import { runs } from '../../fuzz';

function parse(text: string, file = 'clients/x.md'): CrmRecord {
  const parsed = parseRecordText(file, text, { kind: 'client', archived: false });
  assert.ok(parsed.record);
  return parsed.record;
}

test('durations: hours, minutes, both, decimal hours (point or comma), Russian units', () => {
  const cases: [string, number | undefined][] = [
    ['2h', 120],
    ['45m', 45],
    ['2h30m', 150],
    ['1.5h', 90],
    ['1,5h', 90],
    ['0.25h', 15],
    ['1.33h', 80],
    ['2ч30м', 150],
    ['45м', 45],
    ['1,5ч', 90],
    ['90m', 90],
    ['24h', 1440],
    ['1m', 1],
    // No duration: zero, over a day, minutes over 59 after hours, spaces, other units, nonsense.
    ['0m', undefined],
    ['0h', undefined],
    ['0.001h', undefined],
    ['25h', undefined],
    ['1441m', undefined],
    ['24h1m', undefined],
    ['1h60m', undefined],
    ['2', undefined],
    ['2hours', undefined],
    ['h', undefined],
    ['1.h', undefined],
    ['.5h', undefined],
    ['1.234h', undefined],
    ['-1h', undefined],
    ['call:', undefined],
  ];
  for (const [text, minutes] of cases) assert.equal(parseDuration(text), minutes, text);
  assert.equal(formatDuration(150), '2h30m');
  assert.equal(formatDuration(120), '2h');
  assert.equal(formatDuration(45), '45m');
  assert.equal(formatHours(45), '0:45');
  assert.equal(formatHours(605), '10:05');
});

test('a time line: date, duration, text with a #tag, a billed mark (→ or ->)', () => {
  assert.deepEqual(parseTimeLine('- 2026-11-10 2h30m Design review #shop'), {
    indent: '',
    bullet: '-',
    date: '2026-11-10',
    duration: '2h30m',
    minutes: 150,
    text: 'Design review #shop',
    tag: 'shop',
  });
  assert.deepEqual(parseTimeLine('  * 2026-11-12 1,5ч Правки #seo-аудит → INV-2026-0007'), {
    indent: '  ',
    bullet: '*',
    date: '2026-11-12',
    duration: '1,5ч',
    minutes: 90,
    text: 'Правки #seo-аудит',
    tag: 'seo-аудит',
    invoice: 'INV-2026-0007',
  });
  assert.equal(parseTimeLine('- 2026-11-12 45m Call -> INV-2026-0001')?.invoice, 'INV-2026-0001');
  assert.equal(parseTimeLine('- 2026-11-12 45m Call -> INV-2026-0001')?.arrow, '->');
  assert.deepEqual(parseTimeLine('- 2026-11-12 1h'), { indent: '', bullet: '-', date: '2026-11-12', duration: '1h', minutes: 60, text: '' });
  // An arrow to a word without a digit is text: "Migrated A -> B".
  assert.equal(parseTimeLine('- 2026-11-12 1h Migrated A -> B')?.invoice, undefined);
  assert.equal(parseTimeLine('- 2026-11-12 1h Issue#5 fixed')?.tag, undefined);
});

test('not time lines: log entries, tasks, bad dates, bad durations', () => {
  for (const line of [
    '- 2026-11-10 call: agreed on the budget',
    '- 2026-11-10 stage: proposal → negotiation',
    '- [ ] 2026-11-25 2h Call',
    '- 2026-13-40 2h Call',
    '- 2026-02-29 2h Leap?',
    '- 2026-11-10 2h30 Call',
    '- 2026-11-10 25h Marathon',
    '2026-11-10 2h no bullet',
    '-2026-11-10 2h no space',
    '',
  ]) {
    assert.equal(parseTimeLine(line), undefined, line);
  }
});

test('marking billed appends the mark and keeps the rest of the line byte for byte', () => {
  assert.equal(markBilled('- 2026-11-10 1,5ч Правки  #shop  ', 'INV-2026-0009'), '- 2026-11-10 1,5ч Правки  #shop → INV-2026-0009');
  assert.equal(parseTimeLine(markBilled('- 2026-11-10 1h Call -> B', 'INV-1'))?.invoice, 'INV-1');
});

test('property: a duration in any spelling reads as its minutes', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1440 }), fc.boolean(), (minutes, russian) => {
      const canonical = formatDuration(minutes);
      assert.equal(parseDuration(canonical), minutes, canonical);
      const ru = canonical.replace('h', 'ч').replace('m', 'м');
      assert.equal(parseDuration(russian ? ru : canonical), minutes);
      if (minutes % 15 === 0 && minutes >= 60) assert.equal(parseDuration(`${minutes / 60}h`.replace('.', russian ? ',' : '.')), minutes);
    }),
    { numRuns: runs(500) },
  );
});

test('property: any time line round-trips: parse(format(e)) = e and format(parse(line)) = line', async () => {
  const fc = await import('fast-check');
  const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const word = fc.string({ minLength: 1, maxLength: 10 }).map((s) => s.replace(/[\s\u0085\u2028\u2029#]/g, '') || 'x');
  const text = fc
    .tuple(fc.array(word, { maxLength: 5 }), fc.option(fc.constantFrom('shop', 'seo', 'дизайн', 'a_b-2'), { nil: undefined }))
    .map(([words, tag]) => ({ text: [...words, ...(tag ? [`#${tag}`] : [])].join(' '), tag }))
    .filter(({ text }) => !/(→|->)\s*\S*\d\S*$/.test(text) && !/(?:^|\s)(?:→|->)$/.test(text));
  const duration = fc.oneof(
    fc.integer({ min: 1, max: 1440 }).map((m) => ({ duration: formatDuration(m), minutes: m })),
    fc.integer({ min: 1, max: 23 }).map((h) => ({ duration: `${h},5ч`, minutes: h * 60 + 30 })),
  );
  const entry = fc.record({
    indent: fc.constantFrom('', '  ', '    '),
    bullet: fc.constantFrom('-' as const, '*' as const, '+' as const),
    date,
    duration,
    text,
    invoice: fc.option(fc.constantFrom('INV-2026-0007', 'INV-2027-0100', '2026/15'), { nil: undefined }),
    arrow: fc.option(fc.constant('->' as const), { nil: undefined }),
  });
  fc.assert(
    fc.property(entry, (e) => {
      const line: TimeLine = {
        indent: e.indent,
        bullet: e.bullet,
        date: e.date,
        duration: e.duration.duration,
        minutes: e.duration.minutes,
        text: e.text.text,
        ...(e.text.tag !== undefined && { tag: e.text.tag }),
        ...(e.invoice !== undefined && { invoice: e.invoice }),
        ...(e.invoice !== undefined && e.arrow !== undefined && { arrow: e.arrow }),
      };
      const written = formatTimeLine(line);
      const back = parseTimeLine(written);
      assert.deepEqual(back, line, written);
      assert.equal(formatTimeLine(back!), written);
    }),
    { numRuns: runs(1000) },
  );
});

test('property: the parser never throws and a parsed duration is 1 min to 24 h', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }), (duration, rest) => {
      const entry = parseTimeLine(`- 2026-11-10 ${duration} ${rest}`.replace(/[\r\n]/g, ' '));
      if (entry) assert.ok(Number.isInteger(entry.minutes) && entry.minutes >= 1 && entry.minutes <= 1440);
    }),
    { numRuns: runs(1000) },
  );
});

const MD = [
  '---',
  'name: Меридиан',
  'deals:',
  '  - { id: shop, title: Интернет-магазин, stage: proposal }',
  '---',
  '## Notes',
  '```',
  '- 2026-11-01 1h not time: in code',
  '```',
  '## Log',
  '- 2026-10-31 23h30m Last day of October',
  '- 2026-10-31 1h Same day, another line #shop',
  '- 2026-11-01 30m First of November → INV-2026-0001',
  '- 2026-11-30 45m Last of November',
  '- 2026-12-01 15m December',
  '',
].join('\n');

test('a record gives its time lines with their file lines; fenced code is skipped', () => {
  const record = parse(MD);
  assert.deepEqual(
    recordTimeLines(record).map(({ line, entry }) => [line, entry.date, entry.minutes]),
    [
      [11, '2026-10-31', 1410],
      [12, '2026-10-31', 60],
      [13, '2026-11-01', 30],
      [14, '2026-11-30', 45],
      [15, '2026-12-01', 15],
    ],
  );
  const yaml = parse(['name: Y', 'notes: |', '  ## Log', '  - 2026-11-02 2h Work', ''].join('\n'), 'clients/y.yaml');
  assert.deepEqual(recordTimeLines(yaml).map(({ line, entry }) => [line, entry.minutes]), [[4, 120]]);
});

test('sums per month at the boundaries; the month filter, unbilled filter, and a day over 24 h', () => {
  const record = parse(MD);
  const all = listTime([record]);
  assert.deepEqual(timeTotals(all).rows.map((r) => [r.month, r.minutes]), [['2026-10', 1470], ['2026-11', 75], ['2026-12', 15]]);
  assert.equal(timeTotals(all).minutes, 1560);
  assert.deepEqual(listTime([record], { month: '2026-11' }).map((i) => i.date), ['2026-11-01', '2026-11-30']);
  assert.deepEqual(listTime([record], { month: '2026-11', unbilled: true }).map((i) => i.date), ['2026-11-30']);
  assert.deepEqual(listTime([record], { month: '2026-01' }), []);
  assert.deepEqual(timeTotals(all).longDays.map((d) => [d.date, d.minutes]), [['2026-10-31', 1470]]);
  assert.deepEqual(listTime([{ ...record, archived: true }]), [], 'archived clients only when named');
  assert.equal(listTime([{ ...record, archived: true }], { client: record.id }).length, 5);
});

test('Log Time appends the line under ## Log and nothing else changes', () => {
  const planned = logTimeOps({ date: '2026-12-02', duration: '1,5ч', text: 'Созвон', tag: 'shop' });
  assert.ok(planned.ok);
  assert.equal(planned.line, '- 2026-12-02 1h30m Созвон #shop');
  const result = editRecord(MD, planned.ops, { format: 'md' });
  assert.ok(!isEditError(result));
  assert.equal(result.text, MD.replace('- 2026-12-01 15m December\n', '- 2026-12-01 15m December\n- 2026-12-02 1h30m Созвон #shop\n'));
  // A tag already in the text is not repeated; whole minutes work too.
  const again = logTimeOps({ date: '2026-12-02', duration: 45, text: 'Правки #shop', tag: '#shop' });
  assert.ok(again.ok);
  assert.equal(again.line, '- 2026-12-02 45m Правки #shop');
});

test('Log Time refuses what would not read back', () => {
  for (const input of [
    { date: '2026-12-02', duration: '0m', text: 'x' },
    { date: '2026-12-02', duration: '25h', text: 'x' },
    { date: '2026-12-02', duration: 'soon', text: 'x' },
    { date: '02.12.2026', duration: '1h', text: 'x' },
    { date: '2026-12-02', duration: '1h', text: 'two\nlines' },
    { date: '2026-12-02', duration: '1h', text: 'looks billed → INV-1' },
    { date: '2026-12-02', duration: '1h', text: 'x', tag: 'two words' },
  ]) {
    const planned = logTimeOps(input);
    assert.equal(planned.ok, false, JSON.stringify(input));
  }
});
