// overdue-task and task dates on the tasks fixture, "today" pinned to 2026-11-24.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { lintWorkspace } from '../../../../src/core/lint';
import type { Problem } from '../../../../src/core/model';
import { WorkspaceStore } from '../../../../src/core/store';
import { FIXTURES } from '../../paths';

let problems: Problem[] = [];
before(async () => {
  const store = new WorkspaceStore(path.join(FIXTURES, 'workspaces', 'tasks'));
  await store.load();
  problems = await lintWorkspace(store, { today: '2026-11-24' });
});

const at = (code: string): string[] => problems.filter((p) => p.code === code).map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column}`);

test('overdue-task: open tasks dated before today, on their line; done, today, undated, lost and archived are not', () => {
  assert.deepEqual(at('overdue-task'), ['clients/notes.yaml:6:3', 'clients/open.md:7:1']);
  const task = problems.find((p) => p.code === 'overdue-task' && p.file === 'clients/open.md')!;
  assert.equal(task.severity, 'warning');
  assert.equal(task.message, 'task "Overdue by a day" was due 2026-11-23, 1 day ago');
  assert.deepEqual(task.data, { date: '2026-11-23', days: 1 });
  const yaml = problems.find((p) => p.code === 'overdue-task' && p.file === 'clients/notes.yaml')!;
  assert.equal(yaml.message, 'task "Send the catalogue" was due 2026-11-20, 4 days ago');
});

test('a task date that is none is invalid-date on the date itself, in .md and in a .yaml notes block', () => {
  assert.deepEqual(at('invalid-date'), ['clients/notes.yaml:7:9', 'clients/open.md:11:9', 'clients/open.md:12:7']);
  const bad = problems.find((p) => p.code === 'invalid-date' && p.file === 'clients/open.md')!;
  assert.equal(bad.severity, 'error');
  assert.equal(bad.message, 'task date 2026-13-40 is not a date; write YYYY-MM-DD');
  assert.equal(bad.range.end.column - bad.range.start.column, '2026-13-40'.length);
});
