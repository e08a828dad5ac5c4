// The hostile corpus (PRODUCT.md §6): broken, huge, binary, looping and malicious files beside the
// sample records. Every command of the CLI still works on the rest, each bad file gets a clear
// diagnostic, nothing crashes or hangs, and hostile strings stay inert in CSV, invoice HTML and
// the dashboard. The corpus is generated (a 50 MB record does not belong in git).
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createComputeContext } from '../../../src/core/computed';
import { allDeals } from '../../../src/core/deals';
import { pipelineSummary } from '../../../src/core/pipeline';
import { buildReport } from '../../../src/core/reports/report';
import { WorkspaceStore } from '../../../src/core/store';
import { DEFAULT_LABELS, renderDashboard } from '../../../src/webview/dashboardView';
import { FIXTURES, SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const clients = path.join(ws, 'clients');
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

/** Broken files of test/fixtures/hostile/ → the problem lint must report (part of its message). */
const BROKEN: Record<string, RegExp> = {
  'bad-yaml.md': /YAML/,
  'no-closing.md': /not closed/,
  'tabs.md': /YAML/,
  'duplicate-keys.md': /duplicate/i,
  'alias-bomb.md': /expand to more than 100,000 values/,
  'deep.md': /nesting|nested/,
  'huge.md': /over the 5 MB limit/,
  'binary.md': /UTF-8|binary/,
  'latin1.md': /UTF-8/,
  'conflict.md': /merge conflict/,
  'empty.md': /front matter|empty/i,
};
const HOSTILE_NAMES = 8; // hostile-0.md … hostile-7.md: path traversal, CON, <script>, <img onerror>, formulas, RTL override

cpSync(path.join(FIXTURES, 'hostile'), clients, { recursive: true });
// Generated, not committed: a 50 MB record, a symlink loop and a symlink out of the workspace.
writeFileSync(path.join(clients, 'huge.md'), Buffer.concat([Buffer.from('---\nname: Huge\n---\n'), Buffer.alloc(50 * 1024 * 1024, 0x61)]));
symlinkSync('.', path.join(clients, 'loop'));
symlinkSync('/etc/passwd', path.join(clients, 'passwd.md'));

test('lint names every broken file with a clear problem and never crashes', { timeout: 120_000 }, () => {
  const run = cli('lint', '--format', 'json');
  assert.equal(run.code, 1, run.stderr);
  const problems = JSON.parse(run.stdout) as { file: string; code: string; message: string }[];
  for (const [file, message] of Object.entries(BROKEN)) {
    const found = problems.filter((p) => p.file === `clients/${file}`);
    assert.ok(found.some((p) => p.code === 'parse-error' && message.test(p.message)), `${file}: ${JSON.stringify(found)}`);
  }
  assert.ok(!problems.some((p) => p.file.includes('loop/')), 'the symlink loop is not followed');
  assert.ok(!problems.some((p) => p.file === 'clients/passwd.md'), 'a symlink out of the workspace is not read');
});

test('stats, query, search, report and exports work on the rest', { timeout: 120_000 }, () => {
  const stats = JSON.parse(cli('stats', '--format', 'json').stdout) as { records: number };
  assert.equal(stats.records, 42 + HOSTILE_NAMES + 2, 'the sample, the hostile names, many-tags and bom-crlf');
  for (const args of [['query', 'tag:hostile'], ['query', 'tag:t9999'], ['search', 'script'], ['search', 'лендинг'], ['report']]) {
    const run = cli(...args);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
  }
  assert.match(cli('query', 'tag:t9999').stdout, /Many Tags/);
  const csv = cli('export', 'mailing', 'tag:hostile', '--out', '-');
  assert.equal(csv.code, 0, csv.stderr);
  const rows = parse(csv.stdout, { relax_column_count: false }) as string[][];
  assert.equal(rows.length, HOSTILE_NAMES + 1);
  for (const cell of rows.flat()) assert.ok(!/^[=+\-@\t\r]/.test(cell), `neutralized: ${cell}`);
});

test('an invoice for a hostile name renders as inert HTML, and no file lands outside the workspace', { timeout: 120_000 }, () => {
  const created = cli('invoice', 'create', 'hostile-2', '--item', '<img src=x onerror=alert(1)>;1;100', '--format', 'json');
  assert.equal(created.code, 0, created.stderr);
  const { number } = JSON.parse(created.stdout) as { number: string };
  const rendered = cli('invoice', 'render', number);
  assert.equal(rendered.code, 0, rendered.stderr);
  const [htmlFile, pdfFile] = rendered.stdout.trim().split('\n');
  const html = readFileSync(path.join(ws, htmlFile!), 'utf8');
  assert.ok(readFileSync(path.join(ws, pdfFile!)).subarray(0, 5).toString() === '%PDF-', 'the PDF is written too');
  assert.ok(!/<script|<img/i.test(html), 'no live tag from the record');
  assert.ok(html.includes('&lt;script&gt;alert(1)'), 'the name is shown, escaped');
  assert.equal(existsSync(path.join(dir, 'etc')), false);
  assert.deepEqual(readdirSync(dir), ['ws']);
});

test('the dashboard over the hostile workspace escapes every record value', async () => {
  const store = new WorkspaceStore(ws);
  await store.load();
  const all = store.clients({ includeArchived: true });
  const report = buildReport(all, store.invoices(), createComputeContext(all, store.invoices(), store.config, '2026-11-24'));
  const html = renderDashboard({ report, labels: DEFAULT_LABELS, locale: 'ru-RU', segments: [], filter: { segment: '', from: '', to: '' } });
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the hostile source is shown, escaped');
  // The Pipeline view's groups over the same records (what its tree items are made from).
  const groups = pipelineSummary(store.clients(), store.config);
  assert.equal(groups.reduce((n, g) => n + g.count, 0), allDeals(store.clients()).length, 'one item per deal');
  assert.ok(!/<script|<img/i.test(html));
});
