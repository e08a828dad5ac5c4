// Tasks of the sample workspace: rows, order, owner and due filters, groups at the day boundary.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { WorkspaceStore } from '../../../../src/core/store';
import { countTasks, countTasksInSlices, listTasks, recordTasks, taskGroup } from '../../../../src/core/tasks/tasks';
import { SAMPLE_WORKSPACE } from '../../paths';

const TODAY = '2026-11-24';
let store: WorkspaceStore;
before(async () => {
  store = new WorkspaceStore(SAMPLE_WORKSPACE);
  await store.load();
});

test('a record gives its checklist lines with their file lines, and its next action', () => {
  const anna = store.get('anna-smirnova')!;
  const { items } = recordTasks(anna);
  const tasks = items.filter((i) => i.kind === 'task');
  assert.deepEqual(
    tasks.map((i) => [i.line, i.due, i.text, i.owner, i.done]),
    [
      [34, '2026-11-25', 'Call about the revised proposal', 'ivan@example.com', false],
      [35, '2026-11-10', 'Send the proposal', undefined, true],
      [36, '2026-11-19', 'Встреча по КП', undefined, true],
    ],
  );
  const next = items.find((i) => i.kind === 'next_action')!;
  assert.deepEqual([next.line, next.due, next.text, next.owner], [0, '2026-11-25', 'Отправить исправленное КП', 'ivan@example.com']);
});

test('checklist lines inside fenced code are not tasks', () => {
  const record = { ...store.get('anna-smirnova')!, body: '```\n- [ ] 2026-01-01 not a task\n```\n- [ ] a task\n', bodyLine: 10 };
  assert.deepEqual(recordTasks(record).items.filter((i) => i.kind === 'task').map((i) => [i.line, i.text]), [[13, 'a task']]);
});

test('the list: open only, by due date, undated last, then by name', () => {
  const rows = listTasks(store.clients(), { today: TODAY });
  assert.ok(rows.length > 20, `${rows.length} rows`);
  assert.ok(rows.every((r) => !r.done));
  const dated = rows.filter((r) => r.due !== undefined);
  assert.deepEqual(dated.map((r) => r.due), [...dated.map((r) => r.due)].sort());
  const firstUndated = rows.findIndex((r) => r.due === undefined);
  assert.ok(firstUndated > 0 && rows.slice(firstUndated).every((r) => r.due === undefined));
  assert.ok(rows.some((r) => r.kind === 'next_action') && rows.some((r) => r.kind === 'task'));
});

test('--owner: a task\'s own @owner wins; unowned tasks and next actions take the client\'s owner', () => {
  const maria = listTasks(store.clients(), { today: TODAY, owner: 'MARIA@example.com' });
  assert.ok(maria.length > 0);
  for (const row of maria) {
    const clientOwner = store.get(row.id)!.data.owner;
    assert.ok(row.owner === 'maria@example.com' || (row.owner === undefined && clientOwner === 'maria@example.com') || (row.kind === 'next_action' && clientOwner === 'maria@example.com'), JSON.stringify(row));
  }
  // Kick-off is Maria's although Mikhail Orlov's client belongs to Ivan.
  assert.ok(maria.some((r) => r.id === 'mikhail-orlov' && r.text.startsWith('Kick-off')));
  assert.ok(!listTasks(store.clients(), { today: TODAY, owner: 'ivan@example.com' }).some((r) => r.text.startsWith('Kick-off')));
});

test('--due: overdue < today; today includes overdue; week includes the next 7 days', () => {
  const overdue = listTasks(store.clients(), { today: TODAY, due: 'overdue' });
  assert.ok(overdue.length > 0 && overdue.every((r) => r.due! < TODAY));
  assert.ok(overdue.some((r) => r.id === 'kirill-zhukov' && r.due === '2026-09-10'));
  const today = listTasks(store.clients(), { today: TODAY, due: 'today' });
  assert.ok(today.every((r) => r.due! <= TODAY) && today.some((r) => r.due === TODAY));
  const week = listTasks(store.clients(), { today: TODAY, due: 'week' });
  assert.ok(week.every((r) => r.due! <= '2026-12-01') && week.some((r) => r.due === '2026-12-01'));
  assert.ok(!week.some((r) => r.due === '2026-12-02'));
});

test('groups at the day boundary: yesterday overdue, today, +1…+7 this week, +8 later, none', () => {
  assert.equal(taskGroup({ due: '2026-11-23' }, TODAY), 'overdue');
  assert.equal(taskGroup({ due: '2026-11-24' }, TODAY), 'today');
  assert.equal(taskGroup({ due: '2026-11-25' }, TODAY), 'week');
  assert.equal(taskGroup({ due: '2026-12-01' }, TODAY), 'week');
  assert.equal(taskGroup({ due: '2026-12-02' }, TODAY), 'later');
  assert.equal(taskGroup({}, TODAY), 'none');
  assert.equal(taskGroup({ due: '2026-12-31' }, '2026-12-31'), 'today');
  assert.equal(taskGroup({ due: '2027-01-01' }, '2026-12-31'), 'week');
});

test('archived clients have no tasks in the list', () => {
  const archived = store.clients({ includeArchived: true }).filter((r) => r.archived);
  const ids = new Set(archived.map((r) => r.id));
  assert.ok(!listTasks(store.clients({ includeArchived: true }), { today: TODAY }).some((r) => ids.has(r.id)));
});

test('countTasks counts what listTasks lists, for every filter, and so does it in slices', async () => {
  for (const due of ['all', 'overdue', 'today', 'week'] as const) {
    for (const owner of [undefined, 'ivan', 'maria']) {
      const filter = { today: '2026-11-20', due, ...(owner !== undefined && { owner }) };
      const listed = listTasks(store.clients(), filter).length;
      assert.equal(countTasks(store.clients(), filter), listed, `${due} ${owner}`);
      assert.equal(await countTasksInSlices(store.clients(), filter, 0), listed, `${due} ${owner}, sliced`);
    }
  }
  assert.ok(countTasks(store.clients(), { today: '2026-11-20', due: 'today' }) > 0);
});
