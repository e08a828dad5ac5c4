// Plan against actual: the config's `plan:`, won deals and paid invoices per month and owner
// (month boundaries: the 1st and the last day), the forecast in the current month only.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createComputeContext } from '../../../../src/core/computed';
import { resolveConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { buildPlan } from '../../../../src/core/reports/plan';
import { WorkspaceStore } from '../../../../src/core/store';
import { SAMPLE_WORKSPACE } from '../../paths';

const { config } = resolveConfig({
  stages: [{ id: 'lead', probability: 0.1 }, { id: 'proposal', probability: 0.5 }, 'won', 'lost'],
  plan: {
    '2026-11': { revenue: 190000, deals: 3, by_owner: { 'ivan@x.ru': 150000 } },
    '2026-10': { revenue: 100000, deals: 2, by_owner: { 'ivan@x.ru': 60000, 'Maria@X.ru': 40000 } },
  },
});
const TODAY = '2026-11-24';

let n = 0;
function client(data: Record<string, unknown>): CrmRecord {
  n++;
  return { kind: 'client', id: `c${n}`, file: `clients/c${n}.md`, format: 'md', data: { name: `C${n}`, created: '2026-01-10', ...data }, body: '', bodyLine: 5, archived: false };
}
function invoice(data: Record<string, unknown>): CrmRecord {
  n++;
  return { kind: 'invoice', id: `i${n}`, file: `invoices/i${n}.md`, format: 'md', data, body: '', bodyLine: 0, archived: false };
}

const ivan = 'ivan@x.ru';
const maria = 'maria@x.ru';
const clients = [
  client({ owner: ivan, stage: 'won', value: 40000, stage_since: '2026-10-01' }), // c1: October, its first day
  client({ owner: 'Maria@x.ru', stage: 'won', value: 25000, stage_since: '2026-10-31' }), // c2: October, its last day
  client({ owner: ivan, stage: 'won', value: 70000, stage_since: '2026-11-01' }), // c3: November, its first day
  client({ owner: maria, stage: 'won', value: 10000, stage_since: '2026-09-30' }), // c4: September, not planned
  client({ owner: ivan, stage: 'lead', value: 100000 }), // c5: forecast 10 000
  client({ stage: 'proposal', value: 60000 }), // c6: no owner, forecast 30 000
  client({ owner: maria, stage: 'won', value: 5000, stage_since: '2026-11-30' }), // c7: November, its last day
  client({ owner: 'petr@x.ru', stage: 'won', value: 1000, stage_since: '2026-12-01' }), // c8: December
  client({
    owner: ivan,
    deals: [
      { id: 'a', stage: 'won', value: 20000, stage_since: '2026-11-15' },
      { id: 'b', stage: 'proposal', value: 40000 },
    ],
  }), // c9: a won deal in November and 20 000 of forecast
  client({ owner: ivan, stage: 'lost', value: 500000, stage_since: '2026-11-10' }), // c10: lost counts nowhere
];
const paid = (client: string, paidOn: string, total: number): CrmRecord => invoice({ number: `INV-${n}`, client, status: 'paid', paid_on: paidOn, total });
// Paid on October's last day, on November's first, in December; and a sent one, not paid.
const invoices = [paid('c1', '2026-10-31', 30000), paid('c2', '2026-11-01', 12000), paid('c3', '2026-12-01', 70000), invoice({ number: 'INV-9', client: 'c3', status: 'sent', due: '2026-11-30', total: 99999 })];
const ctx = createComputeContext(clients, invoices, config, TODAY);

test('config: plan months in order, owners lower-cased', () => {
  assert.deepEqual(Object.keys(config.plan!), ['2026-10', '2026-11']);
  assert.deepEqual(config.plan!['2026-10'], { revenue: 100000, deals: 2, by_owner: { 'ivan@x.ru': 60000, 'maria@x.ru': 40000 } });
});

test('config: a bad month, amount or count is an issue at its path and is left out', () => {
  const { config: bad, issues } = resolveConfig({
    plan: {
      '2026-13': { revenue: 1 },
      '2026-1': { revenue: 1 },
      '2026-12': { revenue: -5, deals: 2.5, by_owner: { 'a@x.ru': 'много', 'b@x.ru': 300 } },
      '2027-01': 'a lot',
      '2027-02': { by_owner: [1] },
    },
  });
  assert.deepEqual(
    issues.map((i) => i.path.join('.')),
    ['plan.2026-13', 'plan.2026-1', 'plan.2026-12.revenue', 'plan.2026-12.deals', 'plan.2026-12.by_owner.a@x.ru', 'plan.2027-01', 'plan.2027-02.by_owner'],
  );
  assert.deepEqual(bad.plan, { '2026-12': { by_owner: { 'b@x.ru': 300 } }, '2027-02': { by_owner: {} } });
  assert.equal(resolveConfig({ plan: [1] }).issues[0]!.path.join('.'), 'plan');
  assert.equal(resolveConfig({ plan: {} }).config.plan, undefined);
  assert.equal(resolveConfig({}).config.plan, undefined);
});

test('in the store: each bad plan value is one schema warning on its line (1-based), the good ones apply', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'plain-crm-plan-'));
  try {
    mkdirSync(path.join(root, '.crm'));
    writeFileSync(
      path.join(root, '.crm', 'config.yaml'),
      'currency: RUB\nplan:\n  2026-11: { revenue: 500000, deals: 4 }\n  2026-12: { revenue: -1, deals: 2.5, by_owner: { ivan@x.ru: много } }\n  2026-13: { revenue: 1 }\n',
    );
    const store = new WorkspaceStore(root);
    await store.load();
    const problems = store.problems().filter((p) => p.file === '.crm/config.yaml');
    assert.deepEqual(
      problems.map((p) => [p.range.start.line, p.code, p.severity]),
      [[4, 'schema', 'warning'], [4, 'schema', 'warning'], [4, 'schema', 'warning'], [5, 'schema', 'warning']],
    );
    assert.match(problems[3]!.message, /a plan month is written YYYY-MM/);
    assert.deepEqual(store.config.plan, { '2026-11': { revenue: 500000, deals: 4, by_owner: {} }, '2026-12': { by_owner: {} } });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('plan against actual per month: won on the 1st and the last day count in their month; paid by paid_on', () => {
  const plan = buildPlan(clients, invoices, ctx)!;
  assert.equal(plan.currentMonth, '2026-11');
  assert.equal(plan.currency, 'RUB');
  assert.deepEqual(
    plan.months.map(({ owners: _owners, ...m }) => m),
    [
      { month: '2026-10', plan: { revenue: 100000, deals: 2 }, won: 2, wonValue: 65000, paid: 30000, revenueShare: 0.65, dealsShare: 1 },
      { month: '2026-11', plan: { revenue: 190000, deals: 3 }, won: 3, wonValue: 95000, paid: 12000, forecast: 60000, revenueShare: 0.5, dealsShare: 1 },
    ],
  );
});

test('per owner: the planned owners first, then others with a win, a payment or (this month) a forecast', () => {
  const [october, november] = buildPlan(clients, invoices, ctx)!.months;
  assert.deepEqual(october!.owners, [
    { owner: ivan, plan: 60000, won: 1, wonValue: 40000, paid: 30000, share: 0.67 },
    { owner: maria, plan: 40000, won: 1, wonValue: 25000, paid: 0, share: 0.63 },
  ]);
  assert.deepEqual(november!.owners, [
    { owner: ivan, plan: 150000, won: 2, wonValue: 90000, paid: 0, forecast: 30000, share: 0.6 },
    { owner: maria, won: 1, wonValue: 5000, paid: 12000, forecast: 0 },
    { owner: '—', won: 0, wonValue: 0, paid: 0, forecast: 30000 },
  ]);
});

test('the forecast is the report’s weighted open pipeline, in the current month only', () => {
  const december = createComputeContext(clients, invoices, config, '2026-12-02');
  const plan = buildPlan(clients, invoices, december)!;
  assert.equal(plan.currentMonth, '2026-12');
  assert.ok(plan.months.every((m) => m.forecast === undefined));
  assert.equal(buildPlan(clients, invoices, createComputeContext(clients, invoices, resolveConfig({}).config, TODAY)), undefined);
});

test('the sample workspace on 2026-11-24: October against its plan, November with the forecast', async () => {
  const store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
  const clients = store.clients({ includeArchived: true });
  const sample = buildPlan(clients, store.invoices(), createComputeContext(clients, store.invoices(), store.config, '2026-11-24', store.campaigns()))!;
  const brief = sample.months.map((m) => [m.month, m.plan.revenue, m.wonValue, m.revenueShare, m.plan.deals, m.won, m.paid, m.forecast, m.owners.map((o) => [o.owner, o.plan, o.wonValue, o.paid, o.forecast])]);
  assert.deepEqual(brief, [
    ['2026-10', 450000, 395000, 0.88, 3, 2, 302750, undefined, [['ivan@example.com', 250000, 310000, 217750, undefined], ['maria@example.com', 200000, 85000, 85000, undefined]]],
    ['2026-11', 500000, 0, 0, 4, 0, 0, 1430750, [['ivan@example.com', 300000, 0, 0, 569250], ['maria@example.com', 200000, 0, 0, 861500]]],
    ['2026-12', 600000, 0, 0, 5, 0, 0, undefined, [['ivan@example.com', 350000, 0, 0, undefined], ['maria@example.com', 250000, 0, 0, undefined]]],
  ]);
});
