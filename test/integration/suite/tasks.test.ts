// Tasks in the real host: the Tasks view against `plain-crm tasks --format json`, and Complete,
// Reschedule and Add task changing exactly their line of a probe record (undoable).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { TaskNode, TasksTreeNode } from '../../../src/extension/features/tasksView';
import { cliJson, cliOutput } from './cli';
import { activatedApi, pinToday, screenshot, waitFor, workspaceRoot } from './helpers';
import type { JsonTask } from '../../../src/cli/commands/tasks';

const TODAY = '2026-11-24';
const PROBE = 'clients/zz-task-probe.md';
const PROBE_TEXT = [
  '---',
  'name: Задачная Проба   # a comment that must survive',
  'stage: qualified',
  'last_contact: 2026-11-19',
  '---',
  '## Notes',
  '- [ ] 2026-11-20 Прислать смету @probe@example.com',
  '- [ ] Позвонить',
  '',
  '## Log',
  '- 2026-11-19 call: first call',
  '',
].join('\n');

describe('tasks', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  const probe = (): string => path.join(workspaceRoot(), PROBE);
  const tasks = (): TaskNode[] => {
    const provider = api.tasksProvider!;
    return provider.getChildren().flatMap((group: TasksTreeNode) => provider.getChildren(group)) as TaskNode[];
  };
  const probeTasks = (): TaskNode[] => tasks().filter((node) => node.item.file === PROBE);

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    await vscode.commands.executeCommand('plainCrm.reload');
  });
  after(() => restoreToday());

  beforeEach(async () => {
    await fs.writeFile(probe(), PROBE_TEXT);
    await api.store.updateFiles([PROBE]);
    const model = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === probe());
    if (model) await waitFor('the probe re-read', () => model.getText() === PROBE_TEXT);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.rm(probe(), { force: true });
    await api.store.updateFiles([], [PROBE]);
  });

  it('shows the same tasks, in the same order, as `plain-crm tasks --format json`, grouped by day', async () => {
    const cli = await cliJson<JsonTask[]>(workspaceRoot(), TODAY, ['tasks']);
    const view = tasks().map(({ item }) => ({ id: item.id, file: item.file, line: item.line, due: item.due ?? null, text: item.text, owner: item.owner ?? null, done: item.done, kind: item.kind }));
    assert.ok(cli.length > 20);
    assert.deepEqual(view, cli);
    const provider = api.tasksProvider!;
    const groups = provider.getChildren().map((g) => String(provider.getTreeItem(g).label));
    assert.deepEqual(groups, ['Overdue', 'Today', 'This week', 'Later', 'No date']);
    const overdue = provider.getChildren()[0]!;
    assert.ok(provider.getChildren(overdue).every((n) => (n as TaskNode).item.due! < TODAY));
    await vscode.commands.executeCommand('plainCrm.tasks.focus');
    await screenshot('tasks-view');
  });

  it('Complete checks the box and appends ✓ today on that line only; Undo takes it back', async () => {
    const node = probeTasks().find((n) => n.item.text === 'Прислать смету');
    assert.ok(node, 'the probe task is in the view');
    assert.equal(node.parent.group, 'overdue');
    const document = await vscode.workspace.openTextDocument(probe());
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('plainCrm.completeTask', node), true);
    const expected = PROBE_TEXT.replace('- [ ] 2026-11-20 Прислать смету @probe@example.com', '- [x] 2026-11-20 Прислать смету @probe@example.com ✓ 2026-11-24');
    assert.equal(await fs.readFile(probe(), 'utf8'), expected);
    await waitFor('the task to leave the view', () => !probeTasks().some((n) => n.item.text === 'Прислать смету'));
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => document.getText() === PROBE_TEXT);
  });

  it('Complete and log contact also sets last_contact', async () => {
    const node = probeTasks().find((n) => n.item.text === 'Позвонить')!;
    assert.equal(await vscode.commands.executeCommand('plainCrm.completeTaskAndLogContact', node), true);
    const text = await fs.readFile(probe(), 'utf8');
    assert.match(text, /^last_contact: 2026-11-24$/m);
    assert.match(text, /^- \[x\] Позвонить ✓ 2026-11-24$/m);
  });

  it('Reschedule moves the date (and the task to its new group); nothing else changes', async () => {
    const node = probeTasks().find((n) => n.item.text === 'Прислать смету')!;
    assert.equal(await vscode.commands.executeCommand('plainCrm.rescheduleTask', node, '2026-11-27'), true);
    assert.equal(await fs.readFile(probe(), 'utf8'), PROBE_TEXT.replace('2026-11-20 Прислать', '2026-11-27 Прислать'));
    await waitFor('the task in This week', () => probeTasks().find((n) => n.item.text === 'Прислать смету')?.parent.group === 'week');
  });

  it('an overdue task is an overdue-task warning on its line, with Complete and Reschedule quick fixes', async () => {
    const uri = vscode.Uri.file(probe());
    const find = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(uri).find((d) => d.code === 'overdue-task');
    await waitFor('the overdue-task problem', () => find() !== undefined);
    const diagnostic = find()!;
    assert.equal(diagnostic.range.start.line, 6);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    await vscode.window.showTextDocument(uri);
    let actions: vscode.CodeAction[] = [];
    await waitFor('the quick fixes', () => actions.length > 0, 10000, async () => {
      const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range);
      actions = all.filter((a) => a.command?.command === 'plainCrm.completeTask' || a.command?.command === 'plainCrm.rescheduleTask');
    });
    assert.deepEqual(actions.map((a) => a.title), ['Complete the task', 'Reschedule the task…']);
    const fix = actions[0]!.command!;
    assert.equal(await vscode.commands.executeCommand(fix.command, ...(fix.arguments ?? [])), true);
    assert.match(await fs.readFile(probe(), 'utf8'), /^- \[x\] 2026-11-20 Прислать смету @probe@example\.com ✓ 2026-11-24$/m);
    await waitFor('the problem to go', () => find() === undefined);
  });

  it('Move to won fires the sample playbook: two tasks and a tag in the same edit; one Undo takes all back', async () => {
    const document = await vscode.workspace.openTextDocument(probe());
    await vscode.window.showTextDocument(document);
    assert.equal(await vscode.commands.executeCommand('plainCrm.moveToStage', PROBE, undefined, 'won'), true);
    const text = await fs.readFile(probe(), 'utf8');
    assert.match(text, /^stage: won$/m);
    assert.match(text, /^tags: \[client\]$/m);
    assert.match(text, /^- \[ \] 2026-12-08 Попросить отзыв <!-- playbook:won-deal 2026-11-24 -->$/m);
    assert.match(text, /^- \[ \] 2027-05-24 Предложить повторную продажу <!-- playbook:won-deal 2026-11-24 -->$/m);
    await waitFor('the playbook tasks in the view', () => probeTasks().some((n) => n.item.text === 'Попросить отзыв'));
    await vscode.commands.executeCommand('undo');
    await waitFor('one undo for the move and the playbook', () => document.getText() === PROBE_TEXT);
  });

  it('Run Playbooks adds the due date rules once (the CLI agrees: nothing left to do)', async () => {
    const root = workspaceRoot();
    const before = await cliOutput(root, TODAY, ['playbooks', 'run', '--dry-run', '--format', 'json']);
    const due = JSON.parse(before) as { file: string }[];
    assert.ok(due.length > 0);
    assert.equal(await vscode.commands.executeCommand('plainCrm.runPlaybooks', true), due.length);
    assert.deepEqual(JSON.parse(await cliOutput(root, TODAY, ['playbooks', 'run', '--dry-run', '--format', 'json'])), []);
    assert.equal(await vscode.commands.executeCommand('plainCrm.runPlaybooks', true), 0);
  });

  it('Add task puts one line after the last task', async () => {
    assert.equal(await vscode.commands.executeCommand('plainCrm.addTask', PROBE, undefined, 'Отправить договор', '2026-11-25'), true);
    assert.equal(await fs.readFile(probe(), 'utf8'), PROBE_TEXT.replace('- [ ] Позвонить\n', '- [ ] Позвонить\n- [ ] 2026-11-25 Отправить договор\n'));
    await waitFor('the new task in the view', () => probeTasks().some((n) => n.item.text === 'Отправить договор' && n.parent.group === 'week'));
  });
});
