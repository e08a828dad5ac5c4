// Contact persons of a company client (issue 17): `contacts: [{name, position, email, phone,
// birthday, consent, unsubscribed}]` — found by search, counted for duplicates, greeted on their
// birthday, exported under their own consent, checked by the consent rule.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { load } from 'js-yaml';
import { attentionItems } from '../../../src/core/attention';
import { createComputeContext } from '../../../src/core/computed';
import { resolveConfig } from '../../../src/core/config';
import { contactPersons, personAt, personLabel } from '../../../src/core/contactPersons';
import { mailingExport, phoneExport, summaryLine } from '../../../src/core/generate/contactExport';
import { lintWorkspace } from '../../../src/core/lint';
import { consentRule } from '../../../src/core/lint/consentRule';
import type { CrmRecord, Problem } from '../../../src/core/model';
import { parseRecordText } from '../../../src/core/parse/recordText';
import { timeFirings } from '../../../src/core/playbooks/fire';
import { parsePlaybooks } from '../../../src/core/playbooks/playbook';
import { hitPosition } from '../../../src/core/search/hitLocation';
import { SearchIndex } from '../../../src/core/search/searchIndex';
import { segmentMessages } from '../../../src/core/templates/segmentMessages';
import { parseTemplate } from '../../../src/core/templates/template';
import { WorkspaceStore } from '../../../src/core/store';

const TODAY = '2026-11-24';
const config = resolveConfig({}).config;
const record = (text: string, file = 'clients/romashka.md'): CrmRecord => parseRecordText(file, text, { kind: 'client', archived: file.includes('/archive/') }).record!;

const ROMASHKA = `---
name: Иван Директоров
company: ООО «Ромашка»
email: director@romashka.ru
phone: "+7 912 000-00-01"
consent: { processing: true, email: true, sms: true, date: 2026-01-10, source: contract }
tags: [b2b]
contacts:
  - name: Анна Бухгалтерова
    position: Главный бухгалтер
    email: buh@romashka.ru
    phone: "+7 912 345-67-00"
    birthday: 1985-11-27
    consent: { processing: true, email: true, sms: true, date: 2026-02-01, source: form }
  - name: Пётр Снабженцев
    position: Снабжение
    email: supply@romashka.ru
    consent: { processing: true, email: false }
  - name: Ольга Ушедшая
    email: gone@romashka.ru
    consent: { processing: true, email: true, date: 2026-01-01, source: form }
    unsubscribed: true
  - name: Без Согласия
    email: refused@romashka.ru
    consent: { processing: false, email: true }
  - name: Только Телефон
    phone: "8 (912) 345-67-01"
    consent: { processing: true, sms: true, date: 2026-01-01, source: paper }
---
## Notes
Поставки канцелярии.
`;

test('contactPersons: the entries in file order with their index, trimmed; labels name the company', () => {
  const persons = contactPersons(record(ROMASHKA));
  assert.deepEqual(persons.map((p) => [p.index, p.name, p.position ?? '', p.email ?? '', p.phone ?? '']), [
    [0, 'Анна Бухгалтерова', 'Главный бухгалтер', 'buh@romashka.ru', '+7 912 345-67-00'],
    [1, 'Пётр Снабженцев', 'Снабжение', 'supply@romashka.ru', ''],
    [2, 'Ольга Ушедшая', '', 'gone@romashka.ru', ''],
    [3, 'Без Согласия', '', 'refused@romashka.ru', ''],
    [4, 'Только Телефон', '', '', '8 (912) 345-67-01'],
  ]);
  assert.equal(personLabel(persons[0]!, record(ROMASHKA)), 'Анна Бухгалтерова (ООО «Ромашка»)');
  assert.deepEqual(contactPersons(record('---\nname: A\ncontacts: [oops, null, { name: B }]\n---\n')).map((p) => [p.index, p.name]), [[2, 'B']]);
  assert.deepEqual(contactPersons(record('---\nname: A\ncontacts: oops\n---\n')), []);
});

test('search: a contact person is found by name, position, e-mail and phone, and the hit opens the record at the person', () => {
  const other = record('---\nname: Анна Смирнова\nemail: anna@example.com\n---\n', 'clients/anna.md');
  const index = new SearchIndex([record(ROMASHKA), other]);
  for (const query of ['Бухгалтерова', 'бухгалтер', 'buh@romashka.ru', '9123456700', '+79123456700', 'Снабженцев']) {
    assert.deepEqual(index.search(query, { fuzzy: false }).map((h) => h.file), ['clients/romashka.md'], query);
  }
  const hit = index.search('Бухгалтерова')[0]!;
  assert.equal(hit.field, 'contacts.0');
  assert.match(hit.snippet, /^contacts\.0: Анна Бухгалтерова, Главный бухгалтер, buh@romashka\.ru/);
  assert.deepEqual(hitPosition(ROMASHKA, 'clients/romashka.md', hit), { line: 9, column: 5 });
  // The rest of a person's entry stays searchable, as before (`other`).
  assert.equal(index.search('1985-11-27', { fuzzy: false })[0]?.file, 'clients/romashka.md');
  // The main name still ranks first for a word in both.
  assert.equal(index.search('Анна')[0]?.file, 'clients/anna.md');
});

test('search: the cache of an older format is rebuilt (the indexed text changed)', () => {
  const json = JSON.stringify(new SearchIndex([record(ROMASHKA)]));
  assert.ok(SearchIndex.fromJSON(json));
  assert.equal(SearchIndex.fromJSON(json.replace(/"version":\d+/, '"version":1')), undefined);
});

describeLint();

function describeLint(): void {
  let dir = '';
  let problems: Problem[] = [];
  const FILES: Record<string, string> = {
    'clients/romashka.md': ROMASHKA,
    // Anna is also a client of her own, with the same address in other letters.
    'clients/anna-private.md': '---\nname: Анна Бухгалтерова\nemail: " BUH@romashka.ru "\nconsent: { processing: true, date: 2026-01-01, source: form }\n---\n',
    // Two companies share the supplier's manager: a person–person duplicate by phone.
    'clients/lyutik.md': '---\nname: Лютик\ncompany: ООО «Лютик»\nconsent: { processing: true, date: 2026-01-01, source: form }\ncontacts:\n  - name: Мария\n    phone: "8 912 345 67 01"\n    consent: { processing: true, date: 2026-01-01, source: form }\n---\n',
    // The same address twice in one record is not a duplicate of another record.
    'clients/self.md': '---\nname: Сам\nemail: self@example.com\nconsent: { processing: true, date: 2026-01-01, source: form }\ncontacts:\n  - { name: Сам же, email: SELF@example.com, consent: { processing: true, date: 2026-01-01, source: form } }\n  - { name: И снова, email: self@example.com, consent: { processing: true, date: 2026-01-01, source: form } }\n---\n',
    // Main–main duplicates keep their message and data.
    'clients/main-a.md': '---\nname: Main A\nemail: main@example.com\nconsent: { processing: true, date: 2026-01-01, source: form }\n---\n',
    'clients/main-b.md': '---\nname: Main B\nemail: main@example.com\nconsent: { processing: true, date: 2026-01-01, source: form }\n---\n',
  };
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'plain-crm-contacts-'));
    await mkdir(path.join(dir, 'clients'), { recursive: true });
    for (const [file, text] of Object.entries(FILES)) await writeFile(path.join(dir, file), text);
    const store = new WorkspaceStore(dir);
    await store.load();
    problems = await lintWorkspace(store, { today: TODAY });
  });
  after(() => rm(dir, { recursive: true, force: true }));
  const dups = (file: string): Problem[] => problems.filter((p) => p.code === 'duplicate' && p.file === file);
  const at = (p: { line: number; column: number }): string => `${p.line}:${p.column}`;

  test('duplicate: a contact person’s e-mail equal to another record’s main e-mail warns both, each naming the other, on the person’s key', () => {
    const mine = dups('clients/romashka.md').find((p) => p.data?.['value'] === 'buh@romashka.ru')!;
    assert.equal(mine.message, 'contact person Анна Бухгалтерова: same e-mail (buh@romashka.ru) as clients/anna-private.md (Анна Бухгалтерова)');
    assert.equal(at(mine.range.start), '11:5', 'contacts[0].email');
    assert.deepEqual(mine.related?.map((r) => `${r.file}:${r.line}:${r.column}`), ['clients/anna-private.md:3:1']);
    assert.deepEqual(mine.data, { field: 'email', value: 'buh@romashka.ru', others: ['clients/anna-private.md'], contact: 0, contacts: true });
    const theirs = dups('clients/anna-private.md');
    assert.equal(theirs.length, 1);
    assert.equal(theirs[0]!.message, 'same e-mail (buh@romashka.ru) as clients/romashka.md (Анна Бухгалтерова, contact person of Иван Директоров)');
    assert.equal(at(theirs[0]!.range.start), '3:1');
    assert.deepEqual(theirs[0]!.related?.map((r) => `${r.file}:${r.line}:${r.column}`), ['clients/romashka.md:11:5']);
    assert.equal(theirs[0]!.related?.[0]?.message, 'Анна Бухгалтерова, contact person of Иван Директоров has the same e-mail');
  });

  test('duplicate: two records’ contact persons with one phone (two spellings) warn both persons', () => {
    const mine = dups('clients/romashka.md').find((p) => p.data?.['field'] === 'phone')!;
    assert.equal(mine.message, 'contact person Только Телефон: same phone (+79123456701) as clients/lyutik.md (Мария, contact person of Лютик)');
    const theirs = dups('clients/lyutik.md');
    assert.equal(theirs.length, 1);
    assert.equal(theirs[0]!.message, 'contact person Мария: same phone (+79123456701) as clients/romashka.md (Только Телефон, contact person of Иван Директоров)');
    assert.equal(at(theirs[0]!.range.start), '7:5');
  });

  test('duplicate: the same address within one record is not a duplicate; main–main duplicates are unchanged', () => {
    assert.deepEqual(dups('clients/self.md'), []);
    const a = dups('clients/main-a.md');
    assert.deepEqual(a.map((p) => [p.message, p.data]), [['same e-mail (main@example.com) as clients/main-b.md (Main B)', { field: 'email', value: 'main@example.com', others: ['clients/main-b.md'] }]]);
    assert.equal(dups('clients/romashka.md').length, 2, 'Анна by e-mail, Только Телефон by phone; no one else');
  });

  test('consent rule: each contact person with an e-mail or phone, on their own keys; personAt finds the person back', () => {
    const consent = problems.filter((p) => p.file === 'clients/romashka.md' && (p.code === 'no-consent' || p.code === 'consent-incomplete'));
    assert.deepEqual(
      consent.map((p) => `${p.code} ${at(p.range.start)} ${p.message}`),
      [
        'consent-incomplete 18:5 contact person Пётр Снабженцев: consent without its date and source: record when and how it was given',
        // As for the main contact: an e-mail consent next to a refused processing still wants its proof.
        'consent-incomplete 25:5 contact person Без Согласия: consent without its date and source: record when and how it was given',
      ],
    );
    const rec = record(ROMASHKA);
    assert.equal(personAt(ROMASHKA, rec, 18, 5, ['consent', 'email', 'phone'])?.name, 'Пётр Снабженцев');
    assert.equal(personAt(ROMASHKA, rec, 5, 1, ['consent', 'email', 'phone']), undefined, 'the main consent is nobody’s');
  });
}

test('consent rule on contact persons: no-consent on the person’s e-mail or consent, incomplete consent, nothing without an address', () => {
  const ctx = { store: undefined as unknown as WorkspaceStore, config, today: TODAY };
  const check = (contacts: string): string[] =>
    consentRule
      .checkRecord!(record(`---\nname: A\nconsent: { processing: false }\ncontacts:\n${contacts}\n---\n`), ctx)
      .map((f) => `${f.code} ${'path' in f ? f.path.join('.') : ''}: ${f.message}`);
  assert.deepEqual(check('  - { name: B, email: b@x.ru }'), ['no-consent contacts.0.email: contact person B: personal data (email) without a recorded consent to processing: add consent.processing']);
  assert.deepEqual(check('  - { name: B, phone: "+7 912 000-00-00", consent: { sms: true } }'), ['no-consent contacts.0.consent: contact person B: personal data (phone) without a recorded consent to processing: add consent.processing']);
  assert.deepEqual(check('  - { name: B, email: b@x.ru, consent: { processing: true, source: form } }'), ['consent-incomplete contacts.0.consent: contact person B: consent without its date: record when it was given']);
  assert.deepEqual(check('  - { name: B, position: Директор }\n  - { name: C, email: c@x.ru, consent: { processing: false } }'), []);
});

test('attention: a contact person’s birthday in the next 7 days, named with the company', () => {
  const rec = record(ROMASHKA);
  const items = attentionItems([rec], [], createComputeContext([rec], [], config, TODAY)).filter((i) => i.reason === 'birthday');
  assert.deepEqual(
    items.map((i) => [i.person ? personLabel(i.person, i.record) : i.record.id, i.days]),
    [['Анна Бухгалтерова (ООО «Ромашка»)', 3]],
  );
  const later = attentionItems([rec], [], createComputeContext([rec], [], config, '2026-11-01')).filter((i) => i.reason === 'birthday');
  assert.deepEqual(later, []);
});

test('mailing export: the main contact and each consenting contact person, with the client’s company and tags; the others skipped by reason', () => {
  const rec = record(ROMASHKA);
  const result = mailingExport([rec], config);
  assert.deepEqual(result.rows, [
    ['director@romashka.ru', 'Иван', 'Директоров', 'ООО «Ромашка»', ['b2b']],
    ['buh@romashka.ru', 'Анна', 'Бухгалтерова', 'ООО «Ромашка»', ['b2b']],
  ]);
  // Пётр: no e-mail consent; Ольга: unsubscribed; Без Согласия: processing false. Только Телефон has no e-mail: nobody to skip.
  assert.deepEqual(result.summary.skipped, { archived: 0, 'no-consent': 2, unsubscribed: 1, 'invalid-email': 0, 'invalid-phone': 0, duplicate: 0, bounced: 0, 'mailed-recently': 0 });
  assert.equal(summaryLine(result.summary), 'exported 2; skipped 3: no-consent 2, unsubscribed 1');
});

test('mailing export: one address twice (a person and another client, or main and person) is one row', () => {
  const rec = record(ROMASHKA);
  const anna = record('---\nname: Анна Бухгалтерова\nemail: BUH@romashka.ru\nlast_contact: 2026-11-20\nconsent: { processing: true, email: true }\n---\n', 'clients/anna.md');
  const result = mailingExport([rec, anna], config);
  assert.deepEqual(result.rows.map((r) => r[0]), ['director@romashka.ru', 'buh@romashka.ru']);
  assert.deepEqual(result.summary.merged, [{ address: 'buh@romashka.ru', kept: 'clients/anna.md', dropped: ['clients/romashka.md#contacts[0]'] }]);
  assert.equal(result.summary.skipped.duplicate, 1);
  const self = record('---\nname: Сам\nemail: self@x.ru\nconsent: { processing: true, email: true }\ncontacts:\n  - { name: Сам же, email: self@x.ru, consent: { processing: true, email: true } }\n---\n', 'clients/self.md');
  const selfRows = mailingExport([self], config);
  assert.deepEqual(selfRows.rows.map((r) => [r[0], r[1]]), [['self@x.ru', 'Сам']], 'the main contact speaks for its own address');
  // An archived client's persons are archived too.
  const archived = record(ROMASHKA, 'clients/archive/romashka.md');
  assert.equal(mailingExport([archived], config).summary.skipped.archived, 5);
});

test('SMS export: each contact person with SMS consent under their own phone; the others skipped by reason', () => {
  const rec = record(ROMASHKA);
  const result = phoneExport([rec], config, ['phone', 'name', 'company', 'position']);
  assert.deepEqual(result.rows, [
    ['+79120000001', 'Иван Директоров', 'ООО «Ромашка»', undefined],
    ['+79123456700', 'Анна Бухгалтерова', 'ООО «Ромашка»', 'Главный бухгалтер'],
    ['+79123456701', 'Только Телефон', 'ООО «Ромашка»', undefined],
  ]);
  // Пётр, Ольга and Без Согласия have no phone: not SMS recipients at all.
  assert.deepEqual(result.summary.skipped, { archived: 0, 'no-consent': 0, unsubscribed: 0, 'invalid-email': 0, 'invalid-phone': 0, duplicate: 0, bounced: 0, 'mailed-recently': 0 });
  const refusing = record('---\nname: X\ncontacts:\n  - { name: A, phone: "+7 912 111-11-11", consent: { processing: true, sms: false } }\n  - { name: B, phone: "+7 912 111-11-12", consent: { processing: true, sms: true }, unsubscribed: true }\n  - { name: C, phone: "12", consent: { processing: true, sms: true } }\n---\n', 'clients/x.md');
  assert.deepEqual(phoneExport([refusing], config).summary.skipped, { archived: 0, 'no-consent': 2, unsubscribed: 1, 'invalid-email': 0, 'invalid-phone': 1, duplicate: 0, bounced: 0, 'mailed-recently': 0 });
});

test('playbooks: a contact person’s birthday creates the greeting task naming the person, once', () => {
  const parsed = parsePlaybooks(load('bday: { when: { birthday: { days_before: 3 } }, do: [ { task: { what: Поздравить } } ] }'));
  assert.deepEqual(parsed.issues, []);
  const rec = record(ROMASHKA);
  const firings = timeFirings(parsed.playbooks, [rec], createComputeContext([rec], [], config, TODAY)).flatMap((d) => d.firings);
  assert.deepEqual(firings.map((f) => [f.anchor, f.person, f.tasks]), [['2026-11-27', 'Анна Бухгалтерова', 1]]);
  const text = JSON.stringify(firings[0]!.ops);
  assert.match(text, /Поздравить — Анна Бухгалтерова <!-- playbook:bday 2026-11-27 Анна Бухгалтерова -->/);
  const done = record(`${ROMASHKA}- [ ] 2026-11-24 Поздравить — Анна Бухгалтерова <!-- playbook:bday 2026-11-27 Анна Бухгалтерова -->\n`);
  assert.deepEqual(timeFirings(parsed.playbooks, [done], createComputeContext([done], [], config, TODAY)), []);
});

test('segment messages: a contact person’s row greets the person, with the client’s company', () => {
  const { template } = parseTemplate('.crm/templates/hello.md', '---\nkind: message\nchannel: email\nlang: ru\n---\nЗдравствуйте, {{client.name}} ({{client.company}})!\n');
  assert.ok(template);
  const rec = record(ROMASHKA);
  const result = segmentMessages(template, [rec], config, TODAY, (id) => (id === rec.id ? rec : undefined));
  assert.deepEqual(
    result.rows.map((r) => [r[0], r[1], r[3]]),
    [
      ['director@romashka.ru', 'Иван Директоров', 'Здравствуйте, Иван Директоров (ООО «Ромашка»)!'],
      ['buh@romashka.ru', 'Анна Бухгалтерова', 'Здравствуйте, Анна Бухгалтерова (ООО «Ромашка»)!'],
    ],
  );
});
