// `plain-crm time` and `plain-crm invoice create --from-time` end to end on a copy of the sample
// workspace: list and totals, invoicing a month's unbilled time, idempotence, the report's figures.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-time-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);
const MERIDIAN = path.join(ws, 'clients', 'ooo-meridian.md');

interface JsonTime {
  id: string;
  file: string;
  line: number;
  date: string;
  minutes: number;
  text: string;
  tag: string | null;
  billed: string | null;
}

test('time --format json: every time line of the workspace, by date, with its file line', () => {
  const run = cli('time', '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  const rows = JSON.parse(run.stdout) as JsonTime[];
  assert.deepEqual(Object.keys(rows[0]!), ['id', 'file', 'line', 'date', 'minutes', 'text', 'tag', 'billed']);
  assert.deepEqual(
    rows.map((r) => [r.id, r.date, r.minutes, r.tag, r.billed]),
    [
      ['olga-ivanova', '2026-10-22', 210, null, 'INV-2026-0004'],
      ['olga-ivanova', '2026-10-24', 150, null, 'INV-2026-0004'],
      ['ooo-meridian', '2026-10-28', 60, 'shop', null],
      ['ooo-meridian', '2026-11-12', 150, 'shop', null],
      ['ooo-meridian', '2026-11-17', 90, 'shop', null],
      ['ooo-meridian', '2026-11-18', 45, 'seo', null],
    ],
  );
  const lines = readFileSync(MERIDIAN, 'utf8').split('\n');
  for (const row of rows.filter((r) => r.id === 'ooo-meridian')) assert.match(lines[row.line - 1]!, new RegExp(`^- ${row.date} `));
});

test('time: filters by client, month and unbilled; the text lists totals per client and month', () => {
  const json = (...args: string[]): JsonTime[] => JSON.parse(cli('time', '--format', 'json', ...args).stdout) as JsonTime[];
  assert.deepEqual(json('--client', 'ooo-meridian', '--month', '2026-11').map((r) => r.date), ['2026-11-12', '2026-11-17', '2026-11-18']);
  assert.deepEqual(json('--unbilled').map((r) => r.id), ['ooo-meridian', 'ooo-meridian', 'ooo-meridian', 'ooo-meridian']);
  assert.deepEqual(json('--month', '2026-12'), []);
  const text = cli('time', '--client', 'ooo-meridian');
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^2026-10 +1:00 +ООО «Меридиан»$/m);
  assert.match(text.stdout, /^2026-11 +4:45 +ООО «Меридиан»$/m);
  assert.match(text.stdout, /^total: 5:45 h \(4 lines\)$/m);
  for (const [args, message] of [
    [['time', '--month', '2026-13'], /--month: "2026-13" is not a month/],
    [['time', '--client', 'nobody'], /no client "nobody"/],
    [['invoice', 'create', 'ooo-meridian', '--month', '2026-11'], /--month and --per-line go with --from-time/],
  ] as const) {
    const run = cli(...args);
    assert.equal(run.code, 2, args.join(' '));
    assert.match(run.stderr, message);
  }
});

test("invoice create --from-time bills the month's unbilled time at hourly_rate, marks the lines, and a second run bills nothing", () => {
  const before = readFileSync(MERIDIAN, 'utf8');
  const run = cli('invoice', 'create', 'ooo-meridian', '--from-time', '--month', '2026-11', '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(JSON.parse(run.stdout), { number: 'INV-2026-0006', file: 'invoices/2026/INV-2026-0006.md', client: 'ooo-meridian', total: 14250, currency: 'RUB' });
  assert.match(run.stderr, /billed 3 time lines \(4:45 h at 3000\)/);
  const invoice = readFileSync(path.join(ws, 'invoices', '2026', 'INV-2026-0006.md'), 'utf8');
  assert.match(invoice, /^ {2}- \{ description: "Интернет-магазин", qty: 4, price: 3000, unit: ч \}$/m);
  assert.match(invoice, /^ {2}- \{ description: "SEO-продвижение", qty: 0.75, price: 3000, unit: ч \}$/m);
  // Only the three November lines changed: each got its mark.
  const after = readFileSync(MERIDIAN, 'utf8');
  const expected = before
    .replace('- 2026-11-12 2h30m Прототип каталога #shop\n', '- 2026-11-12 2h30m Прототип каталога #shop → INV-2026-0006\n')
    .replace('- 2026-11-17 1,5ч Структура карточки товара #shop\n', '- 2026-11-17 1,5ч Структура карточки товара #shop → INV-2026-0006\n')
    .replace('- 2026-11-18 45m Аудит семантики #seo\n', '- 2026-11-18 45m Аудит семантики #seo → INV-2026-0006\n');
  assert.equal(after, expected);

  const again = cli('invoice', 'create', 'ooo-meridian', '--from-time', '--month', '2026-11');
  assert.equal(again.code, 0);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /nothing to bill: ooo-meridian has no unbilled time \(2026-11\); nothing was written/);
  assert.equal(readFileSync(MERIDIAN, 'utf8'), after);
  assert.equal(cli('invoice', 'list', '--format', 'json').stdout.includes('INV-2026-0007'), false);

  // October is still unbilled; per line it is one dated item, and the client's own rate wins.
  writeFileSync(MERIDIAN, after.replace('city: Москва\n', 'city: Москва\nrate: 4000\n'));
  const october = cli('invoice', 'create', 'ooo-meridian', '--from-time', '--per-line', '--format', 'json');
  assert.equal(october.code, 0, october.stderr);
  assert.equal((JSON.parse(october.stdout) as { total: number }).total, 4000);
  assert.match(readFileSync(path.join(ws, 'invoices', '2026', 'INV-2026-0007.md'), 'utf8'), /description: "2026-10-28 Разбор брифа, список страниц #shop", qty: 1, price: 4000/);
  assert.equal(JSON.parse(cli('time', '--unbilled', '--format', 'json').stdout).length, 0);
});

test('no rate anywhere is a usage error naming rate and hourly_rate; nothing is written', () => {
  const config = path.join(ws, '.crm', 'config.yaml');
  const original = readFileSync(config, 'utf8');
  writeFileSync(config, original.replace(/^hourly_rate: .*$/m, ''));
  writeFileSync(MERIDIAN, `${readFileSync(MERIDIAN, 'utf8').replace('rate: 4000\n', '')}- 2026-11-24 30m Ещё правки\n`);
  try {
    const before = readFileSync(MERIDIAN, 'utf8');
    const run = cli('invoice', 'create', 'ooo-meridian', '--from-time');
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no price of an hour for ooo-meridian: set `rate:` on the client or `hourly_rate:`/);
    assert.equal(readFileSync(MERIDIAN, 'utf8'), before);
  } finally {
    writeFileSync(config, original);
  }
});

test('report: hours per month and per client, and the effective hourly rate', () => {
  const report = JSON.parse(cli('report', '--format', 'json').stdout) as { time: { minutes: number; months: unknown[]; clients: { id: string; minutes: number; revenue: number; rate: number }[] } };
  assert.deepEqual(report.time.months, [{ month: '2026-10', minutes: 420 }, { month: '2026-11', minutes: 315 }]);
  const olga = report.time.clients.find((c) => c.id === 'olga-ivanova')!;
  assert.deepEqual(olga, { id: 'olga-ivanova', name: 'Ольга Иванова', minutes: 360, revenue: 155000, rate: 25833.33 });
  const text = cli('report').stdout;
  assert.match(text, /^time logged: 12:15 h$/m);
  assert.match(text, /^Ольга Иванова +6:00 +155,000 +25,833\.33$/m);
  const csv = cli('report', '--format', 'csv').stdout;
  assert.match(csv, /^time_client,olga-ivanova,Ольга Иванова,,155000,,,,,,,,,6,25833\.33\r$/m);
});
