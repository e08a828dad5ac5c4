// Several deals per client (issue 17): deal views, the pipeline and stats counting deals, queries
// matching any deal, per-deal rules, the schema warning, and the deal edits (byte-exact elsewhere).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { addDealOps, closeDealOps, splitIntoDealsOps } from '../../../src/core/actions/dealActions';
import { moveToStageOps } from '../../../src/core/actions/recordActions';
import { attentionItems } from '../../../src/core/attention';
import { createComputeContext } from '../../../src/core/computed';
import { defaultConfig } from '../../../src/core/config';
import { dealKey, dealLabel, dealRow, recordDeals } from '../../../src/core/deals';
import { editRecord, isEditError } from '../../../src/core/edit/recordEdit';
import { LivePipeline } from '../../../src/core/livePipeline';
import type { CrmRecord } from '../../../src/core/model';
import { parseRecordText } from '../../../src/core/parse/recordText';
import { pipelineSummary } from '../../../src/core/pipeline';
import { runQuery } from '../../../src/core/query';
import { buildReport } from '../../../src/core/reports/report';
import { recordTasks } from '../../../src/core/tasks/tasks';
import { runCli } from '../cli/runCli';

const TODAY = '2026-11-24';
const config = defaultConfig();

const B2B = [
  '---',
  'name: ООО «Ромашка»   # компания',
  'email: info@romashka.ru',
  'last_contact: 2026-11-20',
  'created: 2026-09-01',
  'deals:',
  '  - id: site',
  '    title: Сайт',
  '    stage: won',
  '    value: 300000',
  '    stage_since: 2026-10-01',
  '  - id: seo',
  '    title: SEO',
  '    stage: proposal   # ждём ответа',
  '    value: 60000',
  '    next_action: { date: 2026-11-01, what: Позвонить }',
  '  - title: Поддержка',
  '---',
  '## Notes',
  'Два проекта.',
  '',
].join('\n');

const SINGLE = ['---', 'name: Анна', 'stage: proposal', 'value: 1000', 'currency: RUB', 'next_action: { date: 2026-12-01, what: Call }', 'created: 2026-11-01', '---', ''].join('\n');

function parse(text: string, file: string): CrmRecord {
  const parsed = parseRecordText(file, text, { kind: 'client', archived: false });
  assert.ok(parsed.record);
  return parsed.record;
}

function apply(text: string, ops: Parameters<typeof editRecord>[1]): string {
  const result = editRecord(text, ops, { format: 'md' });
  assert.ok(!isEditError(result), isEditError(result) ? result.error : '');
  return result.text;
}

test('a record without deals: is its own single deal; with deals:, one deal view per item', () => {
  const single = parse(SINGLE, 'clients/anna.md');
  assert.deepEqual(recordDeals(single), [single]);
  assert.equal(dealKey(single), 'anna#1');
  assert.equal(dealLabel(single), 'Анна');
  const deals = recordDeals(parse(B2B, 'clients/romashka.md'));
  assert.deepEqual(
    deals.map((d) => [dealKey(d), dealLabel(d), d.data.stage, d.data.value]),
    [
      ['romashka#site', 'ООО «Ромашка» — Сайт', 'won', 300000],
      ['romashka#seo', 'ООО «Ромашка» — SEO', 'proposal', 60000],
      ['romashka#3', 'ООО «Ромашка» — Поддержка', undefined, undefined],
    ],
  );
  assert.equal(deals[0]!.data.email, 'info@romashka.ru', 'the client fields are the deal view’s too');
  assert.equal(deals[0]!.data.deals, undefined);
  assert.deepEqual(dealRow(deals[1]!, config), {
    id: 'romashka#seo',
    client: 'romashka',
    file: 'clients/romashka.md',
    name: 'ООО «Ромашка»',
    title: 'SEO',
    stage: 'proposal',
    value: 60000,
    currency: 'RUB',
    pipeline: 'sales',
    next_action: { date: '2026-11-01', what: 'Позвонить' },
  });
});

test('the pipeline, the live pipeline and the report count deals, not clients', () => {
  const records = [parse(SINGLE, 'clients/anna.md'), parse(B2B, 'clients/romashka.md')];
  const groups = pipelineSummary(records, config);
  const figures = Object.fromEntries(groups.filter((g) => g.count > 0).map((g) => [g.stage.id, [g.count, g.value]]));
  assert.deepEqual(figures, { lead: [1, 0], proposal: [2, 61000], won: [1, 300000] });
  const live = new LivePipeline(config, config.defaultPipeline, () => true, records);
  assert.deepEqual(live.summary(), groups);
  // A change to the file replaces all of its deals at once.
  const moved = parse(B2B.replace('stage: proposal   # ждём ответа', 'stage: won'), 'clients/romashka.md');
  live.update(['clients/romashka.md'], () => moved);
  assert.deepEqual(live.summary(), pipelineSummary([records[0]!, moved], config));

  const report = buildReport(records, [], createComputeContext(records, [], config, TODAY));
  assert.equal(report.clients, 2);
  assert.equal(report.won.deals, 1);
  assert.equal(report.won.value, 300000);
  assert.equal(report.funnel.find((f) => f.id === 'proposal')!.count, 2);
});

test('queries match a client when any deal matches a deal field', () => {
  const records = [parse(B2B, 'clients/romashka.md'), parse(SINGLE, 'clients/anna.md')];
  const ctx = createComputeContext(records, [], config, TODAY);
  const ids = (q: string): string[] => runQuery(q, records, ctx).map((r) => r.id);
  assert.deepEqual(ids('stage:proposal'), ['romashka', 'anna']);
  assert.deepEqual(ids('stage:won'), ['romashka']);
  assert.deepEqual(ids('stage:lead'), ['romashka'], 'the untitled deal without a stage is a lead');
  assert.deepEqual(ids('value:>100000'), ['romashka']);
  assert.deepEqual(ids('is:overdue'), ['romashka']);
  assert.deepEqual(ids('is:open'), ['romashka', 'anna']);
  assert.deepEqual(ids('-stage:won'), ['anna']);
});

test('per-deal next actions in tasks and Needs attention; the top-level one of a single deal as before', () => {
  const b2b = parse(B2B, 'clients/romashka.md');
  const items = recordTasks(b2b).items;
  assert.deepEqual(
    items.map((i) => [i.kind, i.due, i.text, i.deal]),
    [['next_action', '2026-11-01', 'Позвонить', { index: 1, label: 'SEO' }]],
  );
  assert.equal(recordTasks(parse(SINGLE, 'clients/anna.md')).items[0]!.deal, undefined);
  const attention = attentionItems([b2b], [], createComputeContext([b2b], [], config, TODAY));
  assert.deepEqual(
    attention.map((a) => [a.reason, a.days]),
    [
      ['overdue-action', 23],
      ['unqualified', 84],
    ],
  );
});

test('moving a deal edits only its list item; the log line names the deal', () => {
  const record = parse(B2B, 'clients/romashka.md');
  const seo = recordDeals(record)[1]!;
  const text = apply(B2B, moveToStageOps(seo, 'won', { ...config, log: { on_stage_change: true } }, TODAY));
  const expected = B2B.replace('    stage: proposal   # ждём ответа\n', '    stage: won   # ждём ответа\n').replace(
    '    next_action: { date: 2026-11-01, what: Позвонить }\n',
    '    next_action: { date: 2026-11-01, what: Позвонить }\n    stage_since: 2026-11-24\n    closed_on: 2026-11-24\n',
  );
  assert.equal(text, `${expected.trimEnd()}\n\n## Log\n- 2026-11-24 stage: proposal → won — SEO\n`);
});

test('Split into deals moves the top-level deal fields into the first deal, nothing else', () => {
  const record = parse(SINGLE, 'clients/anna.md');
  const text = apply(SINGLE, splitIntoDealsOps(record));
  assert.equal(text, ['---', 'name: Анна', 'currency: RUB', 'created: 2026-11-01', 'deals:', '  - id: 1', '    stage: proposal', '    value: 1000', '    next_action: { date: 2026-12-01, what: Call }', '---', ''].join('\n'));
  const split = parse(text, 'clients/anna.md');
  assert.deepEqual(pipelineSummary([split], config).filter((g) => g.count > 0).map((g) => [g.stage.id, g.value]), [['proposal', 1000]]);
});

test('Add deal keeps the current deal of a single-deal record; Close deal records the purchase or the reason', () => {
  const single = parse(SINGLE, 'clients/anna.md');
  const added = apply(SINGLE, addDealOps(single, { title: 'SEO-аудит', value: 20000 }, config, TODAY));
  const after = recordDeals(parse(added, 'clients/anna.md'));
  assert.deepEqual(
    after.map((d) => [dealKey(d), d.data.stage, d.data.value]),
    [
      ['anna#1', 'proposal', 1000],
      ['anna#seo-audit', 'lead', 20000],
    ],
  );
  const b2b = parse(B2B, 'clients/romashka.md');
  const second = apply(B2B, addDealOps(b2b, { title: 'SEO' }, config, TODAY));
  assert.equal(recordDeals(parse(second, 'clients/romashka.md'))[3]!.deal!.id, 'seo-2');

  const seo = recordDeals(b2b)[1]!;
  const won = parse(apply(B2B, closeDealOps(seo, { outcome: 'won' }, config, TODAY)), 'clients/romashka.md');
  assert.equal(recordDeals(won)[1]!.data.stage, 'won');
  assert.deepEqual(won.data.purchases, [{ date: TODAY, amount: 60000, item: 'SEO' }]);
  const lost = parse(apply(B2B, closeDealOps(seo, { outcome: 'lost', reason: 'price' }, config, TODAY)), 'clients/romashka.md');
  assert.deepEqual([recordDeals(lost)[1]!.data.stage, recordDeals(lost)[1]!.data.lost_reason, lost.data.purchases], ['lost', 'price', undefined]);
});

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-deals-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('CLI: stats count deals, query --deals prints a row per deal, lint points into the deal', () => {
  mkdirSync(path.join(dir, 'clients'), { recursive: true });
  writeFileSync(path.join(dir, 'clients', 'romashka.md'), B2B);
  writeFileSync(path.join(dir, 'clients', 'anna.md'), SINGLE);
  writeFileSync(path.join(dir, 'clients', 'both.md'), ['---', 'name: Both', 'stage: won', 'deals:', '  - { title: A, stage: lead }', '  - { title: B, stage: draft }', '---', ''].join('\n'));
  const json = (args: string[]): unknown => {
    const run = runCli([...args, '-w', dir, '--today', TODAY, '--format', 'json']);
    assert.equal(run.stderr, '');
    return JSON.parse(run.stdout);
  };
  const stats = json(['stats']) as { records: number; stages: Record<string, { count: number; value: number }> };
  assert.equal(stats.records, 3);
  assert.deepEqual(stats.stages.proposal, { count: 2, value: 61000 });
  assert.deepEqual(stats.stages.won, { count: 1, value: 300000 }, 'the ignored top-level stage of both.md is not counted');
  assert.deepEqual(stats.stages.draft, { count: 1, value: 0 });
  const rows = json(['query', 'stage:proposal', '--deals']) as { id: string; client: string }[];
  assert.deepEqual(rows.map((r) => [r.id, r.client]), [['anna#1', 'anna'], ['romashka#seo', 'romashka']]);
  const problems = (json(['lint']) as { file: string; line: number; code: string; severity: string; message: string }[]).filter((p) => p.severity !== 'info').map((p) => `${p.file}:${p.line} ${p.severity} ${p.code}`);
  assert.deepEqual(problems, [
    'clients/both.md:3 warning schema',
    'clients/both.md:6 error unknown-stage',
    // Per deal: the SEO deal's action is overdue, and neither it nor the stageless "Поддержка"
    // (a lead since the client's `created`) has a next step; the won deal needs none.
    'clients/romashka.md:14 warning no-next-step',
    'clients/romashka.md:16 warning overdue-action',
    'clients/romashka.md:17 warning no-next-step',
  ]);
});
