// Where suggestions apply while typing a record, and what they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionContext, completionValues } from '../../../../src/core/complete/frontMatterCompletion';
import { parseCatalog } from '../../../../src/core/catalog';
import { resolveConfig } from '../../../../src/core/config';
import type { CrmRecord } from '../../../../src/core/model';

/** The text with `|` as the cursor, and the context there. */
function at(textWithCursor: string, format: 'md' | 'yaml' = 'md', kind: 'client' | 'invoice' = 'client'): ReturnType<typeof completionContext> {
  const offset = textWithCursor.indexOf('|');
  return completionContext(textWithCursor.replace('|', ''), offset, format, kind);
}

test('the field under the cursor, only inside the fields', () => {
  assert.deepEqual(at('---\nname: A\nstage: pro|\n---\n'), { field: 'stage', prefix: 'pro', flow: false });
  assert.deepEqual(at('---\nstage: |\n---\n'), { field: 'stage', prefix: '', flow: false });
  assert.deepEqual(at('---\ntags: [vip, mos|]\n---\n'), { field: 'tags', prefix: 'mos', flow: true });
  assert.deepEqual(at('---\ntags:\n  - vip\n  - b|\ncity: x\n---\n'), { field: 'tags', prefix: 'b', flow: false });
  assert.deepEqual(at('---\nsource: ref|\n---\n'), { field: 'source', prefix: 'ref', flow: false });
  assert.deepEqual(at('---\nowner: |'), { field: 'owner', prefix: '', flow: false }, 'a new record with no closing fence yet');
  assert.deepEqual(at('stage: l|\n', 'yaml'), { field: 'stage', prefix: 'l', flow: false });
  assert.deepEqual(at('---\nnumber: INV-1\nclient: an|\n---\n', 'md', 'invoice'), { field: 'client', prefix: 'an', flow: false });
  assert.equal(at('---\nname: A\n---\nstage: |\n'), undefined, 'the notes are not fields');
  assert.equal(at('---\npurchases:\n  - |\n---\n'), undefined, 'a list that is not tags');
  assert.equal(at('---\nname: |\n---\n'), undefined);
  assert.equal(at('---\nstage: lead # |\n---\n'), undefined, 'inside a comment');
  assert.deepEqual(at('---\ndeals:\n  - title: SEO\n    stage: pro|\n---\n'), { field: 'stage', prefix: 'pro', flow: false }, 'a deal’s stage');
  assert.deepEqual(at('---\ndeals:\n  - stage: |\n---\n'), { field: 'stage', prefix: '', flow: false });
  assert.equal(at('---\ncustom:\n  stage: |\n---\n'), undefined, 'a nested stage outside deals');
});

test('stages in configured order with labels; tags and values by how often they are used; archived left out', () => {
  const { config } = resolveConfig({ stages: [{ id: 'lead', label: 'Лид' }, 'won'] });
  const record = (data: Record<string, unknown>, archived = false): CrmRecord => ({ kind: 'client', id: String(data['name']), file: `clients/${String(data['name'])}.md`, format: 'md', data, body: '', bodyLine: 0, archived });
  const records = [record({ name: 'a', tags: ['vip', 'b2b'], source: 'referral' }), record({ name: 'b', tags: ['vip'], source: 'site' }), record({ name: 'c', tags: ['vip', 'old'], source: 'site' }, true)];
  assert.deepEqual(completionValues('stage', records, config).map((v) => [v.value, v.detail]), [['lead', 'Лид'], ['won', 'won']]);
  assert.deepEqual(completionValues('tags', records, config).map((v) => [v.value, v.detail]), [['vip', '2 clients'], ['b2b', '1 client']]);
  assert.deepEqual(completionValues('source', records, config).map((v) => v.value), ['referral', 'site']);
  assert.deepEqual(completionValues('client', records, config).map((v) => v.value), ['a', 'b']);
});

test('catalogue ids after `item:` in purchases (block or flow) and in an invoice\'s items', () => {
  assert.deepEqual(at('---\npurchases:\n  - { date: 2026-04-10, amount: 45000, item: la|\n---\n'), { field: 'item', prefix: 'la', flow: true });
  assert.deepEqual(at('---\npurchases:\n  - date: 2026-04-10\n    item: |\n---\n'), { field: 'item', prefix: '', flow: false });
  assert.deepEqual(at('---\npurchases:\n  - item: s|\n---\n'), { field: 'item', prefix: 's', flow: false });
  assert.deepEqual(at('---\nnumber: INV-1\nitems:\n  - { description: Лендинг, item: |\n---\n', 'md', 'invoice'), { field: 'item', prefix: '', flow: true });
  assert.equal(at('---\ndeals:\n  - item: |\n---\n'), undefined, 'not a purchase');
  assert.equal(at('---\nitems:\n  - item: |\n---\n'), undefined, 'a client has no items');
  assert.equal(at('---\npurchases:\n  - { item: landing, amount: |\n---\n'), undefined, 'past the item');
  const { config } = resolveConfig({ currency: 'RUB' });
  const catalog = parseCatalog({ services: [{ id: 'landing', name: 'Лендинг', price: 45000 }, { id: 'usd', name: 'Час', unit: 'hour', price: 50, currency: 'USD' }] }).services;
  assert.deepEqual(completionValues('item', [], config, catalog, 'en-US').map((v) => [v.value, v.detail]), [['landing', 'Лендинг · RUB\u00a045,000'], ['usd', 'Час · $50']]);
  assert.deepEqual(completionValues('item', [], config), [], 'no catalogue, no suggestions');
});
