// Where suggestions apply while typing a record, and what they are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { completionContext, completionValues } from '../../../../src/core/complete/frontMatterCompletion';
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
