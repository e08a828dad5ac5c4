// The JSON Schemas are part of the product: editors use them for completion, lint for checks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { schemaIssues } from '../../../src/core/validate';
import { REPO_ROOT } from '../paths';

const SCHEMAS = ['client', 'config', 'invoice', 'segments', 'playbooks', 'catalog', 'template'] as const;

test('every schema is draft-07 with a title, a description and described properties', () => {
  for (const name of SCHEMAS) {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', `${name}.schema.json`), 'utf8')) as Record<string, unknown>;
    assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#', name);
    assert.ok(typeof schema['title'] === 'string' && typeof schema['description'] === 'string', name);
    const properties = (schema['properties'] ?? {}) as Record<string, { description?: string }>;
    for (const [key, property] of Object.entries(properties)) {
      assert.ok(property.description, `${name}.${key} has no description`);
    }
  }
});

test('client: name is required; e-mail and dates are checked; unknown fields are allowed', () => {
  assert.deepEqual(schemaIssues('client', { name: 'Анна', telegram: '@anna', city: 'Москва' }), []);
  assert.deepEqual(
    schemaIssues('client', { company: 'X' }).map((i) => i.code),
    ['schema'],
  );
  const issues = schemaIssues('client', { name: 'B', email: 'b@@x', last_contact: '15.10.2026', value: 'договорная', next_action: { date: '2026-13-01' } });
  assert.deepEqual(
    issues.map((i) => `${i.code}:${i.path.join('.')}`).sort(),
    ['invalid-date:last_contact', 'invalid-date:next_action.date', 'invalid-email:email', 'schema:value'],
  );
  assert.match(issues.find((i) => i.code === 'schema')!.message, /"договорная" is not a number/);
});

test('client: empty optional fields are not errors', () => {
  assert.deepEqual(schemaIssues('client', { name: 'A', email: null, last_contact: null, lost_reason: null, value: null }), []);
});

test('client: the whole PRODUCT.md §2 example record is valid', () => {
  const record = {
    name: 'Анна Смирнова', company: 'ООО «Ромашка»', email: 'anna@romashka.ru', phone: '+7 912 345-67-89', city: 'Москва',
    stage: 'proposal', tags: ['b2b', 'vip', 'moscow'], value: 120000, currency: 'RUB', source: 'referral', owner: 'ivan@example.com',
    created: '2026-01-15', last_contact: '2026-10-02', next_action: { date: '2026-11-25', what: 'Send revised proposal' },
    birthday: '1990-05-14', stage_since: '2026-10-02', consent: { processing: true, email: true, sms: false, date: '2026-03-01' },
    unsubscribed: false, lost_reason: null, purchases: [{ date: '2026-04-10', amount: 45000, item: 'Landing page' }],
  };
  assert.deepEqual(schemaIssues('client', record), []);
});

test('config: unknown keys are schema issues; stage objects are checked', () => {
  assert.deepEqual(schemaIssues('config', null), []);
  assert.deepEqual(schemaIssues('config', { stages: ['lead', { id: 'won', probability: 1, closed: true, outcome: 'won' }], currency: 'RUB' }), []);
  const issues = schemaIssues('config', { colour_scheme: 'dark', stages: [{ id: 'x', probability: 2 }] });
  assert.ok(issues.some((i) => i.message.includes('unknown key "colour_scheme"')), JSON.stringify(issues));
  assert.ok(issues.some((i) => i.path.join('.') === 'stages.0.probability'), JSON.stringify(issues));
});

test('invoice: number, client, date and status are required; status is an enum', () => {
  assert.deepEqual(schemaIssues('invoice', { number: 'INV-2026-0001', client: 'anna', date: '2026-10-01', status: 'paid', paid_on: '2026-10-10', total: 1 }), []);
  const issues = schemaIssues('invoice', { number: 'INV-2026-0001', client: 'anna', date: '2026-10-01', status: 'unpaid' });
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /not one of draft, sent, paid/);
});

test('segments: a query string or { query, description }', () => {
  assert.deepEqual(schemaIssues('segments', { vip: 'tag:vip', moscow: { query: 'city:Москва', description: 'Москва' } }), []);
  assert.equal(schemaIssues('segments', { broken: { description: 'no query' } }).length > 0, true);
});
