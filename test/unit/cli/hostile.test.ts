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
import { buildReport } from '../../../src/core/reports/report';
import { WorkspaceStore } from '../../../src/core/store';
import { DEFAULT_LABELS, renderDashboard } from '../../../src/webview/dashboardView';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const clients = path.join(ws, 'clients');
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

const aliasBomb = ['---', 'name: Bomb', 'a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
for (let i = 1; i < 10; i++) aliasBomb.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
aliasBomb.push('tags: *a9', '---', '');

/** File → the problem lint must report for it (a substring of its message). */
const BROKEN: Record<string, [string | Buffer, RegExp]> = {
  'bad-yaml.md': ['---\nname: [unclosed\nstage: lead\n---\n', /YAML/],
  'no-closing.md': ['---\nname: Без конца\nstage: lead\n', /not closed/],
  'tabs.md': ['---\nname: Tab\n\tstage: lead\n---\n', /YAML/],
  'duplicate-keys.md': ['---\nname: A\nname: B\n---\n', /duplicate/i],
  'alias-bomb.md': [aliasBomb.join('\n'), /expand to more than 100,000 values/],
  'deep.md': [`---\nname: Deep\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n---\n`, /nesting|nested/],
  'huge.md': [Buffer.concat([Buffer.from('---\nname: Huge\n---\n'), Buffer.alloc(50 * 1024 * 1024, 0x61)]), /over the 5 MB limit/],
  'binary.md': [Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 0, 0xff, 0xfe, 0, 0]), /UTF-8|binary/],
  'latin1.md': [Buffer.from('---\nname: Caf\xe9\n---\n', 'latin1'), /UTF-8/],
  'conflict.md': ['---\nname: Конфликт\n<<<<<<< HEAD\nstage: won\n=======\nstage: lost\n>>>>>>> branch\n---\n', /merge conflict/],
  'empty.md': ['', /front matter|empty/i],
};

const HOSTILE_NAMES = ['../../etc/passwd', 'CON', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '=HYPERLINK("http://evil.example","x")', '\u202Eexe.txt', '+SUM(A1:A9)', '@cmd'];
for (const [file, [content]] of Object.entries(BROKEN)) writeFileSync(path.join(clients, file), content);
HOSTILE_NAMES.forEach((name, i) => {
  const email = `hostile${i}@example.com`;
  writeFileSync(path.join(clients, `hostile-${i}.md`), `---\nname: ${JSON.stringify(name)}\nemail: ${email}\ncompany: ${JSON.stringify(name)}\nstage: proposal\nvalue: 1000\nsource: ${JSON.stringify(name)}\ntags: [hostile]\nconsent: { processing: true, email: true }\n---\n${name}\n`);
});
writeFileSync(path.join(clients, 'many-tags.md'), `---\nname: Many Tags\nstage: lead\ntags: [${Array.from({ length: 10000 }, (_, i) => `t${i}`).join(', ')}]\n---\n`);
writeFileSync(path.join(clients, 'bom-crlf.md'), '\uFEFF---\r\nname: BOM CRLF\r\nstage: lead\r\n---\r\nNotes\r\n');
symlinkSync('.', path.join(clients, 'loop'));
symlinkSync('/etc/passwd', path.join(clients, 'passwd.md'));

test('lint names every broken file with a clear problem and never crashes', { timeout: 120_000 }, () => {
  const run = cli('lint', '--format', 'json');
  assert.equal(run.code, 1, run.stderr);
  const problems = JSON.parse(run.stdout) as { file: string; code: string; message: string }[];
  for (const [file, [, message]] of Object.entries(BROKEN)) {
    const found = problems.filter((p) => p.file === `clients/${file}`);
    assert.ok(found.some((p) => p.code === 'parse-error' && message.test(p.message)), `${file}: ${JSON.stringify(found)}`);
  }
  assert.ok(!problems.some((p) => p.file.includes('loop/')), 'the symlink loop is not followed');
  assert.ok(!problems.some((p) => p.file === 'clients/passwd.md'), 'a symlink out of the workspace is not read');
});

test('stats, query, search, report and exports work on the rest', { timeout: 120_000 }, () => {
  const stats = JSON.parse(cli('stats', '--format', 'json').stdout) as { records: number };
  assert.equal(stats.records, 40 + HOSTILE_NAMES.length + 2, 'the sample, the hostile names, many-tags and bom-crlf');
  for (const args of [['query', 'tag:hostile'], ['query', 'tag:t9999'], ['search', 'script'], ['search', 'лендинг'], ['report']]) {
    const run = cli(...args);
    assert.equal(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
  }
  assert.match(cli('query', 'tag:t9999').stdout, /Many Tags/);
  const csv = cli('export', 'mailing', 'tag:hostile', '--out', '-');
  assert.equal(csv.code, 0, csv.stderr);
  const rows = parse(csv.stdout, { relax_column_count: false }) as string[][];
  assert.equal(rows.length, HOSTILE_NAMES.length + 1);
  for (const cell of rows.flat()) assert.ok(!/^[=+\-@\t\r]/.test(cell), `neutralized: ${cell}`);
});

test('an invoice for a hostile name renders as inert HTML, and no file lands outside the workspace', { timeout: 120_000 }, () => {
  const created = cli('invoice', 'create', 'hostile-2', '--item', '<img src=x onerror=alert(1)>;1;100', '--format', 'json');
  assert.equal(created.code, 0, created.stderr);
  const { number } = JSON.parse(created.stdout) as { number: string };
  const rendered = cli('invoice', 'render', number, '--no-pdf');
  assert.equal(rendered.code, 0, rendered.stderr);
  const html = readFileSync(path.join(ws, rendered.stdout.trim().split('\n')[0]!), 'utf8');
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
  assert.ok(!/<script|<img/i.test(html));
});
