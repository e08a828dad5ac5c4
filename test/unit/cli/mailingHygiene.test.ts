// Consent that stays true (issue 18): unsubscribes and bounces imported back byte-exactly, the
// campaign log, the frequency cap at its boundary, `last_mailed` / `mailings_90d`, and campaigns
// per month in the report — end to end through the CLI on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, beforeEach, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { readAddressList } from '../../../src/core/import/suppressions';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-hygiene-'));
const ws = path.join(dir, 'ws');
after(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  rmSync(ws, { recursive: true, force: true });
  cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
});

const cli = (today: string, ...args: string[]) => runCli([...args, '-w', ws, '--today', today]);
const read = (file: string): string => readFileSync(path.join(ws, file), 'utf8');
const emails = (csv: string): string[] => (parse(csv, { columns: true, bom: true }) as Record<string, string>[]).map((r) => r['email']!);

test('the address list: a CSV by its e-mail header (Windows-1251 too), plain lines, a bare list; junk reported', () => {
  const csv = iconv.encode('Имя;Почта;Причина\nАнна;Anna@Romashka.ru;отписка\nЗаписка;не адрес;x\nДубль;anna@romashka.ru;y\n', 'windows-1251');
  assert.deepEqual(readAddressList(csv), { addresses: ['Anna@Romashka.ru'], encoding: 'windows-1251', invalid: ['не адрес'] });
  assert.deepEqual(readAddressList(Buffer.from('email\n# exported 2026-11-24\na@x.ru\n\nb@y.ru\n')), { addresses: ['a@x.ru', 'b@y.ru'], encoding: 'utf-8', invalid: [] });
  assert.deepEqual(readAddressList(Buffer.from('a@x.ru,2026-11-01\nb@y.ru,2026-11-02\n')), { addresses: ['a@x.ru', 'b@y.ru'], encoding: 'utf-8', invalid: [] });
  assert.match((readAddressList(Buffer.from('name,city\nАнна,Москва\n')) as { error: string }).error, /no e-mail column/);
});

test('export, import the unsubscribe list, export again: they are left out and each file gains only its two lines', () => {
  const first = cli('2026-11-24', 'export', 'mailing', 'mailing', '--out', '-');
  assert.equal(first.code, 0, first.stderr);
  assert.ok(emails(first.stdout).includes('anna@romashka.ru'));
  const before = { meridian: read('clients/ooo-meridian.md'), anna: read('clients/anna-smirnova.md') };
  writeFileSync(path.join(dir, 'unsub.csv'), 'Email,Unsubscribed at\nkovaleva@meridian.example.ru,2026-11-25\nANNA@romashka.ru,2026-11-25\nstranger@example.com,2026-11-25\n');
  const run = cli('2026-11-25', 'import', 'unsubscribes', path.join(dir, 'unsub.csv'));
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /^unsubscribed 2, already 0, not found 1\n {2}not found: stranger@example\.com\n$/);
  assert.equal(
    read('clients/ooo-meridian.md'),
    before.meridian.replace(
      '    consent: { processing: true, email: true, date: 2026-09-20, source: form }\n',
      '    consent: { processing: true, email: true, date: 2026-09-20, source: form }\n    unsubscribed: true\n    unsubscribed_on: 2026-11-25\n',
    ),
    'the contact person gains two lines; nothing else changes',
  );
  assert.equal(read('clients/anna-smirnova.md'), before.anna.replace('unsubscribed: false\n', 'unsubscribed: true\nunsubscribed_on: 2026-11-25\n'));
  const second = cli('2026-11-25', 'export', 'mailing', 'mailing', '--out', '-');
  assert.deepEqual(
    emails(first.stdout).filter((e) => !emails(second.stdout).includes(e)),
    ['anna@romashka.ru', 'kovaleva@meridian.example.ru'],
  );
  // The segment's own query leaves the unsubscribed client out; the contact person is skipped by the export.
  assert.match(second.stderr, /unsubscribed 1/);
  const again = cli('2026-11-26', 'import', 'unsubscribes', path.join(dir, 'unsub.csv'));
  assert.match(again.stderr, /^unsubscribed 0, already 2, not found 1/);
  assert.equal(read('clients/anna-smirnova.md'), before.anna.replace('unsubscribed: false\n', 'unsubscribed: true\nunsubscribed_on: 2026-11-25\n'), 'a second import touches nothing');
});

test('bounces: email_status and its date; exports skip the address with its own reason; --dry-run writes nothing', () => {
  writeFileSync(path.join(dir, 'bounces.txt'), 'lebedev@meridian.example.ru\n');
  const dry = cli('2026-11-25', 'import', 'bounces', path.join(dir, 'bounces.txt'), '--dry-run');
  assert.match(dry.stderr, /^dry run, nothing written: bounced 1, already 0, not found 0/);
  assert.doesNotMatch(read('clients/ooo-meridian.md'), /email_status/);
  assert.equal(cli('2026-11-25', 'import', 'bounces', path.join(dir, 'bounces.txt')).code, 0);
  assert.match(read('clients/ooo-meridian.md'), /    email: lebedev@meridian\.example\.ru\n(?:.*\n)*?    email_status: bounced\n    email_status_on: 2026-11-25\n {2}- name: Марина/);
  const run = cli('2026-11-25', 'export', 'mailing', 'id:ooo-meridian', '--out', '-');
  assert.deepEqual(emails(run.stdout), ['info@meridian.example.ru', 'kovaleva@meridian.example.ru']);
  assert.match(run.stderr, /bounced 1/);
});

test('a campaign is logged without touching client files; the cap skips recent recipients, exactly at the cap is fine', () => {
  writeFileSync(path.join(ws, '.crm', 'config.yaml'), `${read('.crm/config.yaml')}\nmailing: { min_days_between: 14 }\n`);
  const clients = readdirSync(path.join(ws, 'clients')).map((f) => (f.endsWith('.md') || f.endsWith('.yaml') ? read(`clients/${f}`) : ''));
  const first = cli('2026-11-10', 'export', 'mailing', 'vip', '--campaign', 'Чёрная пятница', '--out', '-');
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /campaign logged in campaigns\/2026\/2026-11-10-chernaia-piatnitsa\.md/);
  const log = read('campaigns/2026/2026-11-10-chernaia-piatnitsa.md');
  const recipients = emails(first.stdout).length;
  assert.match(log, /^---\nname: Чёрная пятница\ndate: 2026-11-10\nchannel: email\nsegment: vip\nquery: tag:vip\nrecipients:\n {2}- alexey-zaitsev\n/);
  assert.equal((log.match(/^ {2}- /gm) ?? []).length, recipients);
  assert.deepEqual(readdirSync(path.join(ws, 'clients')).map((f) => (f.endsWith('.md') || f.endsWith('.yaml') ? read(`clients/${f}`) : '')), clients, 'no client file changed');

  const within = cli('2026-11-23', 'export', 'mailing', 'vip', '--campaign', 'Вторая', '--out', '-');
  assert.deepEqual(emails(within.stdout), []);
  assert.match(within.stderr, new RegExp(`exported 0; skipped ${recipients}: mailed-recently ${recipients}\\n`));
  assert.match(within.stderr, /nobody exported: no campaign logged/);
  const atCap = cli('2026-11-24', 'export', 'mailing', 'vip', '--out', '-');
  assert.equal(emails(atCap.stdout).length, recipients, '14 days after, with a 14-day cap');

  const query = (q: string): string[] => (JSON.parse(cli('2026-11-24', 'query', q, '--format', 'json').stdout) as { id: string }[]).map((r) => r.id);
  assert.equal(query('last_mailed:2026-11-10').length, recipients);
  assert.deepEqual(query('mailings_90d:>=1'), query('last_mailed:today-90d..'));
  assert.deepEqual(query('mailings_90d:1 -tag:vip'), []);
  const report = JSON.parse(cli('2026-11-24', 'report', '--format', 'json').stdout) as { campaigns: unknown };
  assert.deepEqual(report.campaigns, [{ month: '2026-11', campaigns: 1, recipients }]);
});
