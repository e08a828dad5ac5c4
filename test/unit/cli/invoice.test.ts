// `plain-crm invoice create|mark|list` end to end on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-invoice-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

test('create writes the next numbered draft, and a second one takes the number after it', () => {
  const first = cli('invoice', 'create', 'anna-smirnova', '--item', 'Интернет-магазин: дизайн;1;120000', '--item', 'Правки;3;2500;ч', '--format', 'json');
  assert.equal(first.stderr, '');
  assert.equal(first.code, 0);
  assert.deepEqual(JSON.parse(first.stdout), { number: 'INV-2026-0006', file: 'invoices/2026/INV-2026-0006.md', client: 'anna-smirnova', total: 127500, currency: 'RUB' });
  const text = readFileSync(path.join(ws, 'invoices', '2026', 'INV-2026-0006.md'), 'utf8');
  assert.match(text, /^status: draft$/m);
  assert.match(text, /\| 2 \| Правки \| 3 ч \| 2\u00a0500,00\u00a0₽ \| 7\u00a0500,00\u00a0₽ \|/);
  const second = cli('invoice', 'create', 'olga-ivanova', '--item', 'Поддержка;1;10000', '--tax', '20');
  assert.equal(second.code, 0);
  assert.equal(second.stdout, 'invoices/2026/INV-2026-0007.md  INV-2026-0007  12000 RUB\n');
});

test('create never overwrites: a file already at the next path stays as it was, exit 2', () => {
  const blocker = path.join(ws, 'invoices', '2026', 'INV-2026-0008.md');
  writeFileSync(blocker, 'not an invoice yet\n');
  const run = cli('invoice', 'create', 'anna-smirnova', '--item', 'x;1;1');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /INV-2026-0008\.md already exists; nothing was written/);
  assert.equal(readFileSync(blocker, 'utf8'), 'not an invoice yet\n');
  rmSync(blocker);
});

test('bad input is a one-line usage error', () => {
  for (const [args, message] of [
    [['invoice', 'create', 'anna-smirnova', '--item', 'no numbers here'], /--item: "no numbers here" is not/],
    [['invoice', 'create', 'nobody', '--item', 'x;1;1'], /no client "nobody"/],
    [['invoice', 'create', 'anna-smirnova'], /at least one --item/],
    [['invoice', 'mark', 'INV-2026-0099', 'paid'], /no invoice INV-2026-0099/],
    [['invoice', 'mark', 'INV-2026-0006', 'lost'], /"lost" is not one of draft, sent, paid/],
  ] as const) {
    const run = cli(...args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
    assert.equal(run.stderr.trim().split('\n').length, 1);
  }
});

test('mark paid sets status and paid_on in place (nothing else changes), and the client\'s revenue grows', () => {
  const revenue = (): number => (JSON.parse(cli('query', 'id:anna-smirnova', '--format', 'json').stdout) as { revenue: number }[])[0]!.revenue;
  const before = revenue();
  const file = path.join(ws, 'invoices', '2026', 'INV-2026-0006.md');
  const text = readFileSync(file, 'utf8');
  const clientFile = path.join(ws, 'clients', 'anna-smirnova.md');
  const clientText = readFileSync(clientFile, 'utf8');
  const run = cli('invoice', 'mark', 'inv-2026-0006', 'paid', '--on', '2026-11-25');
  assert.equal(run.code, 0, run.stderr);
  const after = readFileSync(file, 'utf8');
  assert.equal(after.replace('status: paid', 'status: draft').replace(/^paid_on: 2026-11-25\n/m, ''), text);
  // The sample's invoice_paid rule: one task line that opens the thank-you message, nothing else.
  const task = '- [ ] 2026-11-24 Поблагодарить за оплату ✉ thank-you (INV-2026-0006) @ivan@example.com <!-- playbook:invoice-paid 2026-11-24 -->';
  const clientAfter = readFileSync(clientFile, 'utf8');
  assert.equal(clientAfter.replace(`${task}\n`, ''), clientText);
  assert.match(run.stdout, /clients\/anna-smirnova\.md {2}invoice-paid {2}- \[ \] 2026-11-24 Поблагодарить за оплату ✉ thank-you \(INV-2026-0006\)/);
  assert.equal(cli('invoice', 'mark', 'inv-2026-0006', 'paid').code, 0);
  assert.equal(readFileSync(clientFile, 'utf8'), clientAfter, 'paid again: no new event');
  assert.equal(revenue(), before + 127500);
  const list = JSON.parse(cli('invoice', 'list', '--format', 'json').stdout) as { number: string; status: string }[];
  assert.equal(list.find((i) => i.number === 'INV-2026-0006')?.status, 'paid');
});

test('render writes escaped HTML and a PDF whose text has the Cyrillic names, the number and the total', () => {
  const run = cli('invoice', 'render', 'INV-2026-0001');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'exports/invoices/INV-2026-0001.html\nexports/invoices/INV-2026-0001.pdf\n');
  const html = readFileSync(path.join(ws, 'exports', 'invoices', 'INV-2026-0001.html'), 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /84\u00a0000,00\u00a0₽/);
  const pdf = spawnSync('pdftotext', ['-layout', path.join(ws, 'exports', 'invoices', 'INV-2026-0001.pdf'), '-'], { encoding: 'utf8' });
  assert.equal(pdf.status, 0, `pdftotext (poppler-utils) must be installed: ${pdf.error?.message ?? pdf.stderr}`);
  assert.match(pdf.stdout, /Счёт № INV-2026-0001 от 5 февраля 2026 г\./);
  assert.match(pdf.stdout, /Юридическая фирма/, 'the buyer is the company');
  assert.match(pdf.stdout, /Всего к оплате\s+84 000,00 ₽/);
});

test('a hostile client name is inert in the HTML; a template with {{{…}}} is refused', () => {
  writeFileSync(path.join(ws, 'clients', 'evil.md'), '---\nname: "<script>alert(1)</script>\\"><img src=x onerror=alert(2)>"\ncompany: "=HYPERLINK(\\"http://x\\")"\n---\n');
  const created = JSON.parse(cli('invoice', 'create', 'evil', '--item', '<b>bold</b>;1;1', '--format', 'json').stdout) as { number: string };
  assert.equal(cli('invoice', 'render', created.number, '--no-pdf').code, 0);
  const html = readFileSync(path.join(ws, 'exports', 'invoices', `${created.number}.html`), 'utf8');
  assert.doesNotMatch(html, /<script>|<img|<b>/);
  assert.match(html, /<strong>&#x3D;HYPERLINK\(&quot;http:&#x2F;&#x2F;x&quot;\)<\/strong>/, 'the buyer is the company, escaped');
  mkdirSync(path.join(ws, '.crm', 'templates'), { recursive: true });
  writeFileSync(path.join(ws, '.crm', 'templates', 'invoice.html'), '<p>{{{buyer.name}}}</p>');
  const refused = cli('invoice', 'render', created.number, '--no-pdf');
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /invoice\.html: .*unescaped/);
  writeFileSync(path.join(ws, '.crm', 'templates', 'invoice.html'), '<h1>{{number}}</h1><p>{{buyer.name}} · {{total}}</p>');
  assert.equal(cli('invoice', 'render', created.number, '--no-pdf').code, 0);
  assert.match(readFileSync(path.join(ws, 'exports', 'invoices', `${created.number}.html`), 'utf8'), /^<h1>INV-2026-\d{4}<\/h1><p>&#x3D;HYPERLINK\(&quot;http:&#x2F;&#x2F;x&quot;\) · /);
  rmSync(path.join(ws, '.crm', 'templates'), { recursive: true });
});

test('--item <catalogue id>[:qty] takes the name, unit, price and VAT from .crm/catalog.yaml', () => {
  const run = cli('invoice', 'create', 'olga-ivanova', '--item', 'landing', '--item', 'consulting:2,5', '--item', 'Правки;1;1000', '--tax', '20', '--format', 'json');
  assert.equal(run.stderr, '');
  assert.equal(run.code, 0);
  const { file, total, currency } = JSON.parse(run.stdout) as { file: string; total: number; currency: string };
  // Both services are "vat: none" (tax 0 on their lines); the free line takes the invoice's 20 %.
  assert.deepEqual([total, currency], [45000 + 8750 + 1200, 'RUB']);
  const text = readFileSync(path.join(ws, file), 'utf8');
  assert.match(text, /^ {2}- \{ description: "Лендинг", item: landing, qty: 1, price: 45000, unit: шт\., tax: 0 \}$/m);
  assert.match(text, /^ {2}- \{ description: "Консультация", item: consulting, qty: 2\.5, price: 3500, unit: ч, tax: 0 \}$/m);
  assert.match(text, /\| 2 \| Консультация \| 2\.5 ч \|/);
  const found = JSON.parse(cli('query', 'service:consulting', '--format', 'json').stdout) as { id: string }[];
  assert.ok(found.some((r) => r.id === 'olga-ivanova'));
});

test('an English invoice names the service by name_en; a wrong id lists the known ones', () => {
  const config = path.join(ws, '.crm', 'config.yaml');
  const before = readFileSync(config, 'utf8');
  writeFileSync(config, before.replace(/^locale: ru-RU$/m, 'locale: en-US'));
  try {
    const run = cli('invoice', 'create', 'thomas-becker', '--item', 'seo', '--currency', 'RUB');
    assert.equal(run.code, 0, run.stderr);
    const file = run.stdout.split('  ')[0]!;
    assert.match(readFileSync(path.join(ws, file), 'utf8'), /description: "SEO audit", item: seo, qty: 1, price: 35000, unit: pcs, tax: 0/);
  } finally {
    writeFileSync(config, before);
  }
  const wrong = cli('invoice', 'create', 'olga-ivanova', '--item', 'landnig:2');
  assert.equal(wrong.code, 2);
  assert.equal(wrong.stderr, 'plain-crm: --item: no service "landnig" in .crm/catalog.yaml; known: landing, shop, seo, support, consulting\n');
  const currency = cli('invoice', 'create', 'olga-ivanova', '--item', 'landing', '--currency', 'EUR');
  assert.equal(currency.code, 2);
  assert.match(currency.stderr, /landing is priced in RUB, the invoice is in EUR/);
});
