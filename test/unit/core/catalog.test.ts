// The service catalogue: `.crm/catalog.yaml`, its mistakes at their paths, the schema, the store.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { catalogCurrency, catalogItem, findService, parseCatalog, parseServiceRef, serviceLine, serviceName, serviceSummary } from '../../../src/core/catalog';
import { WorkspaceStore } from '../../../src/core/store';
import { REPO_ROOT, SAMPLE_WORKSPACE } from '../paths';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'catalog.schema.json'), 'utf8')) as object;

test('the sample catalogue parses without issues and validates against schemas/catalog.schema.json', () => {
  const data = load(readFileSync(path.join(SAMPLE_WORKSPACE, '.crm', 'catalog.yaml'), 'utf8'));
  const { services, issues } = parseCatalog(data);
  assert.deepEqual(issues, []);
  assert.deepEqual(services.map((s) => [s.id, s.unit, s.price]), [
    ['landing', 'piece', 45000],
    ['shop', 'piece', 180000],
    ['seo', 'piece', 35000],
    ['support', 'month', 15000],
    ['consulting', 'hour', 3500],
  ]);
  assert.deepEqual(services[0], { id: 'landing', name: 'Лендинг', name_en: 'Landing page', unit: 'piece', price: 45000, currency: 'RUB', vat: 'none' });
  const validate = new Ajv({ allErrors: true }).compile(schema);
  assert.ok(validate(data), JSON.stringify(validate.errors));
  assert.equal(validate({ services: [{ id: 'x', name: 'X', price: -1 }] }), false);
  assert.equal(validate({ services: [{ id: 'x', name: 'X', price: 1, unit: 'day' }] }), false);
  assert.equal(validate({ services: [{ id: 'x', name: 'X', price: 1, vat: 'no' }] }), false);
});

test('every mistake is an issue at its path, and the broken entry is left out', () => {
  const { services, issues } = parseCatalog(
    load(`
services:
  - { id: ok, name: Хорошая, price: 100 }
  - { id: ok, name: Дубль, price: 1 }
  - { id: day, name: День, unit: day, price: 1 }
  - { id: neg, name: Минус, price: -5 }
  - { id: vat, name: НДС, price: 5, vat: twenty }
  - { id: "bad id", name: X, price: 1 }
  - { id: noname, price: 1 }
  - { id: cur, name: Валюта, price: 1, currency: рубли }
  - { id: extra, name: Лишнее, price: 1, colour: red }
  - just text
  - { id: zero, name: Ноль, price: 0, vat: 0, unit: hour, currency: usd }
`),
  );
  assert.deepEqual(services.map((s) => s.id), ['ok', 'zero']);
  assert.deepEqual(services[0], { id: 'ok', name: 'Хорошая', unit: 'piece', price: 100 });
  assert.deepEqual(services[1], { id: 'zero', name: 'Ноль', unit: 'hour', price: 0, currency: 'USD', vat: 0 });
  assert.deepEqual(issues.map((i) => i.path.join('.')), [
    'services.1.id',
    'services.2.unit',
    'services.3.price',
    'services.4.vat',
    'services.5.id',
    'services.6.name',
    'services.7.currency',
    'services.8.colour',
    'services.9',
  ]);
  assert.match(issues[0]!.message, /already used/);
  assert.match(issues[1]!.message, /hour, piece, month/);
});

test('the file itself: nothing, a top-level list, unknown keys', () => {
  assert.deepEqual(parseCatalog(undefined), { services: [], issues: [] });
  assert.deepEqual(parseCatalog({ services: null }), { services: [], issues: [] });
  assert.deepEqual(parseCatalog([{ id: 'a', name: 'A', price: 1 }]).issues.map((i) => i.path), [[]]);
  assert.deepEqual(parseCatalog({ services: 'landing' }).issues.map((i) => i.path), [['services']]);
  const extra = parseCatalog({ services: [{ id: 'a', name: 'A', price: 1 }], prices: {} });
  assert.deepEqual([extra.services.length, extra.issues.map((i) => i.path)], [1, [['prices']]]);
});

test('findService ignores case; serviceName picks the invoice language', () => {
  const { services } = parseCatalog({ services: [{ id: 'SEO', name: 'SEO-аудит', name_en: 'SEO audit', price: 1 }, { id: 'x', name: 'Икс', price: 2 }] });
  assert.equal(findService(services, 'seo')?.id, 'SEO');
  assert.equal(findService(services, 'nope'), undefined);
  assert.equal(serviceName(services[0]!, 'en'), 'SEO audit');
  assert.equal(serviceName(services[0]!, 'ru'), 'SEO-аудит');
  assert.equal(serviceName(services[1]!, 'en'), 'Икс');
});

test('the store loads .crm/catalog.yaml; its mistakes are problems on their lines', async () => {
  const store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
  assert.equal(store.kindOf('.crm/catalog.yaml'), 'catalog');
  assert.deepEqual(store.catalog.map((s) => s.id), ['landing', 'shop', 'seo', 'support', 'consulting']);
  assert.deepEqual(store.problems().filter((p) => p.file === '.crm/catalog.yaml'), []);
  await store.updateFile('.crm/catalog.yaml', 'services:\n  - id: a\n    name: A\n    price: 10\n  - id: b\n    name: B\n    price: -1\n');
  assert.deepEqual(store.catalog.map((s) => s.id), ['a']);
  const problems = store.problems().filter((p) => p.file === '.crm/catalog.yaml');
  assert.deepEqual(problems.map((p) => [p.range.start.line, p.code, p.severity]), [[7, 'schema', 'error']]);
  await store.updateFile('.crm/catalog.yaml', 'services: [\n');
  assert.deepEqual(store.catalog, []);
  assert.deepEqual(store.problems().filter((p) => p.file === '.crm/catalog.yaml').map((p) => p.code), ['parse-error']);
  store.removeFile('.crm/catalog.yaml');
  assert.deepEqual(store.problems().filter((p) => p.file === '.crm/catalog.yaml'), []);
  await store.load();
  assert.equal(store.catalog.length, 5);
});

test('parseServiceRef reads id[:qty]; serviceLine makes the invoice line in the invoice language', () => {
  assert.deepEqual(parseServiceRef('landing'), { id: 'landing', qty: 1 });
  assert.deepEqual(parseServiceRef(' consulting:1,5 '), { id: 'consulting', qty: 1.5 });
  assert.deepEqual(parseServiceRef('seo-audit:3'), { id: 'seo-audit', qty: 3 });
  for (const bad of ['landing:0', 'landing:x', 'two words', 'Лендинг;1;100', ':2', '']) assert.equal(parseServiceRef(bad), undefined, bad);
  const { services } = parseCatalog({
    services: [
      { id: 'support', name: 'Поддержка', name_en: 'Support', unit: 'month', price: 15000, vat: 'none' },
      { id: 'hour', name: 'Час работы', unit: 'hour', price: 3000, vat: 20 },
      { id: 'box', name: 'Коробка', price: 10 },
    ],
  });
  assert.deepEqual(serviceLine(services[0]!, 3, 'en'), { description: 'Support', item: 'support', qty: 3, price: 15000, unit: 'mo', tax: 0 });
  assert.deepEqual(serviceLine(services[1]!, 1.5, 'ru'), { description: 'Час работы', item: 'hour', qty: 1.5, price: 3000, unit: 'ч', tax: 20 });
  assert.deepEqual(serviceLine(services[2]!, 1, 'ru'), { description: 'Коробка', item: 'box', qty: 1, price: 10, unit: 'шт.' });
});

test('catalogItem resolves id[:qty]; catalogCurrency takes the services\' currency or reports a clash; serviceSummary', () => {
  const { services } = parseCatalog({
    services: [
      { id: 'landing', name: 'Лендинг', name_en: 'Landing page', price: 45000, currency: 'RUB', vat: 'none' },
      { id: 'dev', name: 'Час разработки', unit: 'hour', price: 50, currency: 'USD', vat: 20 },
      { id: 'free', name: 'Без валюты', price: 1 },
    ],
  });
  assert.equal(catalogItem('landing:2', services, 'ru')?.qty, 2);
  assert.equal(catalogItem('nope', services, 'ru'), undefined);
  assert.equal(catalogItem('landing;1;100', services, 'ru'), undefined);
  const landing = catalogItem('landing', services, 'en')!;
  const dev = catalogItem('dev', services, 'en')!;
  const free = catalogItem('free', services, 'en')!;
  assert.deepEqual(catalogCurrency([free, { description: 'x', qty: 1, price: 1 }], services, undefined), {});
  assert.deepEqual(catalogCurrency([free, landing], services, undefined), { currency: 'RUB' });
  assert.deepEqual(catalogCurrency([landing], services, 'rub'), { currency: 'RUB' });
  assert.deepEqual(catalogCurrency([landing, dev], services, undefined), { error: 'dev is priced in USD, the invoice is in RUB' });
  assert.equal(serviceSummary(services[0]!, 'RUB', 'en-US'), 'Лендинг (Landing page) · RUB\u00a045,000 / pcs · no VAT');
  assert.equal(serviceSummary(services[1]!, 'RUB', 'en-US'), 'Час разработки · $50 / h · VAT 20 %');
  assert.equal(serviceSummary(services[2]!, 'EUR', 'ru-RU'), 'Без валюты · 1\u00a0€ / шт.');
});
