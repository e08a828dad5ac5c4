// The buyer's requisites (issue 17) where documents read them: the invoice view (HTML and PDF print
// its lines), the templates' `client.requisites.*`, and the CSV import's columns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import { renderInvoiceHtml } from '../../../../src/core/generate/invoiceHtml';
import { invoiceView } from '../../../../src/core/generate/invoiceView';
import { mapColumns } from '../../../../src/core/import/columnMap';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { BUNDLED_TEMPLATES } from '../../../../src/core/templates/bundled';
import { parseTemplate, renderTemplate } from '../../../../src/core/templates/template';
import { COMPANY_REQUISITES } from '../requisitesSample';

const config = resolveConfig({ locale: 'ru-RU', currency: 'RUB', seller: { name: 'ИП Белкин', inn: '165512345632', bank: 'АО «Т-Банк»', bik: '044525974' } }).config;
const client = (front: string): CrmRecord => parseRecordText('clients/romashka.md', `---\n${front}\n---\n`, { kind: 'client', archived: false }).record!;
const invoice = parseRecordText('invoices/2026/INV-2026-0009.md', '---\nnumber: INV-2026-0009\nclient: romashka\ndate: 2026-11-24\ndue: 2026-12-08\nstatus: draft\nitems:\n  - { description: Сайт, qty: 1, price: 1000 }\n---\n', { kind: 'invoice', archived: false }).record!;

const ROMASHKA = `name: Анна Смирнова
company: ООО «Ромашка» <b>
address: Москва, офис
${COMPANY_REQUISITES}`;

test('invoice: the buyer is the company, with its INN, KPP, legal address and bank details; escaped in HTML', () => {
  const view = invoiceView(invoice, client(ROMASHKA), config, 'ru-RU');
  assert.equal(view.buyer.name, 'ООО «Ромашка» <b>');
  assert.deepEqual(view.buyer.lines, [
    '123112, г. Москва, Пресненская наб., д. 1',
    'ИНН 7701234560, КПП 770101001',
    'Банк: ПАО Сбербанк, БИК 044525225',
    'Р/с 40702810200000012345, К/с 30101810400000000225',
  ]);
  assert.deepEqual(view.seller.lines, ['ИНН 165512345632', 'Банк: АО «Т-Банк», БИК 044525974'], 'the seller as before');
  const html = renderInvoiceHtml(view);
  assert.match(html, /<strong>ООО «Ромашка» &lt;b&gt;<\/strong><br>123112, г\. Москва, Пресненская наб\., д\. 1<br>ИНН 7701234560, КПП 770101001<br>Банк: ПАО Сбербанк, БИК 044525225<br>Р&#x2F;с 40702810200000012345, К&#x2F;с 30101810400000000225<\/div>/);
  const en = invoiceView(invoice, client(ROMASHKA), config, 'en-US');
  assert.deepEqual(en.buyer.lines.slice(1), ['INN 7701234560, KPP 770101001', 'Bank: ПАО Сбербанк, BIK 044525225', 'Account 40702810200000012345, Corr. account 30101810400000000225']);
});

test('invoice: a person without a company is named; no requisites, no requisite lines; parts print alone', () => {
  const person = invoiceView(invoice, client('name: Пётр Васильев\nemail: petr@example.ru\naddress: Ярославль'), config, 'ru-RU');
  assert.equal(person.buyer.name, 'Пётр Васильев');
  assert.deepEqual(person.buyer.lines, ['Ярославль', 'petr@example.ru']);
  const partial = invoiceView(invoice, client('name: ИП Козлова\nrequisites: { inn: 771234567859, bik: "044525225", corr_account: "30101810400000000225" }'), config, 'ru-RU');
  assert.deepEqual(partial.buyer.lines, ['ИНН 771234567859', 'БИК 044525225', 'К/с 30101810400000000225']);
  assert.equal(invoiceView(invoice, undefined, config, 'ru-RU').buyer.name, 'romashka', 'no client record: the slug');
});

test('templates: {{client.requisites.inn}} renders; the bundled contract and act print INN and KPP only when present', () => {
  const parsed = parseTemplate('.crm/templates/t.md', '---\nkind: document\nlang: ru\n---\nИНН {{client.requisites.inn}}, КПП {{client.requisites.kpp}}, {{client.requisites.bank}}\n');
  assert.deepEqual(parsed.problems, []);
  const out = renderTemplate(parsed.template!, { client: client(ROMASHKA), config, today: '2026-11-24' });
  assert.equal(out.text, 'ИНН 7701234560, КПП 770101001, ПАО Сбербанк\n');
  assert.deepEqual(out.missing, []);
  const none = renderTemplate(parsed.template!, { client: client('name: A'), config, today: '2026-11-24' });
  assert.equal(none.text, 'ИНН [нет: client.requisites.inn], КПП [нет: client.requisites.kpp], [нет: client.requisites.bank]\n');

  const contract = parseTemplate('.crm/templates/contract.md', BUNDLED_TEMPLATES['ru/contract.md']!).template!;
  const full = renderTemplate(contract, { client: client(`${ROMASHKA}\nvalue: 1000`), config, today: '2026-11-24' });
  assert.match(full.text, /^\*\*Заказчик:\*\* ООО «Ромашка» <b>, ИНН 7701234560, КПП 770101001, в лице Анна Смирнова\.$/m);
  const sole = renderTemplate(contract, { client: client('name: Ольга\ncompany: ИП Козлова\nrequisites: { inn: 771234567859 }'), config, today: '2026-11-24' });
  assert.match(sole.text, /^\*\*Заказчик:\*\* ИП Козлова, ИНН 771234567859, в лице Ольга\.$/m);
  const plain = renderTemplate(contract, { client: client('name: Ольга\ncompany: ООО «Лето»'), config, today: '2026-11-24' });
  assert.match(plain.text, /^\*\*Заказчик:\*\* ООО «Лето» в лице Ольга\.$/m);
  assert.ok(!plain.missing.some((name) => name.includes('requisites')), 'no marker for requisites the record does not have');
  const act = parseTemplate('.crm/templates/act.md', BUNDLED_TEMPLATES['en/act.md']!).template!;
  assert.match(renderTemplate(act, { client: client(ROMASHKA), config, today: '2026-11-24', invoice }).text, /^\*\*Client:\*\* ООО «Ромашка» <b> \(Анна Смирнова\), INN 7701234560, KPP 770101001$/m);
});

test('CSV import: Адрес/Address → address, Должность/Position/Title → position, ИНН/INN → requisites.inn', () => {
  const fields = (header: string[]): (string | undefined)[] => {
    const mapped = mapColumns(header);
    assert.ok(Array.isArray(mapped), JSON.stringify(mapped));
    return mapped.map((m) => m.field);
  };
  assert.deepEqual(fields(['ФИО', 'Адрес', 'Должность', 'ИНН']), ['name', 'address', 'position', 'requisites.inn']);
  assert.deepEqual(fields(['Name', 'Address', 'Title', 'INN']), ['name', 'address', 'position', 'requisites.inn']);
  assert.deepEqual(fields(['Name', 'Position', 'Job Title']), ['name', 'position', 'job_title'], '"Job Title" stays a custom field');
});
