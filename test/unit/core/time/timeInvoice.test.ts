// An invoice from unbilled time (issue 19): items per service or per line, the rate, the totals,
// the billed marks (byte-exact elsewhere) and idempotence: a second plan finds nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig } from '../../../../src/core/config';
import { editRecord, isEditError } from '../../../../src/core/edit/recordEdit';
import { invoiceTotals } from '../../../../src/core/generate/invoiceTotals';
import type { CrmConfig, CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { hourlyRate, markBilledOps, planTimeInvoice } from '../../../../src/core/time/timeInvoice';

function parse(text: string, file = 'clients/meridian.md'): CrmRecord {
  const parsed = parseRecordText(file, text, { kind: 'client', archived: false });
  assert.ok(parsed.record);
  return parsed.record;
}

const config = (rate?: number): CrmConfig => ({ ...defaultConfig(), ...(rate !== undefined && { hourly_rate: rate }) });

const TEXT = [
  '---',
  'name: Меридиан # a comment that must stay',
  'deals:',
  '  - { id: shop, title: Интернет-магазин, stage: proposal }',
  '---',
  '## Log',
  '- 2026-10-31 1h October #shop',
  '- 2026-11-01 2h30m Прототип #shop',
  '- 2026-11-02 20m Созвон',
  '- 2026-11-03 1,5ч Семантика #seo',
  '- 2026-11-04   45m Правки #SHOP  ',
  '- 2026-11-05 1h Уже в счёте #shop → INV-2026-0001',
  '- 2026-11-06 call: not time',
  '',
].join('\r\n');

function plan(text: string, options: Partial<Parameters<typeof planTimeInvoice>[2]> = {}, record = parse(text)): ReturnType<typeof planTimeInvoice> {
  return planTimeInvoice(record, text, { config: config(3000), locale: 'ru-RU', ...options });
}

test("per service: one item per #tag (a deal's title), untagged time is Работы; hours to 2 decimals at the rate", () => {
  const result = plan(TEXT, { month: '2026-11' });
  assert.ok(result.ok && result.plan);
  assert.deepEqual(result.plan.items, [
    { description: 'Интернет-магазин', qty: 3.25, price: 3000, unit: 'ч' },
    { description: 'Работы', qty: 0.33, price: 3000, unit: 'ч' },
    { description: 'seo', qty: 1.5, price: 3000, unit: 'ч' },
  ]);
  assert.equal(result.plan.minutes, 305);
  assert.deepEqual(result.plan.lines.map((l) => l.line), [8, 9, 10, 11]);
  assert.equal(invoiceTotals(result.plan.items, 0).total, (9750 + 990 + 4500) * 100);
});

test('per line: one item per time line, dated; English words for an English invoice', () => {
  const result = plan(TEXT, { mode: 'per-line', locale: 'en-US' });
  assert.ok(result.ok && result.plan);
  assert.deepEqual(result.plan.items.map((i) => [i.description, i.qty, i.unit]), [
    ['2026-10-31 October #shop', 1, 'h'],
    ['2026-11-01 Прототип #shop', 2.5, 'h'],
    ['2026-11-02 Созвон', 0.33, 'h'],
    ['2026-11-03 Семантика #seo', 1.5, 'h'],
    ['2026-11-04 Правки #SHOP', 0.75, 'h'],
  ]);
});

test("the client's rate wins over hourly_rate; no rate anywhere is an error naming both", () => {
  const own = parse(TEXT.replace('name: Меридиан', 'rate: 4500\r\nname: Меридиан'));
  assert.equal(hourlyRate(own, config(3000)), 4500);
  assert.equal(hourlyRate(parse(TEXT), config(3000)), 3000);
  const none = planTimeInvoice(parse(TEXT), TEXT, { config: config(), locale: 'ru-RU' });
  assert.equal(none.ok, false);
  assert.match(!none.ok ? none.error : '', /`rate:`.*`hourly_rate:`/);
});

test('marking: only the billed lines change (CRLF, comments, spacing kept), and a second run bills nothing', () => {
  const first = plan(TEXT, { month: '2026-11' });
  assert.ok(first.ok && first.plan);
  const result = editRecord(TEXT, markBilledOps(first.plan, 'INV-2026-0006'), { format: 'md' });
  assert.ok(!isEditError(result), isEditError(result) ? result.error : '');
  const expected = TEXT.replace('- 2026-11-01 2h30m Прототип #shop', '- 2026-11-01 2h30m Прототип #shop → INV-2026-0006')
    .replace('- 2026-11-02 20m Созвон', '- 2026-11-02 20m Созвон → INV-2026-0006')
    .replace('- 2026-11-03 1,5ч Семантика #seo', '- 2026-11-03 1,5ч Семантика #seo → INV-2026-0006')
    .replace('- 2026-11-04   45m Правки #SHOP  ', '- 2026-11-04   45m Правки #SHOP → INV-2026-0006');
  assert.equal(result.text, expected);
  const second = plan(result.text, { month: '2026-11' });
  assert.deepEqual(second, { ok: true, plan: undefined });
  // October is still there to bill.
  const october = plan(result.text);
  assert.ok(october.ok && october.plan);
  assert.deepEqual(october.plan.lines.map((l) => l.line), [7]);
});

test('a line changed since the record was read is refused, not billed', () => {
  const record = parse(TEXT);
  const changed = TEXT.replace('- 2026-11-02 20m Созвон', '- 2026-11-02 25m Созвон');
  const result = plan(changed, {}, record);
  assert.equal(result.ok, false);
  assert.match(!result.ok ? result.error : '', /line 9 has changed/);
});

test('a .yaml record with a notes: | block gets its marks inside the block', () => {
  const yaml = ['name: Y', 'notes: |', '  ## Log', '  - 2026-11-02 2h Work', '  - 2026-11-03 30m More', ''].join('\n');
  const record = parse(yaml, 'clients/y.yaml');
  const result = planTimeInvoice(record, yaml, { config: config(1000), locale: 'ru-RU' });
  assert.ok(result.ok && result.plan);
  assert.deepEqual(result.plan.items, [{ description: 'Работы', qty: 2.5, price: 1000, unit: 'ч' }]);
  const marked = editRecord(yaml, markBilledOps(result.plan, 'INV-2026-0002'), { format: 'yaml' });
  assert.ok(!isEditError(marked), isEditError(marked) ? marked.error : '');
  assert.equal(marked.text, yaml.replace('2h Work', '2h Work → INV-2026-0002').replace('30m More', '30m More → INV-2026-0002'));
});
