// `plain-crm tasks`, `task add` and `task done` end to end on a copy of the sample workspace.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import ICAL from 'ical.js';
import { SAMPLE_WORKSPACE } from '../paths';
import { runCli } from './runCli';
import type { JsonTask } from '../../../src/cli/commands/tasks';

const dir = mkdtempSync(path.join(tmpdir(), 'plain-crm-tasks-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const ws = path.join(dir, 'ws');
cpSync(SAMPLE_WORKSPACE, ws, { recursive: true });
const cli = (...args: string[]): ReturnType<typeof runCli> => runCli([...args, '-w', ws, '--today', '2026-11-24']);

const tasks = (...args: string[]): JsonTask[] => {
  const run = cli('tasks', ...args, '--format', 'json');
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as JsonTask[];
};

test('tasks --format json: every open task and next action, by due date then name, undated last', () => {
  const all = tasks();
  assert.ok(all.length > 30);
  assert.deepEqual(Object.keys(all[0]!), ['id', 'file', 'line', 'due', 'text', 'owner', 'done', 'kind']);
  const dated = all.filter((t) => t.due !== null).map((t) => t.due!);
  assert.deepEqual(dated, [...dated].sort());
  assert.ok(all.slice(dated.length).every((t) => t.due === null));
  assert.deepEqual(
    all.find((t) => t.id === 'anna-smirnova' && t.kind === 'task'),
    { id: 'anna-smirnova', file: 'clients/anna-smirnova.md', line: 34, due: '2026-11-25', text: 'Call about the revised proposal', owner: 'ivan@example.com', done: false, kind: 'task' },
  );
  // The .yaml record's task has its line in the file too.
  assert.equal(all.find((t) => t.id === 'artem-nikolaev' && t.kind === 'task')?.line, 26);
});

test('tasks --due and --owner narrow the list; a bad --due is exit 2', () => {
  assert.ok(tasks('--due', 'overdue').every((t) => t.due! < '2026-11-24'));
  assert.ok(tasks('--due', 'today').some((t) => t.due === '2026-11-24'));
  const maria = tasks('--owner', 'maria@example.com');
  assert.ok(maria.length > 0 && maria.every((t) => t.owner === 'maria@example.com' || t.owner === null));
  const bad = cli('tasks', '--due', 'soon');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--due: "soon" is not one of overdue, today, week, all/);
});

test('tasks --owner me reads git config user.email', () => {
  execFileSync('git', ['init', '-q', ws]);
  execFileSync('git', ['-C', ws, 'config', 'user.email', 'maria@example.com']);
  assert.deepEqual(tasks('--owner', 'me'), tasks('--owner', 'maria@example.com'));
});

test('tasks prints text: overdue marked !, a count at the end', () => {
  const run = cli('tasks', '--due', 'overdue');
  assert.equal(run.code, 0);
  const lines = run.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^! 2026-09-10 {2}Кирилл Жуков — /);
  assert.match(lines.at(-1)!, /^tasks: \d+$/);
});

test('task add and task done change one line each; the rest of the file is byte-exact', () => {
  const file = path.join(ws, 'clients', 'anna-smirnova.md');
  const before = readFileSync(file, 'utf8');
  const add = cli('task', 'add', 'anna-smirnova', 'Отправить договор', '--due', '+3d', '--owner', 'maria@example.com');
  assert.equal(add.code, 0, add.stderr);
  assert.equal(add.stdout, 'clients/anna-smirnova.md  - [ ] 2026-11-27 Отправить договор @maria@example.com\n');
  const done = cli('task', 'done', 'clients/anna-smirnova.md:34');
  assert.equal(done.code, 0, done.stderr);
  const after = readFileSync(file, 'utf8');
  assert.equal(
    after,
    before
      .replace('- [ ] 2026-11-25 Call about the revised proposal @ivan@example.com', '- [x] 2026-11-25 Call about the revised proposal @ivan@example.com ✓ 2026-11-24')
      .replace('- [x] 2026-11-19 Встреча по КП ✓ 2026-11-19\n', '- [x] 2026-11-19 Встреча по КП ✓ 2026-11-19\n- [ ] 2026-11-27 Отправить договор @maria@example.com\n'),
  );
  assert.ok(tasks().some((t) => t.text === 'Отправить договор' && t.line === 37));
});

test('task errors are exit 2 with the reason, and change nothing', () => {
  const file = path.join(ws, 'clients', 'anna-smirnova.md');
  const before = readFileSync(file, 'utf8');
  for (const [args, message] of [
    [['task', 'done', 'clients/anna-smirnova.md:2'], /line 2 is not a task/],
    [['task', 'done', 'clients/anna-smirnova.md:35'], /already done/],
    [['task', 'done', 'anna'], /is not <file>:<line>/],
    [['task', 'add', 'nobody', 'x'], /no client "nobody"/],
    [['task', 'add', 'anna-smirnova', 'x', '--due', 'someday'], /--due: "someday" is not a date/],
    [['task', 'add', 'anna-smirnova', 'ping @anna'], /would not read back/],
  ] as const) {
    const run = cli(...args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  assert.equal(readFileSync(file, 'utf8'), before);
});

test('tasks --format ics: one event per open dated task or next action, the same UIDs on a second run, --out writes the feed', () => {
  const json = tasks().filter((item) => item.due !== null);
  const run = cli('tasks', '--format', 'ics');
  assert.equal(run.code, 0, run.stderr);
  const undated = tasks().length - json.length;
  assert.equal(run.stderr, `events ${json.length}; without a date (not in the calendar) ${undated}\n`);
  const events = new ICAL.Component(ICAL.parse(run.stdout)).getAllSubcomponents('vevent');
  assert.equal(events.length, json.length);
  const uids = events.map((event) => String(event.getFirstPropertyValue('uid')));
  assert.equal(new Set(uids).size, uids.length, 'each UID once');
  assert.deepEqual(
    events.map((event) => String(event.getFirstPropertyValue('dtstart')).slice(0, 10)),
    json.map((item) => item.due),
  );
  const out = path.join(ws, 'exports', 'tasks.ics');
  const written = cli('tasks', '--format', 'ics', '--out', out);
  assert.equal(written.code, 0, written.stderr);
  assert.equal(readFileSync(out, 'utf8'), run.stdout, 'the same file on a second run (a feed: replaced, same UIDs)');
  assert.equal(cli('tasks', '--format', 'ics', '--out', out).code, 0, 'replaced without --force');
  const wrong = cli('tasks', '--out', out);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--out is for --format ics/);
});
