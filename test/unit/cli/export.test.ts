// `plain-crm export mailing|phones` end to end on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import ICAL from 'ical.js';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

test('export mailing <segment> writes exports/mailing-<segment>-<today>.csv with a summary on stderr', () => {
  const run = cli('export', 'mailing', 'mailing', '--bom');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'exports/mailing-mailing-2026-11-24.csv\n');
  assert.match(run.stderr, /^exported \d+; skipped \d+: .*duplicate 1/);
  assert.match(run.stderr, /duplicate olga\.ivanova@mail\.ru: kept clients\/olga-ivanova-2\.md/);
  const csv = readFileSync(path.join(ws, 'exports', 'mailing-mailing-2026-11-24.csv'), 'utf8');
  assert.ok(csv.startsWith('\uFEFFemail,first_name,last_name,company,tags\r\n'));
  assert.equal(csv.match(/olga\.ivanova@mail\.ru/gi)?.length, 1, 'once each');
});

test('an existing file is kept unless --force; "-" writes to standard output', () => {
  const again = cli('export', 'mailing', 'mailing');
  assert.equal(again.code, 2);
  assert.match(again.stderr, /exists; use --force/);
  assert.equal(cli('export', 'mailing', 'mailing', '--force').code, 0);
  const phones = cli('export', 'phones', 'stage:won', '--out', '-', '--columns', 'phone,name');
  assert.equal(phones.code, 0);
  assert.match(phones.stdout, /^phone,name\r\n\+7\d{10},/);
  assert.match(phones.stderr, /no-consent \d+/);
});

test('a bad query is exit 2 with its column', () => {
  const run = cli('export', 'mailing', 'value:>=abc');
  assert.equal(run.code, 2);
  assert.match(run.stderr, /column 9: expected a number/);
});

test('export vcf <query>: a vCard per consenting person with the company as ORG, readable back; the file kept unless --force', () => {
  const run = cli('export', 'vcf', 'company:"ООО «Меридиан»"');
  assert.equal(run.code, 0, run.stderr);
  assert.equal(run.stdout, 'exports/contacts-query-2026-11-24.vcf\n');
  assert.match(run.stderr, /^exported \d+; skipped \d+/);
  const text = readFileSync(path.join(ws, 'exports', 'contacts-query-2026-11-24.vcf'), 'utf8');
  const parsed = ICAL.parse(text) as unknown[];
  const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]).map((card) => new ICAL.Component(card as unknown[]));
  assert.ok(cards.length >= 3, `the client and its contact persons: ${cards.length}`);
  assert.ok(cards.some((card) => card.getFirstPropertyValue('fn') === 'Виктор Лебедев'));
  for (const card of cards) assert.equal(card.getFirstPropertyValue('org'), 'ООО «Меридиан»');
  assert.equal(cli('export', 'vcf', 'company:"ООО «Меридиан»"').code, 2);
  const segment = cli('export', 'vcf', 'vip', '--out', '-');
  assert.equal(segment.code, 0, segment.stderr);
  assert.match(segment.stdout, /^BEGIN:VCARD\r\nVERSION:3\.0\r\n/);
});
