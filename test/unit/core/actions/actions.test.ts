// Pipeline actions as edits of the real record text: only the fields they mean to change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { archiveFile, newClientFile, newClientText, slugify } from '../../../../src/core/actions/newClient';
import { logContactOps, lostStageFor, moveToStageOps, nextActionDate, snoozeOps } from '../../../../src/core/actions/recordActions';
import { attentionItems, attentionItemsInSlices } from '../../../../src/core/attention';
import { createComputeContext } from '../../../../src/core/computed';
import { defaultConfig } from '../../../../src/core/config';
import { editRecord, isEditError } from '../../../../src/core/edit/recordEdit';
import { parseRecordText } from '../../../../src/core/parse/recordText';

const TODAY = '2026-11-24';
const TEXT = [
  '---',
  'name: Анна Смирнова   # главный контакт',
  'stage: proposal',
  'tags: [vip]',
  'last_contact: 2026-10-01',
  '---',
  '## Notes',
  'Хотят интернет-магазин.',
  '',
  '## Log',
  '- 2026-10-01 call: отправил КП',
  '',
].join('\n');

function record(text = TEXT, file = 'clients/anna.md') {
  const parsed = parseRecordText(file, text, { kind: 'client', archived: file.includes('/archive/') });
  assert.ok(parsed.record);
  return parsed.record;
}

function apply(ops: Parameters<typeof editRecord>[1], text = TEXT): string {
  const result = editRecord(text, ops, { format: 'md' });
  assert.ok(!isEditError(result), isEditError(result) ? result.error : '');
  return result.text;
}

test('moving a stage sets stage and stage_since and logs the move; the rest is byte-identical', () => {
  const text = apply(moveToStageOps(record(), 'won', defaultConfig(), TODAY));
  assert.equal(
    text,
    TEXT.replace('stage: proposal', 'stage: won').replace('last_contact: 2026-10-01\n', 'last_contact: 2026-10-01\nstage_since: 2026-11-24\n').replace('- 2026-10-01 call: отправил КП\n', '- 2026-10-01 call: отправил КП\n- 2026-11-24 stage: proposal → won\n'),
  );
});

test('moving to lost records the reason; with the log off, no log line', () => {
  const config = defaultConfig();
  config.log.on_stage_change = false;
  const lost = lostStageFor(record(), config);
  assert.equal(lost?.id, 'lost');
  const text = apply(moveToStageOps(record(), 'lost', config, TODAY, 'price'));
  assert.match(text, /^stage: lost$/m);
  assert.match(text, /^stage_since: 2026-11-24$/m);
  assert.match(text, /^lost_reason: price$/m);
  assert.ok(!text.includes('→'));
  assert.deepEqual(moveToStageOps(record(), 'proposal', config, TODAY), [], 'the same stage changes nothing');
});

test('log contact sets last_contact, appends under ## Log and can set the next action', () => {
  const text = apply(logContactOps('meeting', '  обсудили\nсроки ', TODAY, { date: '2026-12-01', what: 'Прислать договор' }));
  assert.match(text, /^last_contact: 2026-11-24$/m);
  assert.match(text, /- 2026-10-01 call: отправил КП\n- 2026-11-24 meeting: обсудили сроки\n$/);
  assert.match(text, /^next_action: \{ date: 2026-12-01, what: Прислать договор \}$/m);
  assert.ok(text.startsWith('---\nname: Анна Смирнова   # главный контакт\n'), 'the comment stays');
});

test('snooze moves the next action (keeping its text) or creates one', () => {
  const withAction = record(TEXT.replace('tags: [vip]', 'tags: [vip]\nnext_action: { date: 2026-11-01, what: Позвонить }'));
  const withText = TEXT.replace('tags: [vip]', 'tags: [vip]\nnext_action: { date: 2026-11-01, what: Позвонить }');
  assert.match(apply(snoozeOps(withAction, 7, TODAY), withText), /next_action: \{ date: 2026-12-01, what: Позвонить \}/);
  assert.match(apply(snoozeOps(record(), 7, TODAY)), /^next_action:\s*\{ date: 2026-12-01, what: Follow up \}$/m);
  assert.equal(nextActionDate(TODAY, { amount: 6, unit: 'm' }), '2027-05-24');
  assert.equal(nextActionDate(TODAY, '2026-13-01'), undefined);
});

test('slugs: transliterated, safe, never empty; files never overwrite', () => {
  assert.equal(slugify('Анна Смирнова'), 'anna-smirnova');
  assert.equal(slugify('Щукин Юрий Ёлкин'), 'shchukin-iurii-elkin');
  assert.equal(slugify('ООО «Ромашка» & Co'), 'ooo-romashka-co');
  assert.equal(slugify('../../etc/passwd'), 'etc-passwd');
  assert.equal(slugify('Élodie'), 'elodie');
  assert.equal(slugify('🙂'), 'client');
  const taken = new Set(['clients/anna-smirnova.md', 'clients/anna-smirnova-2.md']);
  assert.equal(newClientFile('Анна Смирнова', defaultConfig(), (f) => taken.has(f)), 'clients/anna-smirnova-3.md');
  assert.equal(archiveFile('clients/x/anna.md', defaultConfig(), (f) => f === 'clients/archive/anna.md'), 'clients/archive/anna-2.md');
});

test('a new client record parses back with what was asked, hostile text quoted', () => {
  const text = newClientText({ name: 'Анна: «Смирнова»', email: 'a@b.ru', company: '#1 <script>' }, defaultConfig(), TODAY);
  const parsed = record(text, 'clients/new.md');
  assert.equal(parsed.data.name, 'Анна: «Смирнова»');
  assert.equal(parsed.data.company, '#1 <script>');
  assert.equal(parsed.data.stage, 'lead');
  assert.equal(parsed.data.created, TODAY);
});

test('needs attention: overdue actions first, then overdue invoices, stale, birthdays, leads; lost and archived left out', async () => {
  const mk = (file: string, fields: string) => record(`---\nname: ${file}\n${fields}\n---\n`, `clients/${file}.md`);
  const clients = [
    mk('overdue', 'stage: proposal\nlast_contact: 2026-11-20\nnext_action: { date: 2026-11-20, what: x }'),
    mk('very-overdue', 'stage: proposal\nlast_contact: 2026-11-20\nnext_action: { date: 2026-11-01, what: x }'),
    mk('stale', 'stage: qualified\nlast_contact: 2026-09-01'),
    mk('birthday', 'stage: won\nbirthday: 1990-11-27'),
    mk('lead', 'stage: lead\ncreated: 2026-11-20\nlast_contact: 2026-11-20'),
    mk('lost', 'stage: lost\nlast_contact: 2020-01-01\nnext_action: { date: 2026-11-01, what: x }'),
    record('---\nname: archived\nstage: proposal\nlast_contact: 2020-01-01\n---\n', 'clients/archive/archived.md'),
  ];
  const invoice = parseRecordText('invoices/2026/INV-2026-0001.md', '---\nnumber: INV-2026-0001\nclient: birthday\nstatus: sent\ndue: 2026-11-10\n---\n', { kind: 'invoice', archived: false }).record!;
  const ctx = createComputeContext(clients, [invoice], defaultConfig(), TODAY);
  const items = attentionItems(clients, [invoice], ctx).map((i) => `${i.reason}:${i.record.id}:${i.days}`);
  assert.deepEqual(items, [
    'overdue-action:very-overdue:23',
    'overdue-action:overdue:4',
    'overdue-invoice:birthday:14',
    'stale:stale:54',
    'birthday:birthday:3',
    'unqualified:lead:4',
  ]);
  // Worked out between slices (the view's way), the same items in the same order.
  assert.deepStrictEqual(await attentionItemsInSlices(clients, [invoice], ctx, 0), attentionItems(clients, [invoice], ctx));
});
