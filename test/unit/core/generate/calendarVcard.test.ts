// The calendar (.ics) and address book (.vcf) exports, parsed back with ical.js: another
// implementation than the one that wrote them, as a calendar or phone would read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ICAL from 'ical.js';
import { defaultConfig } from '../../../../src/core/config';
import { tasksCalendar, taskUid } from '../../../../src/core/generate/calendarExport';
import { contactsVcf, vcardSummary } from '../../../../src/core/generate/vcardExport';
import type { CrmRecord } from '../../../../src/core/model';
import type { TaskItem } from '../../../../src/core/tasks/tasks';

const task = (over: Partial<TaskItem>): TaskItem => ({ id: 'ooo-meridian', file: 'clients/ooo-meridian.md', line: 12, text: 'Позвонить', done: false, kind: 'task', name: 'ООО «Меридиан»', ...over });

function events(text: string): ICAL.Component[] {
  return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
}

test('open dated tasks become events: all-day on the date, or at HH:MM for 30 minutes, with a reminder; done and undated left out', () => {
  const long = 'Согласовать счёт, акт и договор; обсудить «второй этап» — строка длиннее 75 октетов в UTF-8';
  const result = tasksCalendar(
    [
      task({ due: '2026-12-05', text: long }),
      task({ line: 13, due: '2026-12-06', time: '14:30', text: 'Demo', owner: 'me@example.com' }),
      task({ line: 14, due: '2026-12-01', text: 'Done already', done: true }),
      task({ line: 15, text: 'Someday' }),
      task({ line: 0, due: '2026-12-07', text: 'Send proposal', kind: 'next_action', deal: { index: 1, label: 'SEO' } }),
    ],
    '2026-12-04',
  );
  assert.deepEqual([result.events, result.undated], [3, 1]);
  for (const line of result.text.split('\r\n')) assert.ok(Buffer.byteLength(line) <= 75, `folded at 75 octets: ${line}`);
  const [allDay, timed, next] = events(result.text);
  assert.equal(allDay!.getFirstPropertyValue('summary'), `ООО «Меридиан»: ${long}`);
  const start = allDay!.getFirstPropertyValue('dtstart') as ICAL.Time;
  assert.equal(start.isDate, true);
  assert.equal(start.toString(), '2026-12-05');
  assert.equal(allDay!.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')!.toString(), 'PT9H', '09:00 that day');
  assert.equal(allDay!.getFirstSubcomponent('valarm')!.getFirstProperty('trigger')!.getParameter('related'), 'START');
  const timedStart = timed!.getFirstPropertyValue('dtstart') as ICAL.Time;
  assert.equal(timedStart.toString(), '2026-12-06T14:30:00');
  assert.equal(timedStart.zone?.tzid ?? 'floating', 'floating', 'the time as written, in the phone\'s zone');
  assert.equal((timed!.getFirstPropertyValue('dtend') as ICAL.Time).toString(), '2026-12-06T15:00:00');
  assert.equal(timed!.getFirstSubcomponent('valarm')!.getFirstPropertyValue('trigger')!.toString(), '-PT15M');
  assert.equal(timed!.getFirstPropertyValue('description'), 'clients/ooo-meridian.md:13\n@me@example.com');
  assert.equal(next!.getFirstPropertyValue('summary'), 'ООО «Меридиан» — SEO: next action: Send proposal');
  assert.equal(next!.getFirstPropertyValue('uid'), 'ooo-meridian-next-deal1@plain-crm');
});

test('the UID survives a moved line and a new date, so a re-import updates the event; a reworded task is a new one', () => {
  const before = taskUid(task({ line: 12, due: '2026-12-05' }));
  assert.equal(taskUid(task({ line: 40, due: '2027-01-10' })), before);
  assert.notEqual(taskUid(task({ text: 'Позвонить ещё раз' })), before);
  assert.notEqual(taskUid(task({ id: 'other' })), before);
  // A playbook's key, not the words, names its task.
  assert.equal(taskUid(task({ key: 'playbook:welcome 2026-12-01', text: 'A' })), taskUid(task({ key: 'playbook:welcome 2026-12-01', text: 'B' })));
  const twins = events(tasksCalendar([task({ due: '2026-12-05' }), task({ line: 20, due: '2026-12-09' })], '2026-12-04').text).map((e) => e.getFirstPropertyValue('uid'));
  assert.equal(new Set(twins).size, 2, 'two same-worded tasks are two events');
  // The same tasks give the same file: the stamp is the day, not the second.
  assert.equal(tasksCalendar([task({ due: '2026-12-05' })], '2026-12-04').text, tasksCalendar([task({ due: '2026-12-05' })], '2026-12-04').text);
});

let n = 0;
function client(data: Record<string, unknown>, archived = false): CrmRecord {
  n++;
  return { kind: 'client', id: `c${n}`, file: `clients/c${n}.md`, format: 'md', data, body: '', bodyLine: 0, archived };
}

test('vCard: the main contact and each contact person, ORG the company, UTF-8 names; processing refused, archived and contactless left out', () => {
  const company = client({
    name: 'ООО «Меридиан»',
    company: 'ООО «Меридиан», группа; холдинг',
    email: 'info@meridian.example.ru',
    tags: ['b2b', 'vip'],
    contacts: [
      { name: 'Виктор Лебедев', position: 'Генеральный директор', email: 'lebedev@meridian.example.ru', phone: '8 (495) 123-45-67', birthday: '1975-03-08' },
      { name: 'Анна Бухгалтерова', email: 'anna@meridian.example.ru', consent: { processing: false } },
      { name: 'Без контактов' },
    ],
  });
  const person = client({ name: 'Иванова Ольга Петровна', phone: '+7 916 000-00-01', consent: { processing: true, email: false } });
  const refused = client({ name: 'Пётр', email: 'p@example.ru', consent: { processing: false } });
  const archived = client({ name: 'Old', email: 'old@example.ru' }, true);
  const result = contactsVcf([company, person, refused, archived], defaultConfig(), '2026-12-04');
  assert.equal(result.cards, 3);
  assert.deepEqual(result.skipped, { archived: 1, 'no-consent': 2, 'no-contact': 1 });
  assert.equal(vcardSummary(result), 'exported 3; skipped 4: archived 1, no-consent 2, no-contact 1');
  const parsed = ICAL.parse(result.text) as unknown[];
  const cards = (Array.isArray(parsed[0]) ? parsed : [parsed]).map((c) => new ICAL.Component(c as unknown[]));
  assert.deepEqual(
    cards.map((c) => c.getFirstPropertyValue('fn')),
    ['ООО «Меридиан»', 'Виктор Лебедев', 'Иванова Ольга Петровна'],
  );
  const [main, director, olga] = cards;
  // ORG is structured: an unescaped ";" would have split the company in two units.
  assert.equal(main!.getFirstPropertyValue('org'), 'ООО «Меридиан», группа; холдинг');
  assert.deepEqual(main!.getFirstProperty('categories')!.getValues(), ['b2b', 'vip']);
  assert.equal(director!.getFirstPropertyValue('org'), 'ООО «Меридиан», группа; холдинг');
  assert.equal(director!.getFirstPropertyValue('title'), 'Генеральный директор');
  assert.equal(director!.getFirstPropertyValue('tel'), '+74951234567');
  assert.equal(director!.getFirstPropertyValue('email'), 'lebedev@meridian.example.ru');
  assert.equal(String(director!.getFirstPropertyValue('bday')), '1975-03-08');
  assert.deepEqual(director!.getFirstPropertyValue('n'), ['Лебедев', 'Виктор', '', '', '']);
  assert.equal(director!.getFirstPropertyValue('uid'), `plain-crm:${company.id}#viktor-lebedev`);
  assert.deepEqual(olga!.getFirstPropertyValue('n'), ['Иванова', 'Ольга', '', '', '']);
  assert.equal(olga!.getFirstPropertyValue('uid'), `plain-crm:${person.id}`);
  assert.equal(contactsVcf([company, person], defaultConfig(), '2026-12-04').text, contactsVcf([company, person], defaultConfig(), '2026-12-04').text, 'same input, same bytes');
});
