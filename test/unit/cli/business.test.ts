// Business clients on the sample workspace (issue 17, "Done when"): a B2B client with two deals,
// its requisites on the invoice, its consenting contact persons in the mailing export, and lint
// rejecting a wrong INN with its line.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const TODAY = '2026-11-24';
const ws = mkdtempSync(path.join(tmpdir(), 'plain-crm-b2b-'));
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
after(() => rmSync(ws, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli([...args, '-w', ws, '--today', TODAY]);

test('the B2B sample client has two deals, each its own pipeline row', () => {
  const run = cli('query', 'id:ooo-meridian', '--deals', '--format', 'json');
  assert.equal(run.stderr, '');
  const rows = JSON.parse(run.stdout) as { id: string; title: string; stage: string; value: number }[];
  assert.deepEqual(
    rows.map((r) => [r.id, r.title, r.stage, r.value]),
    [
      ['ooo-meridian#shop', 'Интернет-магазин', 'negotiation', 450000],
      ['ooo-meridian#seo', 'SEO-продвижение', 'proposal', 60000],
    ],
  );
});

test('an invoice for the B2B client prints its INN, KPP and bank details', () => {
  const created = cli('invoice', 'create', 'ooo-meridian', '--item', 'Интернет-магазин, этап 1;1;225000');
  assert.equal(created.code, 0, created.stderr);
  const number = /INV-\d{4}-\d{4}/.exec(created.stdout)![0];
  assert.match(readFileSync(path.join(ws, 'invoices', '2026', `${number}.md`), 'utf8'), /^\*\*Заказчик:\*\* ООО «Меридиан», ИНН 7701234560, КПП 770101001 {2}$/m, 'the Markdown record names the buyer once, with INN/KPP');
  const html = cli('invoice', 'render', number, '--no-pdf', '--out', path.join(ws, 'exports', 'b2b'));
  assert.equal(html.code, 0, html.stderr);
  const text = readFileSync(path.join(ws, 'exports', 'b2b', `${number}.html`), 'utf8');
  for (const part of ['ООО «Меридиан»', 'ИНН 7701234560, КПП 770101001', 'ПАО Сбербанк, БИК 044525225', '40702810200000012345', '30101810400000000225']) {
    assert.ok(text.includes(part), part);
  }
});

test('a mailing export includes each consenting contact person and no one else', () => {
  const out = path.join(ws, 'exports', 'b2b.csv');
  const run = cli('export', 'mailing', 'id:ooo-meridian', '--out', out);
  assert.equal(run.code, 0, run.stderr);
  const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
  assert.deepEqual(
    rows.map((r) => [r['email'], r['first_name'], r['last_name'], r['company']]),
    [
      ['info@meridian.example.ru', '', '', 'ООО «Меридиан»'],
      ['lebedev@meridian.example.ru', 'Виктор', 'Лебедев', 'ООО «Меридиан»'],
      ['kovaleva@meridian.example.ru', 'Марина', 'Ковалёва', 'ООО «Меридиан»'],
    ],
  );
  assert.match(run.stderr, /exported 3; skipped 1: no-consent 1/);
});

test('lint rejects a wrong INN on its line; the sample itself has none', () => {
  assert.doesNotMatch(cli('lint').stdout, /invalid-requisites/);
  const file = path.join(ws, 'clients', 'ooo-meridian.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('inn: "7701234560"', 'inn: "7701234561"'));
  const run = cli('lint', '--format', 'json');
  assert.equal(run.code, 1);
  const problems = (JSON.parse(run.stdout) as { file: string; line: number; code: string; message: string }[]).filter((p) => p.code === 'invalid-requisites');
  assert.deepEqual(
    problems.map((p) => `${p.file}:${p.line}`),
    ['clients/ooo-meridian.md:14'],
  );
  assert.match(problems[0]!.message, /requisites\.inn: 7701234561/);
});
