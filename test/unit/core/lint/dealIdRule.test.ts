// `duplicate-deal-id`: a second deal with an id the client already uses, on its `id` key.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveConfig } from '../../../../src/core/config';
import { dealIdRule } from '../../../../src/core/lint/dealIdRule';
import { fileLocator } from '../../../../src/core/lint/locate';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import type { WorkspaceStore } from '../../../../src/core/store';

const ctx = { store: undefined as unknown as WorkspaceStore, config: resolveConfig({}).config, today: '2026-11-24' };
const check = (front: string): string[] =>
  dealIdRule.checkRecord!(parseRecordText('clients/a.md', `---\nname: A\n${front}\n---\n`, { kind: 'client', archived: false }).record!, ctx).map((f) => `${'path' in f ? f.path.join('.') : ''}: ${f.message}`);

test('distinct ids, a record without deals and untitled deals numbered by position have no finding', () => {
  assert.deepEqual(check('deals:\n  - { id: shop, stage: lead }\n  - { id: seo, stage: won }'), []);
  assert.deepEqual(check('stage: lead'), []);
  assert.deepEqual(check('deals:\n  - { stage: lead }\n  - { stage: won }'), []);
});

test('a repeated id (any case), or a position that equals an explicit id, is a warning on the second deal', () => {
  assert.deepEqual(check('deals:\n  - { id: seo, stage: lead }\n  - { id: SEO, stage: won }'), ['deals.1.id: deal id "SEO" is already the id of deal 1 of this client: give each deal its own id']);
  assert.deepEqual(check('deals:\n  - { id: "2", stage: lead }\n  - { stage: won }'), ['deals.1: deal id "2" is already the id of deal 1 of this client: give each deal its own id']);
});

test('the warning sits on the id key of that list item', () => {
  const text = '---\nname: A\ndeals:\n  - id: seo\n    stage: lead\n  - id: seo\n    stage: won\n---\n';
  const record = parseRecordText('clients/a.md', text, { kind: 'client', archived: false }).record!;
  const [finding] = dealIdRule.checkRecord!(record, ctx);
  assert.ok(finding);
  assert.deepEqual(fileLocator('clients/a.md', text).at(finding), { start: { line: 6, column: 5 }, length: 2 });
});
