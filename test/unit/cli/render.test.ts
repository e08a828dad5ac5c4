// `plain-crm render` and `templates init` on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-render-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

test('a document for a client, to stdout: Markdown with the amount in words', () => {
  const run = cli('render', 'proposal', 'anna-smirnova');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stderr, '');
  assert.match(run.stdout, /^\*\*Кому:\*\* Анна Смирнова, ООО «Ромашка»$/m);
  assert.match(run.stdout, /^\*\*Итого:\*\* 120\u00a0000\u00a0₽ \(Сто двадцать тысяч рублей 00 копеек\)\.$/m);
});

test('an act for a paid invoice: its items and total; HTML escapes and never runs record values', () => {
  const run = cli('render', 'act', 'yulia-tarasova', '--invoice', 'INV-2026-0001', '--format', 'html', '--out', 'exports/act.html');
  assert.equal(run.code, 0, run.stderr);
  const html = readFileSync(path.join(ws, 'exports', 'act.html'), 'utf8');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /<td>Сайт-визитка: дизайн и вёрстка<\/td>/);
  assert.match(html, /Восемьдесят четыре тысячи рублей 00 копеек/);
  assert.doesNotMatch(html, /<script/);
  const again = cli('render', 'act', 'yulia-tarasova', '--invoice', 'INV-2026-0001', '--format', 'html', '--out', 'exports/act.html');
  assert.equal(again.code, 2, 'never over an existing file without --force');
  assert.match(again.stderr, /exports\/act\.html exists; use --force/);
});

test('missing fields are marked in the text and named on stderr', () => {
  mkdirSync(path.join(ws, '.crm', 'templates'), { recursive: true });
  writeFileSync(path.join(ws, '.crm', 'templates', 'inn.md'), '---\nkind: document\nlang: ru\n---\nИНН клиента: {{client.inn}}\n');
  const run = cli('render', 'inn', 'anna-smirnova');
  assert.equal(run.code, 0);
  assert.equal(run.stdout, 'ИНН клиента: [нет: client.inn]\n');
  assert.equal(run.stderr, 'render: no value for client.inn: marked in the text\n');
});

test('a message for a segment: one row per consenting client, values inert in the spreadsheet', () => {
  const run = cli('render', 'birthday', '--segment', 'tag:vip', '--out', 'exports/birthday.csv');
  assert.equal(run.code, 0, run.stderr);
  const rows = parse(readFileSync(path.join(ws, 'exports', 'birthday.csv'), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  assert.ok(rows.length > 0);
  assert.deepEqual(Object.keys(rows[0]!), ['email', 'name', 'subject', 'message']);
  for (const row of rows) assert.match(row['message']!, new RegExp(`^${row['name']!}, с днём рождения!`));
  assert.match(run.stderr, /^exports\/birthday\.csv: exported \d+; skipped \d+/);
});

test('unknown template or client, and a template syntax error, are exit 2 with the place', () => {
  const unknown = cli('render', 'nope', 'anna-smirnova');
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /no template "nope" in \.crm\/templates \(known: act, birthday, contract/);
  assert.equal(cli('render', 'proposal', 'nobody').code, 2);
  writeFileSync(path.join(ws, '.crm', 'templates', 'broken.md'), '---\nkind: message\n---\nHi {{client.name\n');
  const broken = cli('render', 'broken', 'anna-smirnova');
  assert.equal(broken.code, 2);
  assert.equal(broken.stderr, 'plain-crm: .crm/templates/broken.md:4:4: template syntax: Unclosed tag at 17\n');
});

test('templates init copies the bundled templates and keeps the ones already there', () => {
  const first = cli('templates', 'init');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /^\+ \.crm\/templates\/proposal\.md$/m);
  assert.ok(existsSync(path.join(ws, '.crm', 'templates', 'payment-reminder.md')));
  writeFileSync(path.join(ws, '.crm', 'templates', 'proposal.md'), '---\nkind: document\n---\nМой шаблон {{client.name}}\n');
  const second = cli('templates', 'init');
  assert.match(second.stdout, /^= \.crm\/templates\/proposal\.md$/m);
  assert.equal(cli('render', 'proposal', 'anna-smirnova').stdout, 'Мой шаблон Анна Смирнова\n');
  assert.match(cli('templates', 'init', '--lang', 'en').stdout, /\.crm\/templates\/proposal\.md/);
});

test('--format pdf: a readable PDF whose text holds the Cyrillic client name and the total in words', () => {
  const run = cli('render', 'contract', 'anna-smirnova', '--format', 'pdf', '--out', 'exports/contract.pdf');
  assert.equal(run.code, 0, run.stderr);
  const file = path.join(ws, 'exports', 'contract.pdf');
  assert.equal(readFileSync(file).subarray(0, 5).toString('latin1'), '%PDF-');
  const text = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  if (text.status !== 0) return; // poppler-utils missing here; CI installs it
  assert.match(text.stdout, /ООО «Ромашка» в лице Анна Смирнова/);
  assert.match(text.stdout, /Сто двадцать тысяч рублей 00 копеек/);
  assert.equal(cli('render', 'proposal', 'anna-smirnova', '--format', 'pdf').code, 2, 'a PDF needs --out');
});
