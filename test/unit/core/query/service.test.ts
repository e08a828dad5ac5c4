// `service:<id>`: a client matches when a purchase, an item of one of its invoices (any status)
// or one of its time lines (`#id`) names the catalogue service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { runQuery } from '../../../../src/core/query';

const parse = (file: string, text: string, kind: 'client' | 'invoice' = 'client'): CrmRecord => parseRecordText(file, text, { kind, archived: false }).record!;

const clients = [
  parse('clients/bought.md', '---\nname: Купил\npurchases:\n  - { date: 2026-04-10, amount: 45000, item: landing }\n  - { date: 2026-05-10, amount: 100, item: Что-то своё }\n---\n'),
  parse('clients/billed.md', '---\nname: Счёт\n---\n'),
  parse('clients/worked.md', '---\nname: Работа\n---\n## Log\n- 2026-11-10 2h Прототип #Landing\n- 2026-11-11 1h Аудит #seo → INV-2026-0001\n'),
  parse('clients/own-field.md', '---\nname: Поле\nservice: support\n---\n'),
  parse('clients/nothing.md', '---\nname: Ничего\npurchases: [ { amount: 5 } ]\n---\nНе #landing: это не строка времени.\n'),
];
const invoices = [parse('invoices/2026/INV-2026-0002.md', '---\nnumber: INV-2026-0002\nclient: billed\nstatus: draft\nitems:\n  - { description: Поддержка, item: support, qty: 1, price: 15000 }\n  - { description: Без услуги, qty: 1, price: 1 }\n---\n', 'invoice')];
const ctx = createComputeContext(clients, invoices, defaultConfig(), '2026-11-24');
const find = (query: string): string[] => runQuery(query, clients, ctx).map((r) => r.id).sort();

test('service: finds purchases, invoice items and time tags, case-insensitively', () => {
  assert.deepEqual(find('service:landing'), ['bought', 'worked']);
  assert.deepEqual(find('service:SUPPORT'), ['billed', 'own-field']);
  assert.deepEqual(find('service:seo'), ['worked']);
  assert.deepEqual(find('service:seo,landing'), ['bought', 'worked']);
  assert.deepEqual(find('service:"что-то своё"'), ['bought']);
  assert.deepEqual(find('-service:landing'), ['billed', 'nothing', 'own-field']);
  assert.deepEqual(find('service:land*'), ['bought', 'worked']);
  assert.deepEqual(find('service:shop'), []);
  assert.deepEqual(find('has:service'), ['billed', 'bought', 'own-field', 'worked']);
});

test('ctx.services lists what each client names, as written', () => {
  assert.deepEqual(clients.map((c) => [c.id, ctx.services(c)]), [
    ['bought', ['landing', 'Что-то своё']],
    ['billed', ['support']],
    ['worked', ['Landing', 'seo']],
    ['own-field', []],
    ['nothing', []],
  ]);
});
