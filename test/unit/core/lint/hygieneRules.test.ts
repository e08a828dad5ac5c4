// The hygiene rules of issue 18 on single records and small workspaces: missing-field,
// no-next-step, possible-duplicate, and the completeness figures of stats.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import { lintWorkspace } from '../../../../src/core/lint';
import { missingFieldPath, missingFieldRule, typedFieldValue } from '../../../../src/core/lint/missingFieldRule';
import { noNextStepRule } from '../../../../src/core/lint/noNextStepRule';
import { companyKey, nameKey, possibleDuplicateRule } from '../../../../src/core/lint/possibleDuplicateRule';
import type { CrmConfig, CrmRecord } from '../../../../src/core/model';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import { completeness } from '../../../../src/core/requiredFields';
import { WorkspaceStore } from '../../../../src/core/store';
import { SAMPLE_WORKSPACE } from '../../paths';

const TODAY = '2026-11-24';

function record(front: string, file = 'clients/a.md', body = ''): CrmRecord {
  const parsed = parseRecordText(file, `---\n${front}\n---\n${body}`, { kind: 'client', archived: file.includes('/archive/') });
  assert.ok(parsed.record, front);
  return parsed.record;
}

function context(raw: Record<string, unknown> = {}, records: CrmRecord[] = []): { store: WorkspaceStore; config: CrmConfig; today: string } {
  const store = { clients: () => records.filter((r) => !r.archived) } as unknown as WorkspaceStore;
  return { store, config: resolveConfig(raw).config, today: TODAY };
}

const describe = (findings: ReturnType<NonNullable<typeof missingFieldRule.checkRecord>>): string[] =>
  findings.map((f) => `${f.code} ${'path' in f ? f.path.join('.') : ''}: ${f.message}`);

// --- missing-field ---

const REQUIRED = { required: { proposal: ['email', 'value'], won: ['requisites.inn'] } };
const missing = (front: string, file?: string): string[] => describe(missingFieldRule.checkRecord!(record(`name: A\n${front}`, file), context(REQUIRED)));

test('missing-field: each required field of the stage that is absent, null, blank or empty, on the stage key', () => {
  assert.deepEqual(missing('stage: proposal'), ['missing-field stage: stage "proposal" needs email', 'missing-field stage: stage "proposal" needs value']);
  assert.deepEqual(missing('stage: proposal\nemail: ""\nvalue: null'), ['missing-field stage: stage "proposal" needs email', 'missing-field stage: stage "proposal" needs value']);
  assert.deepEqual(missing('stage: proposal\nemail: a@x.ru\nvalue: 0'), [], '0 is a value');
  assert.deepEqual(missing('stage: Proposal\nemail: "  "\nvalue: 10'), ['missing-field stage: stage "Proposal" needs email'], 'stage ids compare case-insensitively');
  assert.deepEqual(missing('stage: lead'), [], 'nothing required in lead');
  assert.deepEqual(missing('stage: proposal', 'clients/archive/a.md'), [], 'archived records are left alone');
});

test('missing-field: dotted paths reach into mappings; [] and {} count as missing', () => {
  assert.deepEqual(missing('stage: won'), ['missing-field stage: stage "won" needs requisites.inn']);
  assert.deepEqual(missing('stage: won\nrequisites: {}'), ['missing-field stage: stage "won" needs requisites.inn']);
  assert.deepEqual(missing('stage: won\nrequisites: { kpp: "770101001" }'), ['missing-field stage: stage "won" needs requisites.inn']);
  assert.deepEqual(missing('stage: won\nrequisites: { inn: "7707083893" }'), []);
  const tags = describe(missingFieldRule.checkRecord!(record('name: A\nstage: lead\ntags: []'), context({ required: { lead: ['tags'] } })));
  assert.deepEqual(tags, ['missing-field stage: stage "lead" needs tags']);
});

test('missing-field: per deal, on the deal\'s stage key; a deal field is the deal\'s own, the rest the client\'s', () => {
  const client = record(['name: ООО Ромашка', 'deals:', '  - { title: Сайт, stage: proposal, value: 1000 }', '  - { title: SEO, stage: proposal }', '  - { title: Старое, stage: won }'].join('\n'));
  const findings = missingFieldRule.checkRecord!(client, context(REQUIRED));
  assert.deepEqual(describe(findings), [
    'missing-field deals.0.stage: deal "Сайт" in stage "proposal" needs email',
    'missing-field deals.1.stage: deal "SEO" in stage "proposal" needs email',
    'missing-field deals.1.stage: deal "SEO" in stage "proposal" needs value',
    'missing-field deals.2.stage: deal "Старое" in stage "won" needs requisites.inn',
  ]);
  assert.deepEqual(findings[2]!.data, { field: 'value', stage: 'proposal', deal: ['deals', 1] });
});

test('missing-field: where the quick fix puts the value, and how it types it', () => {
  assert.deepEqual(missingFieldPath('email'), ['email']);
  assert.deepEqual(missingFieldPath('requisites.inn', ['deals', 1]), ['requisites', 'inn'], 'a client field stays at the top');
  assert.deepEqual(missingFieldPath('value', ['deals', 1]), ['deals', 1, 'value'], 'a deal field goes into the deal');
  assert.equal(typedFieldValue('value', ' 120 000 '), 120000);
  assert.equal(typedFieldValue('value', 'договорная'), 'договорная');
  assert.equal(typedFieldValue('inn', '007707083893'), '007707083893', 'an INN stays text');
  assert.deepEqual(typedFieldValue('tags', 'b2b, vip'), ['b2b', 'vip']);
});

// --- no-next-step ---

const noNext = (front: string, body = '', raw: Record<string, unknown> = {}, file?: string): string[] =>
  describe(noNextStepRule.checkRecord!(record(`name: A\n${front}`, file, body), context(raw)));

test('no-next-step: more than the grace days in the stage (3 by default), exactly at the grace is fine', () => {
  assert.deepEqual(noNext('stage: proposal\nstage_since: 2026-11-21'), [], '3 days');
  assert.deepEqual(noNext('stage: proposal\nstage_since: 2026-11-20'), ['no-next-step stage: no next step: 4 days in stage "proposal" with no upcoming next action and no open task']);
  assert.deepEqual(noNext('stage: proposal\nstage_since: 2026-11-20', '', { next_step_grace_days: 4 }), [], 'config.next_step_grace_days');
  assert.deepEqual(noNext('stage: proposal\nstage_since: 2026-11-24', '', { next_step_grace_days: 0 }), []);
  assert.deepEqual(noNext('stage: proposal\nstage_since: 2026-11-23', '', { next_step_grace_days: 0 }).length, 1);
});

test('no-next-step: days from stage_since, else created (an invalid date counts as missing); no date, not reported', () => {
  assert.match(noNext('stage: lead\ncreated: 2026-11-01')[0]!, /23 days in stage "lead"/);
  assert.match(noNext('stage: lead\nstage_since: 15.11.2026\ncreated: 2026-11-01')[0]!, /23 days/);
  assert.deepEqual(noNext('stage: lead\nstage_since: 2026-11-22\ncreated: 2026-01-01'), [], 'stage_since wins over created');
  assert.deepEqual(noNext('stage: lead'), []);
  assert.match(noNext('created: 2026-11-01')[0]!, /stage "lead"/, 'no stage: a lead');
});

test('no-next-step: a next action today or later, or an open task today, later or undated, silences it', () => {
  const old = 'stage: proposal\nstage_since: 2026-10-01';
  assert.deepEqual(noNext(`${old}\nnext_action: { date: 2026-11-24, what: Call }`), [], 'due today');
  assert.deepEqual(noNext(`${old}\nnext_action: { date: 2026-12-01, what: Call }`), []);
  assert.equal(noNext(`${old}\nnext_action: { date: 2026-11-23, what: Call }`).length, 1, 'an overdue action is no next step');
  assert.equal(noNext(`${old}\nnext_action: { what: Call }`).length, 1, 'an undated action is no next step');
  assert.deepEqual(noNext(old, '- [ ] 2026-11-24 Call back\n'), [], 'a task due today');
  assert.deepEqual(noNext(old, '- [ ] Call back some day\n'), [], 'an undated task');
  assert.equal(noNext(old, '- [ ] 2026-11-23 Call back\n').length, 1, 'an overdue task is no next step');
  assert.equal(noNext(old, '- [x] 2026-12-01 Call back\n').length, 1, 'a done task is none');
  assert.equal(noNext(old, '```\n- [ ] 2026-12-01 in a code block\n```\n').length, 1, 'a checkbox in fenced code is no task');
});

test('no-next-step: closed, lost and archived are skipped', () => {
  assert.deepEqual(noNext('stage: won\nstage_since: 2026-01-01'), []);
  assert.deepEqual(noNext('stage: lost\nstage_since: 2026-01-01'), []);
  assert.deepEqual(noNext('stage: lead\nstage_since: 2026-01-01', '', {}, 'clients/archive/a.md'), []);
  const custom = { stages: ['lead', { id: 'refused', closed: true, outcome: 'lost' }, 'won'] };
  assert.deepEqual(noNext('stage: refused\nstage_since: 2026-01-01', '', custom), [], 'a configured closed stage');
});

test('no-next-step: per deal, each on its stage key; an open task of the client covers every deal', () => {
  const front = [
    'name: ООО Ромашка',
    'created: 2026-09-01',
    'deals:',
    '  - { title: Сайт, stage: proposal, stage_since: 2026-11-01 }',
    '  - { title: SEO, stage: negotiation, stage_since: 2026-11-01, next_action: { date: 2026-12-01, what: Call } }',
    '  - { title: Поддержка, stage: won, stage_since: 2026-01-01 }',
    '  - { title: Аудит, stage: lead }',
  ].join('\n');
  const findings = noNextStepRule.checkRecord!(record(front), context());
  assert.deepEqual(describe(findings), [
    'no-next-step deals.0.stage: deal "Сайт" has no next step: 23 days in stage "proposal" with no upcoming next action and no open task',
    'no-next-step deals.3.stage: deal "Аудит" has no next step: 84 days in stage "lead" with no upcoming next action and no open task',
  ]);
  assert.deepEqual(findings[0]!.data, { days: 23, since: '2026-11-01', stage: 'proposal', deal: ['deals', 0] });
  assert.deepEqual(noNextStepRule.checkRecord!(record(front, 'clients/a.md', '- [ ] Позвонить\n'), context()), []);
});

// --- possible-duplicate ---

test('possible-duplicate: the name key ignores case, ё, script and word order', () => {
  const same: [string, string][] = [
    ['Анна Смирнова', 'anna smirnova'],
    ['Анна Смирнова', 'Smirnova  Anna'],
    ['АННА СМИРНОВА', 'Смирнова Анна'],
    ['Пётр Лебедев', 'Петр Лебедев'],
    ['Пётр Лебедев', 'Pyotr Lebedev'],
    ['Алексей Зайцев', 'Alexey Zaytsev'],
    ['Алексей Зайцев', 'Aleksei Zaitsev'],
    ['Юлия Тарасова', 'Yulia Tarasova'],
    ['Наталья Федорова', 'Natalya Fedorova'],
    ['Мария Кузнецова', 'Maria Kuznetsova'],
    ['Рустам Хабибуллин', 'Rustam Habibullin'],
    ['Елена Козлова', 'Yelena Kozlova'],
    ['Андрей Егоров', 'Andrey Egorov'],
  ];
  // Decomposed (NFD) input too: й and ё arrive as two code points from some keyboards and files.
  for (const [a, b] of same) assert.equal(nameKey(a.normalize('NFD')), nameKey(b), `${a} = ${b}`);
  for (const [a, b] of [
    ['Анна Смирнова', 'Анна Смирнов'],
    ['Анна Смирнова', 'Анна Смирнова-Петрова'],
    ['Иван Петров', 'Пётр Иванов Иван'],
  ] as [string, string][]) {
    assert.notEqual(nameKey(a), nameKey(b), `${a} ≠ ${b}`);
  }
  assert.equal(nameKey(''), '');
  assert.equal(nameKey(42), '');
  assert.equal(companyKey('ООО «Ромашка»'), companyKey('Romashka LLC'));
  assert.equal(companyKey('ИП Кузнецова'), companyKey('Kuznetsova'));
  assert.notEqual(companyKey('ООО «Ромашка»'), companyKey('ООО «Вектор»'));
});

const duplicates = (records: CrmRecord[]): string[] =>
  possibleDuplicateRule.check!(context({}, records)).map((f) => `${f.file} ${'path' in f ? f.path.join('.') : ''}: ${f.message}`);

test('possible-duplicate: the same name and the same company or INN, info on both name keys naming the other', () => {
  const anna = record('name: Анна Смирнова\ncompany: ООО «Ромашка»\nemail: anna@romashka.ru', 'clients/anna.md');
  const card = record('name: Smirnova Anna\ncompany: Romashka LLC\nemail: a.smirnova@example.ru', 'clients/card.md');
  assert.deepEqual(duplicates([anna, card]), [
    'clients/anna.md name: possibly the same client as clients/card.md (Smirnova Anna): the same name and company',
    'clients/card.md name: possibly the same client as clients/anna.md (Анна Смирнова): the same name and company',
  ]);
  const findings = possibleDuplicateRule.check!(context({}, [anna, card]));
  assert.deepEqual(findings[0]!.related?.map((r) => r.file), ['clients/card.md']);
  assert.deepEqual(findings[0]!.data, { others: ['clients/card.md'], count: 1 });

  const byInn = record('name: Anna Smirnova\ncompany: Другая вывеска\nrequisites: { inn: "7707083893" }', 'clients/inn1.md');
  const byInn2 = record('name: Анна Смирнова\nrequisites: { inn: 7707083893 }', 'clients/inn2.md');
  assert.deepEqual(duplicates([byInn, byInn2]), [
    'clients/inn1.md name: possibly the same client as clients/inn2.md (Анна Смирнова): the same name and INN',
    'clients/inn2.md name: possibly the same client as clients/inn1.md (Anna Smirnova): the same name and INN',
  ]);
});

test('possible-duplicate: a different company, no company, a shared e-mail or phone (a duplicate), archived: nothing', () => {
  const anna = record('name: Анна Смирнова\ncompany: ООО «Ромашка»', 'clients/anna.md');
  assert.deepEqual(duplicates([anna, record('name: Анна Смирнова\ncompany: ООО «Вектор»', 'clients/b.md')]), [], 'different company');
  assert.deepEqual(duplicates([record('name: Анна Смирнова', 'clients/a.md'), record('name: Анна Смирнова', 'clients/b.md')]), [], 'name alone');
  assert.deepEqual(duplicates([anna, record('name: Anna Smirnova\ncompany: Romashka', 'clients/archive/b.md')]), [], 'archived');
  const withMail = record('name: Анна Смирнова\ncompany: ООО «Ромашка»\nemail: Anna@Romashka.ru', 'clients/a.md');
  assert.deepEqual(duplicates([withMail, record('name: Anna Smirnova\ncompany: Romashka\nemail: anna@romashka.ru ', 'clients/b.md')]), [], 'the same e-mail: a duplicate already');
  const withPhone = record('name: Анна Смирнова\ncompany: ООО «Ромашка»\nphone: "+7 912 345-67-89"', 'clients/a.md');
  assert.deepEqual(duplicates([withPhone, record('name: Anna Smirnova\ncompany: Romashka\nphone: "8 (912) 345-67-89"', 'clients/b.md')]), [], 'the same phone: a duplicate already');
});

test('possible-duplicate: the same company for some, the same INN for others; a shared address removes one pair only', () => {
  const a = record('name: Анна Смирнова\ncompany: Ромашка\nrequisites: { inn: "7707083893" }', 'clients/a.md');
  const b = record('name: Anna Smirnova\ncompany: Romashka', 'clients/b.md');
  const c = record('name: Смирнова Анна\ncompany: Вектор\nrequisites: { inn: "7707083893" }', 'clients/c.md');
  assert.deepEqual(duplicates([a, b, c]), [
    'clients/a.md name: possibly the same client as clients/b.md (Anna Smirnova), clients/c.md (Смирнова Анна): the same name and company or INN',
    'clients/b.md name: possibly the same client as clients/a.md (Анна Смирнова): the same name and company',
    'clients/c.md name: possibly the same client as clients/a.md (Анна Смирнова): the same name and INN',
  ]);
  const x = record('name: Анна Смирнова\ncompany: Ромашка\nemail: anna@romashka.ru', 'clients/x.md');
  const y = record('name: Анна Смирнова\ncompany: Ромашка\nemail: ANNA@romashka.ru', 'clients/y.md');
  const z = record('name: Анна Смирнова\ncompany: Ромашка\nemail: other@romashka.ru', 'clients/z.md');
  assert.deepEqual(
    duplicates([x, y, z]).map((m) => m.replace(/ \(Анна Смирнова\)/g, '')),
    [
      'clients/x.md name: possibly the same client as clients/z.md: the same name and company',
      'clients/y.md name: possibly the same client as clients/z.md: the same name and company',
      'clients/z.md name: possibly the same client as clients/x.md, clients/y.md: the same name and company',
    ],
  );
});

test('possible-duplicate: three of a kind name each other; many are counted, not all listed', () => {
  const records = ['a', 'b', 'c', 'd', 'e'].map((id) => record(`name: Анна Смирнова\ncompany: Ромашка`, `clients/${id}.md`));
  const messages = duplicates(records);
  assert.equal(messages.length, 5);
  assert.equal(messages[0], 'clients/a.md name: possibly the same client as clients/b.md (Анна Смирнова), clients/c.md (Анна Смирнова), clients/d.md (Анна Смирнова) and 1 more: the same name and company');
  const first = possibleDuplicateRule.check!(context({}, records))[0]!;
  assert.deepEqual(first.data, { others: ['clients/b.md', 'clients/c.md', 'clients/d.md'], count: 4 });
  assert.equal(first.related?.length, 3);
  assert.equal(duplicates(records.slice(0, 3))[2], 'clients/c.md name: possibly the same client as clients/a.md (Анна Смирнова), clients/b.md (Анна Смирнова): the same name and company');
  assert.deepEqual(possibleDuplicateRule.check!(context({ lint: { 'possible-duplicate': 'off' } }, records)), [], 'switched off: not even computed');
});

test('possible-duplicate: the sample\'s business card, copied into clients/, pairs with Анна Смирнова', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-hygiene-'));
  try {
    cpSync(SAMPLE_WORKSPACE, root, { recursive: true });
    cpSync(path.join(root, 'examples', 'possible-duplicate.md'), path.join(root, 'clients', 'possible-duplicate.md'));
    const store = new WorkspaceStore(root);
    await store.load();
    const found = (await lintWorkspace(store, { today: TODAY })).filter((p) => p.code === 'possible-duplicate');
    assert.deepEqual(
      found.map((p) => `${p.file}:${p.range.start.line} ${p.severity} → ${p.related?.map((r) => `${r.file}:${r.line}`).join()}`),
      ['clients/anna-smirnova.md:2 info → clients/possible-duplicate.md:6', 'clients/possible-duplicate.md:6 info → clients/anna-smirnova.md:2'],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

// --- completeness ---

test('completeness: percent of records with each field named in config.required, one decimal; absent without required', () => {
  const config = resolveConfig({ required: { proposal: ['email', 'value'], won: ['requisites.inn', 'email'] } }).config;
  const records = [
    record('name: A\nemail: a@x.ru\nvalue: 10'),
    record('name: B\nemail: ""\nrequisites: { inn: "7707083893" }'),
    record('name: C\nemail: c@x.ru'),
    record('name: D\ndeals:\n  - { title: X, value: 5 }'),
    record('name: E\nemail: e@x.ru\ndeals:\n  - { title: Y }'),
    record('name: F\nemail: f@x.ru'),
  ];
  assert.deepEqual(completeness(records, config), { email: 66.7, value: 33.3, 'requisites.inn': 16.7 });
  assert.deepEqual(Object.keys(completeness(records, config)!), ['email', 'value', 'requisites.inn'], 'in the order first named');
  assert.deepEqual(completeness([], config), { email: 100, value: 100, 'requisites.inn': 100 });
  assert.equal(completeness(records, resolveConfig({}).config), undefined);
});
