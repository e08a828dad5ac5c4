import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { defaultConfig } from '../../../../src/core/config';
import { toCsv } from '../../../../src/core/csv';
import { mailingExport, phoneExport, splitName, summaryLine } from '../../../../src/core/generate/contactExport';
import type { CrmRecord } from '../../../../src/core/model';

let n = 0;
function client(data: Record<string, unknown>, archived = false): CrmRecord {
  n++;
  return { kind: 'client', id: `c${n}`, file: `clients/c${n}.md`, format: 'md', data, body: '', bodyLine: 0, archived };
}
const yes = { processing: true, email: true, sms: true };

test('consent, unsubscribe, archive and validity decide who is exported, and the summary says why', () => {
  const records = [
    client({ name: 'Анна Смирнова', email: 'Anna@Romashka.ru', consent: yes }),
    client({ name: 'No Consent', email: 'a@b.ru', consent: { processing: true, email: false } }),
    client({ name: 'Refused Processing', email: 'c@b.ru', consent: { processing: false, email: true } }),
    client({ name: 'Gone', email: 'd@b.ru', consent: yes, unsubscribed: true }),
    client({ name: 'Bad', email: 'bad@@x', consent: yes }),
    client({ name: 'Old', email: 'e@b.ru', consent: yes }, true),
    client({ name: 'No consent block', email: 'f@b.ru' }),
  ];
  const result = mailingExport(records, defaultConfig());
  assert.deepEqual(result.rows.map((r) => r[0]), ['anna@romashka.ru']);
  assert.deepEqual(result.summary.skipped, { archived: 1, 'no-consent': 3, unsubscribed: 1, 'invalid-email': 1, 'invalid-phone': 0, duplicate: 0, bounced: 0, 'mailed-recently': 0 });
  assert.equal(summaryLine(result.summary), 'exported 1; skipped 6: archived 1, no-consent 3, unsubscribed 1, invalid-email 1');
});

test('duplicates by address (case-insensitive) keep the most recently contacted record', () => {
  const older = client({ name: 'Ольга Иванова', email: 'olga@mail.ru', last_contact: '2026-11-01', consent: yes, company: 'Old' });
  const newer = client({ name: 'Ольга Иванова', email: ' OLGA@mail.ru ', last_contact: '2026-11-20', consent: yes, company: 'New' });
  const result = mailingExport([older, newer], defaultConfig());
  assert.deepEqual(result.rows, [['olga@mail.ru', 'Ольга', 'Иванова', 'New', undefined]]);
  assert.deepEqual(result.summary.merged, [{ address: 'olga@mail.ru', kept: newer.file, dropped: [older.file] }]);
  assert.equal(result.summary.skipped.duplicate, 1);
});

test('names split sensibly: Фамилия Имя Отчество, first-name-first, explicit fields win', () => {
  assert.deepEqual(splitName(client({ name: 'Васильева Ирина Олеговна' })), { first: 'Ирина', last: 'Васильева' });
  assert.deepEqual(splitName(client({ name: 'Mark Thompson' })), { first: 'Mark', last: 'Thompson' });
  assert.deepEqual(splitName(client({ name: 'ООО «Вектор»', company: 'ООО «Вектор»' })), { first: '', last: '' }, 'a company record has no person to split');
  assert.deepEqual(splitName(client({ name: 'Jean Claude Van Damme' })), { first: 'Jean', last: 'Claude Van Damme' });
  assert.deepEqual(splitName(client({ name: 'X', first_name: 'Ян', last_name: 'Ли' })), { first: 'Ян', last: 'Ли' });
});

test('hostile cells are neutralized, quoting survives a CSV parser round trip, E.164 phones stay usable', () => {
  const records = [
    client({ name: '=HYPERLINK("http://evil","x") Smith', email: 'h@b.ru', company: '+SUM(A1)', tags: ['@cmd', 'a,b', 'q"uote', 'new\nline'], consent: yes, phone: '8 (912) 345-67-89' }),
  ];
  const mail = mailingExport(records, defaultConfig());
  const csv = toCsv(mail.header, mail.rows, { bom: true });
  assert.ok(csv.startsWith('\uFEFFemail,first_name,last_name,company,tags\r\n'));
  const parsed = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
  assert.equal(parsed[0]!['first_name'], `'=HYPERLINK("http://evil","x")`);
  assert.equal(parsed[0]!['company'], "'+SUM(A1)");
  assert.equal(parsed[0]!['tags'], `'@cmd; a,b; q"uote; new\nline`);
  const phones = phoneExport(records, defaultConfig());
  for (const raw of ['8 (912) 345-67-89', '+7 912 345 67 89', '89123456789']) {
    assert.equal(phoneExport([client({ name: 'P', phone: raw, consent: yes })], defaultConfig()).rows[0]?.[0], '+79123456789', raw);
  }
  assert.equal(toCsv(phones.header, phones.rows).split('\r\n')[1], `+79123456789,"'=HYPERLINK(""http://evil"",""x"")",Smith`);
});
