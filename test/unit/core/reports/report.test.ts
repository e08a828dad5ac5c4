// The report's numbers on a small population computed by hand, and its text and CSV forms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createComputeContext } from '../../../../src/core/computed';
import { resolveConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';
import { parseCatalog } from '../../../../src/core/catalog';
import { buildReport, lostFromStage } from '../../../../src/core/reports/report';
import { REPORT_CSV_HEADER, reportCsv, reportText } from '../../../../src/core/reports/reportText';

const { config } = resolveConfig({
  currency: 'RUB',
  stale: { default: 30 },
  stages: [
    { id: 'lead', label: 'Лид', probability: 0.1 },
    { id: 'proposal', label: 'КП', probability: 0.5 },
    { id: 'won', label: 'Сделка' },
    { id: 'lost', label: 'Отказ' },
  ],
});
const TODAY = '2026-11-24';

let n = 0;
function client(data: Record<string, unknown>, body = '', archived = false): CrmRecord {
  n++;
  return { kind: 'client', id: `c${n}`, file: `clients/c${n}.md`, format: 'md', data: { name: `C${n}`, created: '2026-01-10', last_contact: '2026-11-20', ...data }, body, bodyLine: 5, archived };
}
function invoice(data: Record<string, unknown>): CrmRecord {
  n++;
  return { kind: 'invoice', id: `i${n}`, file: `invoices/i${n}.md`, format: 'md', data, body: '', bodyLine: 0, archived: false };
}

// 2 leads (one stale), 2 proposals, 2 won, 2 lost (one from proposal by its log, one unknown),
// 1 in an unknown stage, 1 archived (left out), 1 in USD.
const clients = [
  client({ stage: 'lead', value: 10000, source: 'site' }),
  client({ stage: 'lead', value: 20000, source: 'site', last_contact: '2026-09-01' }),
  client({ stage: 'proposal', value: 100000, source: 'referral', owner: 'ivan' }),
  client({ stage: 'proposal', value: 500, currency: 'USD', source: 'referral' }),
  client({ stage: 'won', value: 50000, source: 'referral', owner: 'ivan', created: '2026-03-01', stage_since: '2026-03-31', purchases: [{ date: '2026-04-02', amount: 50000 }] }),
  client({ stage: 'won', value: 30000, source: 'site', created: '2026-05-01', stage_since: '2026-05-11' }),
  client({ stage: 'lost', value: 70000, source: 'site', lost_reason: 'price' }, '## Log\n- 2026-06-01 stage: lead → proposal\n- 2026-07-01 stage: proposal → lost (price)\n'),
  client({ stage: 'lost', source: 'cold', lost_reason: 'no answer' }),
  client({ stage: 'thinking', value: 999 }),
  client({ stage: 'won', value: 1e9 }, '', true),
];
const invoices = [
  invoice({ number: 'INV-1', client: 'c3', status: 'sent', due: '2026-11-01', total: 12000 }),
  invoice({ number: 'INV-2', client: 'c3', status: 'sent', due: '2026-12-01', total: 8000 }),
  invoice({ number: 'INV-3', client: 'c5', status: 'paid', paid_on: '2026-04-15', total: 20000 }),
  invoice({ number: 'INV-4', client: 'nobody', status: 'sent', due: '2026-01-01', total: 1 }),
];
const ctx = createComputeContext(clients, invoices, config, TODAY);

test('funnel: counts and values now, reached, conversion and where the lost ones dropped', () => {
  const report = buildReport(clients, invoices, ctx);
  assert.equal(report.clients, 9, 'the archived record is left out');
  assert.equal(report.otherCurrency, 1);
  assert.equal(report.outsideFunnel, 1);
  assert.deepEqual(
    report.funnel.map((f) => [f.id, f.count, f.value, f.reached, f.conversion, f.lostHere]),
    [
      // reached lead: 2 leads + 2 proposals + 2 won + 2 lost = 8; proposal: 2 + 2 won + 1 lost from proposal = 5.
      ['lead', 2, 30000, 8, 0.63, 0],
      ['proposal', 2, 100000, 5, 0.4, 1],
      ['won', 2, 80000, 2, undefined, 0],
      ['lost', 2, 70000, undefined, undefined, 0],
    ],
  );
  assert.equal(report.lost.unknownStage, 1);
  assert.deepEqual(report.lost.reasons, [{ reason: 'no answer', count: 1 }, { reason: 'price', count: 1 }]);
});

test('won deals, time to a deal, months, sources, owners, stale, invoices and the forecast', () => {
  const report = buildReport(clients, invoices, ctx);
  assert.deepEqual(report.won, { deals: 2, value: 80000, average: 40000, daysToWin: { deals: 2, median: 20, average: 20 } });
  assert.deepEqual(report.months, [
    { month: '2026-03', won: 1, wonValue: 50000, paid: 0 },
    { month: '2026-04', won: 0, wonValue: 0, paid: 70000 },
    { month: '2026-05', won: 1, wonValue: 30000, paid: 0 },
  ]);
  assert.deepEqual(report.sources, [
    { key: 'site', clients: 4, won: 1, wonValue: 30000, lost: 1, winRate: 0.5 },
    { key: 'referral', clients: 3, won: 1, wonValue: 50000, lost: 0, winRate: 1 },
    { key: 'cold', clients: 1, won: 0, wonValue: 0, lost: 1, winRate: 0 },
    { key: '—', clients: 1, won: 0, wonValue: 0, lost: 0 },
  ]);
  assert.deepEqual(report.owners.map((o) => [o.key, o.clients, o.won]), [['ivan', 2, 1], ['—', 7, 1]]);
  assert.deepEqual(report.stale, { total: 1, byStage: [{ stage: 'lead', count: 1 }] });
  assert.deepEqual(report.invoices, { unpaid: { count: 2, total: 20000 }, overdue: { count: 1, total: 12000 } });
  assert.deepEqual(report.forecast, {
    total: 53000,
    stages: [
      { stage: 'lead', value: 30000, probability: 0.1, weighted: 3000 },
      { stage: 'proposal', value: 100000, probability: 0.5, weighted: 50000 },
    ],
  });
});

test('a date range makes a cohort by `created`; orders count only inside it', () => {
  const report = buildReport(clients, invoices, ctx, { from: '2026-03-01', to: '2026-04-30' });
  assert.equal(report.clients, 1);
  assert.deepEqual(report.months, [
    { month: '2026-03', won: 1, wonValue: 50000, paid: 0 },
    { month: '2026-04', won: 0, wonValue: 0, paid: 70000 },
  ]);
  assert.deepEqual(report.invoices.unpaid, { count: 0, total: 0 }, "only the population's invoices");
});

test('lostFromStage reads the last `stage: x → lost` line of the log', () => {
  const record = client({ stage: 'lost' }, '- 2026-01-01 stage: lead → lost\n- 2026-02-01 stage: lost → lead\n- 2026-03-01 stage: Proposal → lost (price)\n');
  assert.equal(lostFromStage(record, new Set(['lost'])), 'Proposal');
  assert.equal(lostFromStage(client({}), new Set(['lost'])), undefined);
});

test('text and CSV show the same figures; CSV parses back with one header', () => {
  const report = buildReport(clients, invoices, ctx);
  const text = reportText(report);
  assert.match(text, /^lead \(Лид\)\s+2\s+30,000\s+8\s+63%\s+0$/m);
  assert.match(text, /^forecast: 53,000 \(lead 30,000 × 0\.1, proposal 100,000 × 0\.5\)$/m);
  assert.match(text, /^unpaid invoices: 2, 20,000; overdue: 1, 12,000$/m);
  const rows = parse(reportCsv(report), { columns: true }) as Record<string, string>[];
  assert.deepEqual(Object.keys(rows[0]!), REPORT_CSV_HEADER);
  assert.deepEqual(rows.find((r) => r['section'] === 'funnel' && r['key'] === 'proposal'), {
    section: 'funnel', key: 'proposal', label: 'КП', count: '2', value: '100000', reached: '5', conversion: '0.4', lost: '1', won: '', won_value: '', win_rate: '', paid: '', probability: '', hours: '', rate: '',
  });
  assert.equal(rows.find((r) => r['section'] === 'forecast' && r['key'] === 'total')?.['value'], '53000');
});

test('revenue and hours per catalogue service: purchases, paid invoice lines before tax, tagged time', () => {
  const catalog = parseCatalog({ services: [{ id: 'landing', name: 'Лендинг', price: 45000 }, { id: 'consulting', name: 'Консультация', unit: 'hour', price: 3000 }, { id: 'shop', name: 'Магазин', price: 1 }] }).services;
  const buyer = client({ stage: 'won', purchases: [{ date: '2026-04-02', amount: 45000, item: 'landing' }, { date: '2026-05-02', amount: 7, item: 'Другое' }] }, '## Log\n- 2026-11-10 2h Звонок #consulting\n- 2026-11-11 30m Правки #Landing\n- 2026-11-12 1h Без услуги #deal-1\n');
  const billed = client({ stage: 'won' });
  const paid = invoice({ client: billed.id, status: 'paid', paid_on: '2026-11-01', total: 10800, tax: 20, items: [{ description: 'Консультация', item: 'consulting', qty: 3, price: 3000 }, { description: 'Прочее', qty: 1, price: 1 }] });
  const draft = invoice({ client: billed.id, status: 'draft', items: [{ description: 'Лендинг', item: 'landing', qty: 1, price: 45000 }] });
  const population = [buyer, billed];
  const report = buildReport(population, [paid, draft], createComputeContext(population, [paid, draft], config, TODAY), { catalog });
  assert.deepEqual(report.services, [
    { id: 'landing', name: 'Лендинг', revenue: 45000, orders: 1, minutes: 30 },
    { id: 'consulting', name: 'Консультация', revenue: 9000, orders: 1, minutes: 120 },
  ]);
  assert.match(reportText(report), /^service\s+orders\s+revenue\s+hours\nlanding \(Лендинг\)\s+1\s+45,000\s+0:30\nconsulting \(Консультация\)\s+1\s+9,000\s+2:00$/m);
  const rows = parse(reportCsv(report), { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.filter((r) => r['section'] === 'service').map((r) => [r['key'], r['label'], r['count'], r['value'], r['hours']]), [
    ['landing', 'Лендинг', '1', '45000', '0.5'],
    ['consulting', 'Консультация', '1', '9000', '2'],
  ]);
  assert.deepEqual(buildReport(population, [paid], createComputeContext(population, [paid], config, TODAY)).services, [], 'no catalogue, no services');
});
