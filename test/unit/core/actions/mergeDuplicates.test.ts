import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { mergeEdits, planMerge } from '../../../../src/core/actions/mergeDuplicates';
import { applyEdits } from '../../../../src/core/edit/textEdit';
import { parseRecordText } from '../../../../src/core/parse/recordText';
import type { CrmRecord } from '../../../../src/core/model';
import { SAMPLE_WORKSPACE } from '../../paths';

function load(file: string): { text: string; record: CrmRecord } {
  const text = readFileSync(path.join(SAMPLE_WORKSPACE, file), 'utf8');
  const record = parseRecordText(file, text, { kind: 'client', archived: false }).record!;
  return { text, record };
}

test('planMerge: copies what the kept record lacks, unites nothing new, keeps differing values in the notes', () => {
  const keep = load('clients/olga-ivanova.md').record;
  const other = load('clients/olga-ivanova-2.md').record;
  const { ops, notes } = planMerge(keep, other, '2026-11-24');
  // Every field of the newer lead is known to the customer record except differing scalars.
  assert.deepEqual(ops, [{ op: 'log', line: '2026-11-24 merged clients/olga-ivanova-2.md' }]);
  assert.ok(notes.includes('- email: Olga.Ivanova@Mail.ru'));
  assert.ok(notes.includes('- stage: lead'));
  assert.ok(!notes.some((n) => n.startsWith('- stage_since')), 'stage_since describes the file, not the client');
  assert.ok(notes.some((n) => n.includes('Новая заявка через форму')), 'the other notes come along');
});

test('mergeEdits: the kept file changes only by the log line and an appended section; front matter untouched', () => {
  const keep = load('clients/olga-ivanova.md');
  const other = load('clients/olga-ivanova-2.md');
  const edits = mergeEdits(keep.text, keep.record, other.record, '2026-11-24');
  assert.ok(Array.isArray(edits));
  const merged = applyEdits(keep.text, edits);
  assert.ok(merged.startsWith(keep.text.slice(0, keep.text.indexOf('## Notes'))), 'the front matter is byte-identical');
  assert.match(merged, /- 2026-11-24 merged clients\/olga-ivanova-2\.md/);
  assert.match(merged, /\n## Merged from clients\/olga-ivanova-2\.md\n\nValues that differed:\n\n- email: Olga\.Ivanova@Mail\.ru\n/);
  assert.ok(merged.endsWith('- 2026-11-23 email: заявка с сайта, ответили автоматически\n'));
});

test('missing fields, new tags and purchases are added in place', () => {
  const keep = parseRecordText('clients/a.md', '---\nname: A\ntags: [x]\n# keep me\n---\n', { kind: 'client', archived: false }).record!;
  const other = parseRecordText('clients/b.md', '---\nname: A\nphone: "+7 912 000-00-00"\ntags: [X, y]\npurchases:\n  - { date: 2026-01-01, amount: 5 }\n---\n', { kind: 'client', archived: false }).record!;
  const text = '---\nname: A\ntags: [x]\n# keep me\n---\n';
  const edits = mergeEdits(text, keep, other, '2026-11-24');
  assert.ok(Array.isArray(edits));
  const merged = applyEdits(text, edits);
  // `y` is quoted: YAML 1.1 readers take a bare y for "yes".
  assert.match(merged, /^---\nname: A\ntags: \[x, "y"\]\n# keep me\n/);
  assert.match(merged, /phone: "\+7 912 000-00-00"|phone: \+7 912 000-00-00/);
  assert.match(merged, /purchases:/);
  assert.doesNotMatch(merged, /## Merged from/, 'nothing differed and there were no notes');
});
