// Completing, rescheduling and adding tasks change only their line (or add one), in .md and .yaml.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyEdits } from '../../../../src/core/edit/textEdit';
import { editRecord } from '../../../../src/core/edit/recordEdit';
import { addTaskOps, completeTaskOps, rescheduleTaskOps, type TaskOps } from '../../../../src/core/tasks/taskEdit';
import { SAMPLE_WORKSPACE } from '../../paths';

const read = (file: string): string => readFileSync(path.join(SAMPLE_WORKSPACE, file), 'utf8');

function run(text: string, ops: TaskOps, format: 'md' | 'yaml'): string {
  assert.ok(ops.ok, ops.ok ? '' : ops.error);
  const result = editRecord(text, ops.ops, { format });
  assert.ok(!('error' in result), 'error' in result ? result.error : '');
  assert.equal(applyEdits(text, result.edits), result.text);
  return result.text;
}

/** The lines that differ: [line number, before, after]. */
function diff(before: string, after: string): Array<[number, string | undefined, string | undefined]> {
  const a = before.split('\n');
  const b = after.split('\n');
  const out: Array<[number, string | undefined, string | undefined]> = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) out.push([i + 1, a[i], b[i]]);
  return out;
}

test('complete: the box is checked and ✓ today appended; nothing else changes', () => {
  const text = read('clients/anna-smirnova.md');
  const after = run(text, completeTaskOps(text, 34, '2026-11-24'), 'md');
  assert.deepEqual(diff(text, after), [[34, '- [ ] 2026-11-25 Call about the revised proposal @ivan@example.com', '- [x] 2026-11-25 Call about the revised proposal @ivan@example.com ✓ 2026-11-24']]);
});

test('complete with logContact also sets last_contact, in place', () => {
  const text = read('clients/anna-smirnova.md');
  const after = run(text, completeTaskOps(text, 34, '2026-11-24', true), 'md');
  assert.deepEqual(diff(text, after).map(([line]) => line), [14, 34]);
  assert.match(after, /^last_contact: 2026-11-24$/m);
});

test('complete refuses a line that is no task, a done task, and a line that changed', () => {
  const text = read('clients/anna-smirnova.md');
  const notTask = completeTaskOps(text, 2, '2026-11-24');
  assert.equal(notTask.ok, false);
  assert.match(notTask.ok ? '' : notTask.error, /line 2 is not a task/);
  assert.equal(completeTaskOps(text, 35, '2026-11-24').ok, false);
  const ops = completeTaskOps(text, 34, '2026-11-24');
  assert.ok(ops.ok);
  const edited = text.replace('Call about the revised proposal', 'Call about the proposal');
  const stale = editRecord(edited, ops.ops, { format: 'md' });
  assert.ok('error' in stale);
  assert.match(stale.error, /changed since it was read/);
});

test('reschedule changes the date only, in a .yaml record\'s notes block too', () => {
  const text = read('clients/artem-nikolaev.yaml');
  const after = run(text, rescheduleTaskOps(text, 26, '2026-11-28'), 'yaml');
  assert.deepEqual(diff(text, after), [[26, '  - [ ] 2026-11-25 Отправить презентацию и кейс «Мебель Урала» @ivan@example.com', '  - [ ] 2026-11-28 Отправить презентацию и кейс «Мебель Урала» @ivan@example.com']]);
});

test('a line edit outside the notes of a .yaml record is refused', () => {
  const text = read('clients/artem-nikolaev.yaml');
  const result = editRecord(text, [{ op: 'line', line: 2, expect: text.split('\n')[1]!, text: '- [ ] x' }], { format: 'yaml' });
  assert.ok('error' in result);
});

test('add: after the last task, at its indentation', () => {
  const text = read('clients/anna-smirnova.md');
  const after = run(text, addTaskOps({ text: 'Отправить договор', due: '2026-11-30', owner: 'ivan@example.com' }), 'md');
  assert.deepEqual(diff(text, after)[0], [37, '', '- [ ] 2026-11-30 Отправить договор @ivan@example.com']);
  assert.equal(after.split('\n').length, text.split('\n').length + 1);
  const yaml = read('clients/artem-nikolaev.yaml');
  const yamlAfter = run(yaml, addTaskOps({ text: 'Call back' }), 'yaml');
  assert.deepEqual(diff(yaml, yamlAfter)[0], [27, '', '  - [ ] Call back']);
});

test('add: with no tasks yet, before the log section with a blank line; else at the end', () => {
  const withLog = '---\nname: A\n---\n## Notes\nText.\n\n## Log\n- 2026-01-01 call: hi\n';
  assert.equal(run(withLog, addTaskOps({ text: 'Call' }), 'md'), '---\nname: A\n---\n## Notes\nText.\n\n- [ ] Call\n\n## Log\n- 2026-01-01 call: hi\n');
  const bare = '---\nname: A\n---\nText.\n';
  assert.equal(run(bare, addTaskOps({ text: 'Call', due: '2026-12-01' }), 'md'), '---\nname: A\n---\nText.\n\n- [ ] 2026-12-01 Call\n');
  const empty = '---\nname: A\n---\n';
  assert.equal(run(empty, addTaskOps({ text: 'Call' }), 'md'), '---\nname: A\n---\n- [ ] Call\n');
  const noNotes = 'name: A\n';
  assert.equal(run(noNotes, addTaskOps({ text: 'Call' }), 'yaml'), 'name: A\nnotes: |\n  - [ ] Call\n');
  const crlf = '---\r\nname: A\r\n---\r\n- [ ] One\r\n';
  assert.equal(run(crlf, addTaskOps({ text: 'Two' }), 'md'), '---\r\nname: A\r\n---\r\n- [ ] One\r\n- [ ] Two\r\n');
});

test('add refuses text that would not read back: multi-line, a date-like start, a trailing @word', () => {
  assert.equal(addTaskOps({ text: 'a\nb' }).ok, false);
  assert.equal(addTaskOps({ text: '  ' }).ok, false);
  assert.equal(addTaskOps({ text: '2026-13-01 x' }).ok, false);
  assert.equal(addTaskOps({ text: 'write to @anna' }).ok, false);
  assert.equal(addTaskOps({ text: 'x', owner: 'two words' }).ok, false);
});
