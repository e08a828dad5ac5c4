// Computed fields (PRODUCT.md §2, §9 "Lifecycle"), on the fixture workspace (today 2026-11-20)
// and on one-off records for the boundaries.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, resolveConfig } from '../../../src/core/config';
import { COMPUTED_FIELDS, createComputeContext, daysToBirthday, lifecycleOf, quintileScore } from '../../../src/core/computed';
import { client, invoice, loadFixture } from './query/queryFixtures';

const TODAY = '2026-11-20';
const config = defaultConfig();

test('orders are purchases plus paid invoices; revenue, last purchase and average check follow', () => {
  const { ctx, byId } = loadFixture();
  // anna: a purchase of 45000 on 2026-04-10 and INV-2026-0001, paid 30000 on 2026-06-01.
  const anna = ctx.computed(byId('anna-smirnova'));
  assert.equal(anna.orders, 2);
  assert.equal(anna.revenue, 75000);
  assert.equal(anna.last_purchase, '2026-06-01');
  assert.equal(anna.avg_check, 37500);
  assert.equal(anna.ltv, 75000, 'ltv is revenue to date');
  // maria's invoice is `sent`, not paid: no order. ivan's `draft` neither.
  assert.equal(ctx.field(byId('maria-kuznetsova'), 'orders'), 0);
  assert.equal(ctx.field(byId('ivan-petrov'), 'orders'), 3);
  assert.equal(ctx.field(byId('ivan-petrov'), 'revenue'), 60000);
});

test('a client with no orders: zero orders and revenue, no last purchase, average check or rfm', () => {
  const { ctx, byId } = loadFixture();
  const john = ctx.computed(byId('john-smith'));
  assert.equal(john.orders, 0);
  assert.equal(john.revenue, 0);
  assert.equal(john.ltv, 0);
  assert.equal(john.last_purchase, undefined);
  assert.equal(john.avg_check, undefined);
  assert.equal(john.rfm, undefined);
  assert.equal(john.lifecycle, 'none');
});

test('an order with an invalid amount or date still counts as an order, but not as revenue or a date', () => {
  const record = client('x', {
    purchases: [{ date: '2026-11-01', amount: 1000 }, { date: '01.11.2026', amount: 'много' }, 'not a purchase'],
  });
  const ctx = createComputeContext([record], [], config, TODAY);
  assert.equal(ctx.field(record, 'orders'), 2);
  assert.equal(ctx.field(record, 'revenue'), 1000);
  assert.equal(ctx.field(record, 'last_purchase'), '2026-11-01');
});

test('a paid invoice counts for the client whose slug it names, dated paid_on', () => {
  const record = client('acme', {});
  const other = client('other', {});
  const invoices = [
    invoice('INV-1', { client: 'acme', status: 'paid', paid_on: '2026-10-01', total: 500 }),
    invoice('INV-2', { client: 'acme', status: 'sent', due: '2026-12-01', total: 900 }),
    invoice('INV-3', { client: 'other', status: 'paid', paid_on: '2026-09-01', total: 100 }),
  ];
  const ctx = createComputeContext([record, other], invoices, config, TODAY);
  assert.deepEqual([ctx.field(record, 'orders'), ctx.field(record, 'revenue'), ctx.field(record, 'last_purchase')], [1, 500, '2026-10-01']);
  assert.deepEqual(ctx.orders(record).map((o) => o.source), ['invoice']);
});

test('days since contact (last_contact, else created), days in stage', () => {
  const { ctx, byId } = loadFixture();
  assert.equal(ctx.field(byId('anna-smirnova'), 'days_since_contact'), 49);
  assert.equal(ctx.field(byId('maria-kuznetsova'), 'days_since_contact'), 19, 'from created');
  assert.equal(ctx.field(byId('john-smith'), 'days_since_contact'), undefined, 'created 15.10.2026 is not a date');
  assert.equal(ctx.field(byId('anna-smirnova'), 'days_in_stage'), 49);
  assert.equal(ctx.field(byId('olga-fyodorova'), 'days_in_stage'), 278);
  assert.equal(ctx.field(byId('ivan-petrov'), 'days_in_stage'), undefined, 'no stage_since');
});

test('days to birthday: 0 on the day, the next occurrence after it, Feb 29 on Feb 28 in common years', () => {
  assert.equal(daysToBirthday('1990-11-20', TODAY), 0);
  assert.equal(daysToBirthday('1990-11-27', TODAY), 7);
  assert.equal(daysToBirthday('1990-11-19', TODAY), 364, 'just passed: next year');
  assert.equal(daysToBirthday('1984-02-29', TODAY), 100, '2027 is common: Feb 28');
  assert.equal(daysToBirthday('1984-02-29', '2027-11-20'), 101, '2028 is leap: Feb 29');
  assert.equal(daysToBirthday('1984-02-29', '2027-02-28'), 0);
  assert.equal(daysToBirthday('14.05.1990', TODAY), undefined);
  const { ctx, byId } = loadFixture();
  assert.equal(ctx.field(byId('anna-smirnova'), 'days_to_birthday'), 7);
  assert.equal(ctx.field(byId('olga-fyodorova'), 'days_to_birthday'), 100);
});

test('lifecycle in §9 order: none, lost (> sleeping_days), sleeping (> active_days), new (1 order), active', () => {
  assert.equal(lifecycleOf(0, undefined, config), 'none');
  assert.equal(lifecycleOf(5, 366, config), 'lost');
  assert.equal(lifecycleOf(5, 365, config), 'sleeping', '365 is not over 365');
  assert.equal(lifecycleOf(1, 181, config), 'sleeping', 'a one-order client goes to sleep too');
  assert.equal(lifecycleOf(2, 180, config), 'active', '180 is still active');
  assert.equal(lifecycleOf(1, 180, config), 'new');
  assert.equal(lifecycleOf(1, 0, config), 'new');
  assert.equal(lifecycleOf(2, undefined, config), 'active', 'undated orders skip the time checks');
  const custom = resolveConfig({ lifecycle: { active_days: 30, sleeping_days: 90 } }).config;
  assert.equal(lifecycleOf(3, 31, custom), 'sleeping');
  assert.equal(lifecycleOf(3, 91, custom), 'lost');
});

test('lifecycle of the fixture clients', () => {
  const { ctx, byId } = loadFixture();
  const lifecycle = (id: string): string => ctx.field(byId(id), 'lifecycle');
  assert.equal(lifecycle('anna-smirnova'), 'active'); // 2 orders, last 172 days ago
  assert.equal(lifecycle('olga-fyodorova'), 'sleeping'); // last 264 days ago
  assert.equal(lifecycle('ivan-petrov'), 'lost'); // last 445 days ago
  assert.equal(lifecycle('john-smith'), 'none');
});

test('quintile score: mid-rank percentile, ties share a score', () => {
  const values = Float64Array.from([1, 2, 3, 4, 5]);
  assert.deepEqual([1, 2, 3, 4, 5].map((v) => quintileScore(values, v)), [1, 2, 3, 4, 5]);
  const ties = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2, 5]);
  assert.equal(quintileScore(ties, 1), 3, 'eight equal values sit in the middle, not split 1..4');
  assert.equal(quintileScore(ties, 5), 5);
  assert.equal(quintileScore(Float64Array.from([7]), 7), 3, 'a lone buyer is average');
});

test('rfm: recency, frequency, monetary quintiles over non-archived clients with orders', () => {
  const { ctx, byId } = loadFixture();
  // Buyers: anna (last 2026-06-01, 2 orders, 75000), olga (2026-03-01, 1, 300000),
  // ivan (2025-09-01, 3, 60000). Three buyers: scores 1, 3, 5 by rank in each dimension.
  assert.equal(ctx.field(byId('anna-smirnova'), 'rfm'), '533');
  assert.equal(ctx.field(byId('olga-fyodorova'), 'rfm'), '315');
  assert.equal(ctx.field(byId('ivan-petrov'), 'rfm'), '151');
  assert.equal(ctx.field(byId('maria-kuznetsova'), 'rfm'), undefined, 'no orders: no rfm');
});

test('archived buyers are not in the rfm population', () => {
  const a = client('a', { purchases: [{ date: '2026-01-01', amount: 100 }] });
  const archived = client('z', { purchases: [{ date: '2026-11-01', amount: 1_000_000 }, { date: '2026-11-02', amount: 1 }] }, { archived: true });
  const ctx = createComputeContext([a, archived], [], config, TODAY);
  assert.equal(ctx.field(a, 'rfm'), '333', 'the only buyer in the population');
});

test('computed() returns every field, and field() is cached per record', () => {
  const { ctx, byId } = loadFixture();
  const anna = byId('anna-smirnova');
  assert.deepEqual(Object.keys(ctx.computed(anna)).sort(), [...COMPUTED_FIELDS].sort());
  assert.equal(ctx.cache(anna), ctx.cache(anna));
  assert.equal(ctx.field(anna, 'rfm'), ctx.field(anna, 'rfm'));
});

test('an invalid today makes day counts missing instead of throwing', () => {
  const { clients, invoices } = loadFixture();
  const ctx = createComputeContext(clients, invoices, config, 'not-a-date');
  const anna = clients.find((c) => c.id === 'anna-smirnova');
  assert.ok(anna);
  assert.equal(ctx.field(anna, 'days_since_contact'), undefined);
  assert.equal(ctx.field(anna, 'days_to_birthday'), undefined);
  assert.equal(ctx.field(anna, 'orders'), 2);
});
