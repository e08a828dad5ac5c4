// The rules of PRODUCT.md §7/§9 that lint, views and `is:` queries share: stale, overdue action,
// overdue invoice, open/closed stages.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultConfig, resolveConfig } from '../../../src/core/config';
import {
  contactAnchor,
  isClosedStage,
  isOpenRecord,
  isOverdueAction,
  isOverdueInvoice,
  isStale,
  overdueInvoices,
  staleThreshold,
} from '../../../src/core/rules';
import { client, invoice } from './query/queryFixtures';

const TODAY = '2026-11-20';
const config = defaultConfig();
/** `stale: { default: 30, lead: 7, proposal: 14 }`, as in PRODUCT.md §9. */
const staleConfig = resolveConfig({ stale: { default: 30, lead: 7, proposal: 14 } }).config;

test('won and lost are the closed stages by default; others and unknown stages are open', () => {
  assert.ok(isClosedStage('won', config));
  assert.ok(isClosedStage('lost', config));
  assert.ok(isClosedStage('Won', config), 'stage ids compare case-insensitively');
  for (const open of ['lead', 'qualified', 'proposal', 'negotiation', 'no-such-stage']) assert.ok(!isClosedStage(open, config), open);
  const custom = resolveConfig({ stages: ['new', { id: 'paid', outcome: 'won' }, { id: 'lost', closed: false }] }).config;
  assert.ok(isClosedStage('paid', custom));
  assert.ok(!isClosedStage('lost', custom), 'a config can reopen lost');
});

test('is open: the record stage is not closed; a record without stage is a lead', () => {
  assert.ok(isOpenRecord(client('a', { stage: 'proposal' }), config));
  assert.ok(!isOpenRecord(client('a', { stage: 'won' }), config));
  assert.ok(isOpenRecord(client('a', {}), config));
});

test('stale threshold: the stage key, else default; own keys only', () => {
  assert.equal(staleThreshold('lead', staleConfig), 7);
  assert.equal(staleThreshold('Proposal', staleConfig), 14);
  assert.equal(staleThreshold('negotiation', staleConfig), 30);
  assert.equal(staleThreshold('constructor', staleConfig), 30, 'a stage named like an Object.prototype key');
});

test('stale: strictly more days than the threshold — exactly at the threshold is not stale', () => {
  // proposal threshold 14: 2026-11-06 is 14 days before today, 2026-11-05 is 15.
  assert.ok(!isStale(client('a', { stage: 'proposal', last_contact: '2026-11-06' }), staleConfig, TODAY));
  assert.ok(isStale(client('a', { stage: 'proposal', last_contact: '2026-11-05' }), staleConfig, TODAY));
  // default 30 for a stage without its own key
  assert.ok(!isStale(client('a', { stage: 'negotiation', last_contact: '2026-10-21' }), staleConfig, TODAY));
  assert.ok(isStale(client('a', { stage: 'negotiation', last_contact: '2026-10-20' }), staleConfig, TODAY));
});

test('stale counts from last_contact, else created; an invalid date counts as missing', () => {
  assert.ok(isStale(client('a', { stage: 'lead', created: '2026-11-01' }), staleConfig, TODAY), 'created 19 days ago > 7');
  assert.ok(!isStale(client('a', { stage: 'lead', created: '2026-01-01', last_contact: '2026-11-19' }), staleConfig, TODAY));
  assert.ok(isStale(client('a', { stage: 'lead', created: '2026-01-01', last_contact: '19.11.2026' }), staleConfig, TODAY), 'bad last_contact → created');
  assert.equal(contactAnchor(client('a', { created: '2026-01-01', last_contact: '2026-02-30' })), '2026-01-01');
});

test('a record with neither date is not stale', () => {
  assert.ok(!isStale(client('a', { stage: 'lead' }), staleConfig, TODAY));
  assert.ok(!isStale(client('a', { stage: 'lead', created: 'yesterday' }), staleConfig, TODAY));
});

test('stale skips closed stages, lost and archived records', () => {
  const old = { last_contact: '2020-01-01' };
  assert.ok(!isStale(client('a', { ...old, stage: 'won' }), config, TODAY));
  assert.ok(!isStale(client('a', { ...old, stage: 'lost' }), config, TODAY));
  assert.ok(!isStale(client('a', { ...old, stage: 'lead' }, { archived: true }), config, TODAY));
  // Even when a config reopens `lost`, time rules skip it (§9 "skip … the lost stage").
  const reopened = resolveConfig({ stages: ['lead', { id: 'lost', closed: false }] }).config;
  assert.ok(!isStale(client('a', { ...old, stage: 'lost' }), reopened, TODAY));
});

test('a record in an unknown stage is open, so it can be stale', () => {
  assert.ok(isStale(client('a', { stage: 'waiting', last_contact: '2026-01-01' }), config, TODAY));
});

test('overdue action: next_action.date strictly before today', () => {
  assert.ok(isOverdueAction(client('a', { next_action: { date: '2026-11-19' } }), TODAY));
  assert.ok(!isOverdueAction(client('a', { next_action: { date: '2026-11-20' } }), TODAY), 'due today is not overdue');
  assert.ok(!isOverdueAction(client('a', { next_action: { date: '2026-12-01' } }), TODAY));
  assert.ok(!isOverdueAction(client('a', { next_action: { what: 'call' } }), TODAY));
  assert.ok(!isOverdueAction(client('a', { next_action: { date: '19.11.2026' } }), TODAY), 'an invalid date is missing');
  assert.ok(!isOverdueAction(client('a', { next_action: 'call them' }), TODAY));
});

test('overdue action skips the lost stage and archived records, not won', () => {
  const late = { next_action: { date: '2026-01-01' } };
  assert.ok(!isOverdueAction(client('a', { ...late, stage: 'lost' }), TODAY));
  assert.ok(!isOverdueAction(client('a', { ...late, stage: 'Lost' }), TODAY));
  assert.ok(!isOverdueAction(client('a', { ...late, stage: 'lead' }, { archived: true }), TODAY));
  assert.ok(isOverdueAction(client('a', { ...late, stage: 'won' }), TODAY));
  const custom = resolveConfig({ stages: ['lead', { id: 'dropped', outcome: 'lost' }] }).config;
  assert.ok(!isOverdueAction(client('a', { ...late, stage: 'dropped' }), TODAY, custom), 'a stage with outcome lost');
});

test('overdue invoice: status sent and due strictly before today; draft and paid never', () => {
  const sentLate = invoice('INV-1', { status: 'sent', due: '2026-11-19' });
  const sentToday = invoice('INV-2', { status: 'sent', due: '2026-11-20' });
  const draftLate = invoice('INV-3', { status: 'draft', due: '2026-01-01' });
  const paidLate = invoice('INV-4', { status: 'paid', due: '2026-01-01', paid_on: '2026-02-01' });
  const noDue = invoice('INV-5', { status: 'sent' });
  const badDue = invoice('INV-6', { status: 'sent', due: '01.01.2026' });
  assert.ok(isOverdueInvoice(sentLate, TODAY));
  assert.deepEqual(
    overdueInvoices([sentLate, sentToday, draftLate, paidLate, noDue, badDue], TODAY).map((i) => i.id),
    ['INV-1'],
  );
});
