import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatInvoiceNumber, invoiceSequence, nextInvoiceNumber } from '../../../../src/core/generate/invoiceNumber';
import { invoiceTotals, toMinor } from '../../../../src/core/generate/invoiceTotals';

const FORMAT = 'INV-{YYYY}-{NNNN}';

test('numbers: zero-padded sequence, the year in place, any pattern with a run of N', () => {
  assert.equal(formatInvoiceNumber(FORMAT, 2026, 7), 'INV-2026-0007');
  assert.equal(formatInvoiceNumber('СЧ/{YYYY}/{NNN}', 2026, 12), 'СЧ/2026/012');
  assert.equal(formatInvoiceNumber(FORMAT, 2026, 12345), 'INV-2026-12345', 'a longer sequence is not cut');
  assert.equal(invoiceSequence(FORMAT, 2026, 'inv-2026-0042'), 42);
  assert.equal(invoiceSequence(FORMAT, 2026, 'INV-2025-0042'), undefined, 'another year');
  assert.equal(invoiceSequence('A.{NN}', 2026, 'AX12'), undefined, 'the dot is literal');
});

test('the next number is one past the highest of the year; other years and other formats are ignored', () => {
  assert.equal(nextInvoiceNumber(FORMAT, 2026, []), 'INV-2026-0001');
  assert.equal(nextInvoiceNumber(FORMAT, 2026, ['INV-2026-0001', 'INV-2026-0005', 'INV-2025-0099', 'draft', 'INV-2026-0003']), 'INV-2026-0006');
  assert.equal(nextInvoiceNumber(FORMAT, 2027, ['INV-2026-0005']), 'INV-2027-0001');
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 9999 }), { maxLength: 30 }), (used) => {
      const next = nextInvoiceNumber(FORMAT, 2026, used.map((n) => formatInvoiceNumber(FORMAT, 2026, n)));
      const n = invoiceSequence(FORMAT, 2026, next)!;
      assert.ok(!used.includes(n));
      assert.equal(n, Math.max(0, ...used) + 1);
    }),
  );
});

test('toMinor rounds half away from zero without float artefacts', () => {
  assert.equal(toMinor(1.005), 101);
  assert.equal(toMinor(0.1 + 0.2), 30);
  assert.equal(toMinor(1234.5), 123450);
  assert.equal(toMinor(-2.675), -268);
});

test('totals in minor units: lines rounded once, tax per rate, total = subtotal + taxes', () => {
  // The sample invoice INV-2026-0001: 65 000 + 10 × 1 500, tax 5 % = 84 000.
  const sample = invoiceTotals(
    [
      { description: 'Сайт-визитка', qty: 1, price: 65000 },
      { description: 'Наполнение', qty: 10, price: 1500 },
    ],
    5,
  );
  assert.deepEqual([sample.subtotal, sample.taxes, sample.total], [8000000, [{ rate: 5, amount: 400000 }], 8400000]);
  const cents = invoiceTotals([
    { description: 'a', qty: 3, price: 0.1 },
    { description: 'b', qty: 1.5, price: 33.33, tax: 20 },
    { description: 'c', qty: 1, price: 0.01, tax: 20 },
  ]);
  assert.deepEqual(cents.lines.map((l) => l.amount), [30, 5000, 1]);
  assert.deepEqual(cents.taxes, [{ rate: 20, amount: 1000 }]);
  assert.equal(cents.total, 6031);
  fc.assert(
    fc.property(fc.array(fc.record({ qty: fc.integer({ min: 1, max: 1000 }), price: fc.integer({ min: 0, max: 10_000_000 }).map((c) => c / 100) }), { maxLength: 20 }), (lines) => {
      const t = invoiceTotals(lines.map((l) => ({ description: 'x', ...l })), 0);
      assert.ok(Number.isInteger(t.total));
      assert.equal(t.total, lines.reduce((sum, l) => sum + l.qty * Math.round(l.price * 100), 0));
    }),
  );
});

test('the invoice record: valid front matter with the total, a readable table in the locale, hostile text inert', async () => {
  const { invoiceFile, invoiceRecordText } = await import('../../../../src/core/generate/invoiceRecord');
  const { parseRecordText } = await import('../../../../src/core/parse/recordText');
  const { schemaIssues } = await import('../../../../src/core/validate');
  const { defaultConfig } = await import('../../../../src/core/config');
  const config = defaultConfig();
  config.seller = { name: 'ИП Белкин', inn: '165512345632' };
  const client = parseRecordText('clients/anna.md', '---\nname: Анна <script>alert(1)</script>\ncompany: ООО «Ромашка» | филиал\n---\n', { kind: 'client', archived: false }).record!;
  const draft = {
    number: 'INV-2026-0007',
    client,
    date: '2026-11-24',
    due: '2026-12-08',
    currency: 'RUB',
    items: [
      { description: 'Сайт: дизайн | вёрстка', qty: 1, price: 65000 },
      { description: 'Страница', qty: 10, price: 1500.5, unit: 'шт.' },
    ],
    tax: 5,
  };
  assert.equal(invoiceFile(config, draft), 'invoices/2026/INV-2026-0007.md');
  const text = invoiceRecordText(draft, config, 'ru-RU');
  const parsed = parseRecordText('invoices/2026/INV-2026-0007.md', text, { kind: 'invoice', archived: false });
  assert.deepEqual(parsed.problems, []);
  const invoice = parsed.record!;
  assert.deepEqual(schemaIssues('invoice', invoice.data), []);
  assert.equal(invoice.data.total, 84005.25);
  assert.equal(invoice.data.status, 'draft');
  assert.match(text, /^# Счёт № INV-2026-0007 от 24 ноября 2026 г\.$/m);
  assert.match(text, /\| 2 \| Страница \| 10 шт\. \| 1\u00a0500,50\u00a0₽ \| 15\u00a0005,00\u00a0₽ \|/);
  assert.match(text, /\*\*84\u00a0005,25\u00a0₽\*\*/);
  assert.match(text, /Сайт: дизайн \\\| вёрстка/);
  assert.ok(!text.includes('<script>'), 'tags are escaped');
  const en = invoiceRecordText({ ...draft, currency: 'USD' }, config, 'en-US');
  assert.match(en, /^# Invoice INV-2026-0007 of November 24, 2026$/m);
  assert.match(en, /\*\*\$84,005\.25\*\*/);
});

test('amount in words on ruble invoices when configured, in the HTML', async () => {
  const { invoiceView } = await import('../../../../src/core/generate/invoiceView');
  const { renderInvoiceHtml } = await import('../../../../src/core/generate/invoiceHtml');
  const { parseRecordText } = await import('../../../../src/core/parse/recordText');
  const { defaultConfig } = await import('../../../../src/core/config');
  const config = defaultConfig();
  const invoice = parseRecordText('invoices/2026/INV-2026-0001.md', '---\nnumber: INV-2026-0001\nclient: x\ndate: 2026-02-05\ndue: 2026-02-19\nstatus: sent\nitems:\n  - { description: A, qty: 1, price: 80000 }\ntax: 5\n---\n', { kind: 'invoice', archived: false }).record!;
  assert.equal(invoiceView(invoice, undefined, config, 'ru-RU').totalInWords, '', 'off by default');
  config.invoices.amount_in_words = true;
  const view = invoiceView(invoice, undefined, config, 'ru-RU');
  assert.equal(view.totalInWords, 'Восемьдесят четыре тысячи рублей 00 копеек');
  assert.match(renderInvoiceHtml(view), /<p>Сумма прописью: Восемьдесят четыре тысячи рублей 00 копеек<\/p>/);
  assert.equal(invoiceView({ ...invoice, data: { ...invoice.data, currency: 'EUR' } }, undefined, config, 'ru-RU').totalInWords, '', 'rubles only');
});
