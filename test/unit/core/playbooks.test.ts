// Playbooks: the rules file, every trigger and action, and time rules firing once per anchor date.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { createComputeContext } from '../../../src/core/computed';
import { resolveConfig } from '../../../src/core/config';
import { editRecord } from '../../../src/core/edit/recordEdit';
import { lintWorkspace } from '../../../src/core/lint';
import type { CrmRecord } from '../../../src/core/model';
import { parseRecordText } from '../../../src/core/parse/recordText';
import { eventFirings, invoicePaidFirings, purchaseFirings, timeFirings, type Firing } from '../../../src/core/playbooks/fire';
import { messageOfTask } from '../../../src/core/playbooks/messageTask';
import { parsePlaybooks, type Playbook } from '../../../src/core/playbooks/playbook';
import { WorkspaceStore } from '../../../src/core/store';
import { REPO_ROOT, SAMPLE_WORKSPACE } from '../paths';

const TODAY = '2026-11-24';
const config = resolveConfig({ stages: ['lead', 'qualified', 'proposal', { id: 'won', outcome: 'won', closed: true }, { id: 'lost', outcome: 'lost', closed: true }] }).config;
const record = (text: string, file = 'clients/probe.md'): CrmRecord => parseRecordText(file, text, { kind: 'client', archived: file.includes('/archive/') }).record!;
const ctxFor = (records: CrmRecord[], today = TODAY) => createComputeContext(records, [], config, today);
const rules = (yaml: string): Playbook[] => {
  const parsed = parsePlaybooks(load(yaml));
  assert.deepEqual(parsed.issues, []);
  return parsed.playbooks;
};
const apply = (text: string, firings: Firing[]): string => {
  const result = editRecord(text, firings.flatMap((f) => f.ops), { format: 'md' });
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  return result.text;
};

const PROBE = '---\nname: Проба   # comment stays\nstage: lead\nowner: ivan@example.com\ntags: [b2b]\n---\n## Notes\nText.\n\n## Log\n- 2026-11-20 call: hi\n';

test('the sample playbooks parse without issues and validate against schemas/playbooks.schema.json', () => {
  const data = load(readFileSync(path.join(SAMPLE_WORKSPACE, '.crm', 'playbooks.yaml'), 'utf8'));
  const { playbooks, issues } = parsePlaybooks(data);
  assert.deepEqual(issues, []);
  assert.deepEqual(playbooks.map((p) => [p.id, p.when.kind]), [
    ['new-lead', 'created'],
    ['proposal-sent', 'stage'],
    ['won-deal', 'won'],
    ['lost-deal', 'lost'],
    ['repeat-sale', 'days_after'],
    ['birthday', 'birthday'],
    ['invoice-paid', 'invoice_paid'],
    ['second-order', 'orders'],
    ['contract-renewal', 'days_before'],
  ]);
  const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schemas', 'playbooks.schema.json'), 'utf8')) as object;
  const validate = new Ajv({ allErrors: true }).compile(schema);
  assert.ok(validate(data), JSON.stringify(validate.errors));
  assert.equal(validate({ x: { when: 'sometimes', do: [] } }), false);
});

test('mistakes are issues at their path, and the broken rule is left out', () => {
  const { playbooks, issues } = parsePlaybooks(
    load(`
ok: { when: won, do: [ { task: { in: 2w, what: Review } } ] }
bad-when: { when: sometimes, do: [ { task: { what: x } } ] }
bad-in: { when: created, do: [ { task: { in: soon, what: x } } ] }
no-what: { when: created, do: [ { next_action: { in: 1d } } ] }
bad-if: { when: created, if: "value:>=abc", do: [ { tag: { add: x } } ] }
no-do: { when: lost, do: [] }
bad-owner: { when: created, do: [ { task: { what: x, owner: "two words" } } ] }
bad-action: { when: created, do: [ { call: { who: me } } ] }
bad-days: { when: { days_after: { field: created, days: -1 } }, do: [ { tag: { add: x } } ] }
`),
  );
  assert.deepEqual(playbooks.map((p) => p.id), ['ok']);
  assert.deepEqual(
    issues.map((i) => i.path.join('.')),
    ['bad-when.when', 'bad-in.do.0.task.in', 'no-what.do.0.next_action.what', 'bad-if.if', 'no-do.do', 'bad-owner.do.0.task.owner', 'bad-action.do.0', 'bad-days.when.days_after.days'],
  );
  assert.match(issues.find((i) => i.path[0] === 'bad-if')!.message, /column 9: expected a number/);
});

test('created: a new lead gets its task for tomorrow, owned by the client\'s owner; other stages do not', () => {
  const playbooks = rules('new-lead: { when: created, if: "stage:lead", do: [ { task: { in: 1d, what: Позвонить, owner: $owner } } ] }');
  const lead = record(PROBE);
  const firings = eventFirings(playbooks, { kind: 'created' }, lead, ctxFor([lead]));
  assert.deepEqual(firings.map((f) => [f.playbook.id, f.tasks]), [['new-lead', 1]]);
  assert.equal(apply(PROBE, firings), PROBE.replace('Text.\n\n', 'Text.\n\n- [ ] 2026-11-25 Позвонить @ivan@example.com <!-- playbook:new-lead 2026-11-24 -->\n\n'));
  const won = record(PROBE.replace('stage: lead', 'stage: won'));
  assert.deepEqual(eventFirings(playbooks, { kind: 'created' }, won, ctxFor([won])), []);
  assert.deepEqual(eventFirings(playbooks, { kind: 'stage', stage: 'lead' }, lead, ctxFor([lead])), []);
});

test('stage, won and lost: entering the stage fires; won adds two tasks and a tag in one edit', () => {
  const playbooks = rules(`
proposal: { when: { stage: Proposal }, do: [ { next_action: { in: 3d, what: Узнать решение } } ] }
won: { when: won, do: [ { task: { in: 2w, what: Отзыв } }, { task: { in: 6m, what: Повторная продажа } }, { tag: { add: client } }, { tag: { remove: B2B } } ] }
lost: { when: lost, if: "-lost_reason:spam", do: [ { task: { in: 3m, what: Вернуться } } ] }
`);
  const proposal = record(PROBE.replace('stage: lead', 'stage: proposal'));
  const p = eventFirings(playbooks, { kind: 'stage', stage: 'proposal' }, proposal, ctxFor([proposal]));
  assert.deepEqual(p.map((f) => [f.playbook.id, f.nextActions]), [['proposal', 1]]);
  assert.match(apply(PROBE, p), /^next_action: \{ date: 2026-11-27, what: Узнать решение \}$/m);

  const won = record(PROBE.replace('stage: lead', 'stage: won'));
  const w = eventFirings(playbooks, { kind: 'stage', stage: 'won' }, won, ctxFor([won]));
  assert.deepEqual(w.map((f) => [f.playbook.id, f.tasks, f.tags]), [['won', 2, 2]]);
  const text = apply(PROBE, w);
  assert.match(text, /^tags: \[client\]$/m);
  assert.match(text, /- \[ \] 2026-12-08 Отзыв <!-- playbook:won 2026-11-24 -->\n- \[ \] 2027-05-24 Повторная продажа <!-- playbook:won 2026-11-24 -->\n\n## Log/);
  assert.match(text, /^name: Проба {3}# comment stays$/m);

  const spam = record(PROBE.replace('stage: lead', 'stage: lost\nlost_reason: spam'));
  assert.deepEqual(eventFirings(playbooks, { kind: 'stage', stage: 'lost' }, spam, ctxFor([spam])), []);
  const price = record(PROBE.replace('stage: lead', 'stage: lost\nlost_reason: price'));
  assert.deepEqual(eventFirings(playbooks, { kind: 'stage', stage: 'lost' }, price, ctxFor([price])).map((f) => f.playbook.id), ['lost']);
});

test('days_after: fires once N days have passed (caught up later), once per anchor date; a new anchor fires again', () => {
  const playbooks = rules('repeat: { when: { days_after: { field: last_purchase, days: 180 } }, do: [ { task: { in: 0d, what: Повторная продажа } } ] }');
  const bought = (date: string, notes = ''): CrmRecord => record(`---\nname: A\nstage: won\npurchases:\n  - { date: ${date}, amount: 1000 }\n---\n${notes}`);
  const fire = (r: CrmRecord, today: string) => timeFirings(playbooks, [r], ctxFor([r], today)).flatMap((d) => d.firings);
  assert.deepEqual(fire(bought('2026-05-29'), TODAY), [], 'day 179');
  assert.deepEqual(fire(bought('2026-05-28'), TODAY).map((f) => f.anchor), ['2026-05-28'], 'day 180');
  assert.deepEqual(fire(bought('2026-01-01'), TODAY).map((f) => f.anchor), ['2026-01-01'], 'a missed day is caught up');
  assert.deepEqual(fire(bought('2026-01-01', '- [x] Повторная продажа ✓ 2026-11-20 <!-- playbook:repeat 2026-01-01 -->\n'), TODAY), [], 'done once for that anchor');
  assert.deepEqual(fire(bought('2026-05-28', '- [ ] old <!-- playbook:repeat 2026-01-01 -->\n'), TODAY).map((f) => f.anchor), ['2026-05-28'], 'a new purchase is a new anchor');
  const archived = record('---\nname: A\nlast_contact: 2025-01-01\n---\n', 'clients/archive/a.md');
  assert.deepEqual(timeFirings(rules('x: { when: { days_after: { field: last_contact, days: 1 } }, do: [ { tag: { add: x } } ] }'), [archived], ctxFor([archived])), []);
});

test('a time rule without tasks marks its run in the log, so the next run skips it', () => {
  const playbooks = rules('sleepy: { when: { days_after: { field: last_contact, days: 30 } }, do: [ { tag: { add: sleepy } } ] }');
  const text = '---\nname: A\nlast_contact: 2026-10-01\n---\n## Log\n- 2026-10-01 call: hi\n';
  const first = record(text);
  const firings = timeFirings(playbooks, [first], ctxFor([first])).flatMap((d) => d.firings);
  const after = apply(text, firings);
  assert.equal(after, '---\nname: A\nlast_contact: 2026-10-01\ntags: [sleepy]\n---\n## Log\n- 2026-10-01 call: hi\n- 2026-11-24 playbook: sleepy <!-- playbook:sleepy 2026-10-01 -->\n');
  const second = record(after);
  assert.deepEqual(timeFirings(playbooks, [second], ctxFor([second])), []);
});

test('birthday: from N days before to the day, keyed by that year\'s birthday', () => {
  const playbooks = rules('bday: { when: { birthday: { days_before: 3 } }, do: [ { task: { what: Поздравить } } ] }');
  const born = record('---\nname: B\nbirthday: 1990-11-27\n---\n');
  const on = (today: string) => timeFirings(playbooks, [born], ctxFor([born], today)).flatMap((d) => d.firings.map((f) => f.anchor));
  assert.deepEqual(on('2026-11-23'), []);
  assert.deepEqual(on('2026-11-24'), ['2026-11-27']);
  assert.deepEqual(on('2026-11-27'), ['2026-11-27']);
  assert.deepEqual(on('2026-11-28'), []);
  assert.deepEqual(on('2027-11-25'), ['2027-11-27']);
});

test('the store loads .crm/playbooks.yaml; its mistakes are problems on their lines', async () => {
  const store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
  assert.equal(store.playbooks.length, 9);
  assert.equal(store.kindOf('.crm/playbooks.yaml'), 'playbooks');
  await store.updateFile('.crm/playbooks.yaml', 'ok:\n  when: won\n  do:\n    - task: { what: Review }\nbad:\n  when: sometimes\n  do: [ { tag: { add: x } } ]\n');
  assert.deepEqual(store.playbooks.map((p) => p.id), ['ok']);
  const problems = store.problems().filter((p) => p.file === '.crm/playbooks.yaml');
  assert.deepEqual(problems.map((p) => [p.range.start.line, p.code, p.severity]), [[6, 'schema', 'error']]);
});

const invoice = (data: Record<string, unknown>): CrmRecord => ({ kind: 'invoice', id: String(data.number), file: `invoices/2026/${String(data.number)}.md`, format: 'md', data: { client: 'probe', ...data }, body: '', bodyLine: 0, archived: false });

test('invoice_paid: a message task naming the template and the invoice; not again for an invoice paid already', () => {
  const playbooks = rules('thanks: { when: invoice_paid, do: [ { message: { template: thank-you, what: Поблагодарить за оплату, owner: $owner } } ] }');
  const client = record(PROBE);
  const sent = invoice({ number: 'INV-2026-0007', status: 'sent', total: 1000 });
  const firings = invoicePaidFirings(playbooks, sent, client, createComputeContext([client], [sent], config, TODAY));
  assert.deepEqual(firings.map((f) => [f.playbook.id, f.tasks]), [['thanks', 1]]);
  const text = apply(PROBE, firings);
  assert.equal(text, PROBE.replace('Text.\n\n', 'Text.\n\n- [ ] 2026-11-24 Поблагодарить за оплату ✉ thank-you (INV-2026-0007) @ivan@example.com <!-- playbook:thanks 2026-11-24 -->\n\n'));
  assert.deepEqual(messageOfTask('Поблагодарить за оплату ✉ thank-you (INV-2026-0007)'), { template: 'thank-you', invoice: 'INV-2026-0007' });
  assert.deepEqual(messageOfTask('Написать ✉ birthday'), { template: 'birthday' });
  assert.equal(messageOfTask('Написать письмо'), undefined);
  const paid = invoice({ number: 'INV-2026-0008', status: 'paid', paid_on: '2026-11-20', total: 1000 });
  assert.deepEqual(invoicePaidFirings(playbooks, paid, client, createComputeContext([client], [paid], config, TODAY)), []);
  // Without `what`, the task says which message to send.
  const bare = rules('thanks: { when: invoice_paid, do: [ { message: { template: thank-you } } ] }');
  assert.match(apply(PROBE, invoicePaidFirings(bare, sent, client, createComputeContext([client], [sent], config, TODAY))), /- \[ \] 2026-11-24 Send the message «thank-you» ✉ thank-you \(INV-2026-0007\) <!--/);
});

test('purchase and orders: N fire on the Nth order, counting purchases and paid invoices before it', () => {
  const playbooks = rules(`
bought: { when: purchase, do: [ { task: { in: 2w, what: Отзыв } } ] }
second: { when: { orders: 2 }, do: [ { tag: { add: repeat } } ] }
third: { when: { orders: 3 }, do: [ { tag: { add: loyal } } ] }
`);
  const none = record(PROBE);
  assert.deepEqual(purchaseFirings(playbooks, none, ctxFor([none])).map((f) => f.playbook.id), ['bought']);
  const one = record(PROBE.replace('tags: [b2b]\n', 'tags: [b2b]\npurchases:\n  - { date: 2026-10-01, amount: 5000 }\n'));
  assert.deepEqual(purchaseFirings(playbooks, one, ctxFor([one])).map((f) => f.playbook.id), ['bought', 'second']);
  // One purchase and one paid invoice before: this payment is the third order.
  const earlier = invoice({ number: 'INV-2026-0001', status: 'paid', paid_on: '2026-11-01', total: 2000 });
  const now = invoice({ number: 'INV-2026-0002', status: 'sent', total: 3000 });
  assert.deepEqual(invoicePaidFirings(playbooks, now, one, createComputeContext([one], [earlier, now], config, TODAY)).map((f) => f.playbook.id), ['third']);
  assert.equal(parsePlaybooks(load('x: { when: { orders: 0 }, do: [ { tag: { add: x } } ] }')).issues[0]?.path.join('.'), 'x.when.orders');
});

test('days_before: from N days before a date field through the day itself, once per date; a message with a bad template id is an issue', () => {
  const playbooks = rules('renew: { when: { days_before: { field: contract_end, days: 30 } }, do: [ { task: { what: Продлить договор } } ] }');
  const client = record(PROBE.replace('tags: [b2b]\n', 'tags: [b2b]\ncontract_end: 2026-12-24\n'));
  const on = (today: string): string[] => timeFirings(playbooks, [client], ctxFor([client], today)).map(({ firings }) => firings[0]!.anchor);
  assert.deepEqual(on('2026-11-23'), []);
  assert.deepEqual(on('2026-11-24'), ['2026-12-24']);
  assert.deepEqual(on('2026-12-24'), ['2026-12-24']);
  assert.deepEqual(on('2026-12-25'), []);
  const fired = record(apply(client.body === '' ? '' : PROBE.replace('tags: [b2b]\n', 'tags: [b2b]\ncontract_end: 2026-12-24\n'), timeFirings(playbooks, [client], ctxFor([client], '2026-12-01'))[0]!.firings));
  assert.deepEqual(timeFirings(playbooks, [fired], ctxFor([fired], '2026-12-02')), [], 'fired once for that date');
  const { issues } = parsePlaybooks(load('m: { when: won, do: [ { message: { template: "../etc/passwd" } } ] }'));
  assert.deepEqual(issues.map((i) => i.path.join('.')), ['m.do.0.message.template']);
});

test('a message rule naming no template of the workspace is a schema problem on its template key', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-playbook-templates-'));
  try {
    mkdirSync(path.join(root, '.crm', 'templates'), { recursive: true });
    writeFileSync(path.join(root, '.crm', 'config.yaml'), 'currency: RUB\n');
    writeFileSync(path.join(root, '.crm', 'templates', 'welcome.md'), '---\nkind: message\ntitle: Привет\n---\nПривет, {{client.name}}!\n');
    writeFileSync(
      path.join(root, '.crm', 'playbooks.yaml'),
      'paid:\n  when: invoice_paid\n  do:\n    - message: { template: thank-you }\n    - message: { template: welcome }\n    - message: { template: thanks-typo }\n',
    );
    const store = new WorkspaceStore(root);
    await store.load();
    const problems = (await lintWorkspace(store, { today: TODAY })).filter((p) => p.file === '.crm/playbooks.yaml');
    assert.deepEqual(
      problems.map((p) => [p.code, p.range.start.line, p.message]),
      [['schema', 6, 'no message template "thanks-typo": add .crm/templates/thanks-typo.md or name a bundled one (birthday, first-follow-up, payment-reminder, proposal-sent, repeat-sale, thank-you, welcome)']],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
