// Working the pipeline in the real host: drag and drop through the view's controller, the
// commands' effect on the record text (byte-exact outside the edited fields), undo, unsaved
// editors, new and archived clients, and the Needs attention view.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { ClientNode, PipelineTreeNode, StageNode } from '../../../src/extension/features/pipelineView';
import { activatedApi, itemText, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-20';
const PROBES = ['zz-probe-one', 'zz-probe-two'];
const probeText = (name: string): string =>
  [
    '---',
    `name: ${name}   # a comment that must survive`,
    'company: ООО «Проба»',
    'stage: qualified',
    'tags: [probe]',
    'last_contact: 2026-11-19',
    'value: 1000',
    '---',
    '## Notes',
    'Written by the integration tests.',
    '',
    '## Log',
    '- 2026-11-19 call: first call',
    '',
  ].join('\n');

describe('pipeline edits', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  const file = (id: string): string => path.join(workspaceRoot(), 'clients', `${id}.md`);
  const read = (id: string): Promise<string> => fs.readFile(file(id), 'utf8');

  before(async () => {
    restoreToday = pinToday(TODAY);
    api = await activatedApi();
  });

  beforeEach(async () => {
    for (const [i, id] of PROBES.entries()) await fs.writeFile(file(id), probeText(`Проба ${i + 1}`));
    await api.store.updateFiles(PROBES.map((id) => `clients/${id}.md`));
    // VS Code keeps a model of files an earlier test edited; wait until it has re-read the disk.
    for (const [i, id] of PROBES.entries()) {
      const model = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file(id));
      if (model) await waitFor(`${id} re-read`, () => model.getText() === probeText(`Проба ${i + 1}`));
    }
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of PROBES) await fs.rm(file(id), { force: true });
    await fs.rm(path.join(workspaceRoot(), 'clients', 'archive', 'zz-probe-one.md'), { force: true });
    await api.store.updateFiles([], [...PROBES.map((id) => `clients/${id}.md`), 'clients/archive/zz-probe-one.md']);
  });

  after(() => {
    restoreToday();
  });

  function stage(id: string): StageNode {
    const node = api.pipelineProvider!.getChildren().find((n: PipelineTreeNode) => n.kind === 'stage' && n.group.stage.id === id);
    assert.ok(node && node.kind === 'stage', `stage ${id}`);
    return node;
  }

  function probes(stageId: string): ClientNode[] {
    return (api.pipelineProvider!.getChildren(stage(stageId)) as ClientNode[]).filter((c) => c.record.id.startsWith('zz-probe'));
  }

  it('drags two clients onto a stage: both move, with stage_since and a log line, nothing else changes', async () => {
    const dragged = probes('qualified');
    assert.equal(dragged.length, 2);
    const data = new vscode.DataTransfer();
    await api.pipelineDragAndDrop!.handleDrag(dragged, data);
    await api.pipelineDragAndDrop!.handleDrop(stage('negotiation'), data);
    await waitFor('both probes in negotiation', () => probes('negotiation').length === 2);
    assert.equal(probes('qualified').length, 0);
    assert.equal(
      await read('zz-probe-one'),
      probeText('Проба 1')
        .replace('stage: qualified', 'stage: negotiation')
        .replace('value: 1000\n', 'value: 1000\nstage_since: 2026-11-20\n')
        .replace('- 2026-11-19 call: first call\n', '- 2026-11-19 call: first call\n- 2026-11-20 stage: qualified → negotiation\n'),
    );
  });

  it('Mark as lost records the reason; Move to Stage takes the stage from its argument', async () => {
    const one = probes('qualified').find((c) => c.record.id === 'zz-probe-one')!;
    assert.equal(await vscode.commands.executeCommand('plainCrm.markLost', one, undefined, 'price'), true);
    const text = await read('zz-probe-one');
    assert.match(text, /^stage: lost$/m);
    assert.match(text, /^lost_reason: price$/m);
    assert.match(text, /- 2026-11-20 stage: qualified → lost \(price\)\n$/);
    assert.equal(await vscode.commands.executeCommand('plainCrm.moveToStage', 'clients/zz-probe-two.md', undefined, 'proposal'), true);
    assert.match(await read('zz-probe-two'), /^stage: proposal$/m);
  });

  it('Log contact sets last_contact, logs the line and the next action; Undo brings the text back', async () => {
    const original = await read('zz-probe-one');
    const document = await vscode.workspace.openTextDocument(file('zz-probe-one'));
    await vscode.window.showTextDocument(document);
    const next = { date: '2026-12-01', what: 'Прислать договор' };
    assert.equal(await vscode.commands.executeCommand('plainCrm.logContact', undefined, undefined, 'meeting', 'обсудили сроки', next), true);
    const expected = original
      .replace('last_contact: 2026-11-19', 'last_contact: 2026-11-20')
      .replace('value: 1000\n', 'value: 1000\nnext_action: { date: 2026-12-01, what: Прислать договор }\n')
      .replace('- 2026-11-19 call: first call\n', '- 2026-11-19 call: first call\n- 2026-11-20 meeting: обсудили сроки\n');
    assert.equal(await read('zz-probe-one'), expected, 'saved: the file was not dirty before');
    await vscode.commands.executeCommand('undo');
    await waitFor('undo', () => document.getText() === original);
  });

  it('edits an unsaved editor without saving it, and the view follows the unsaved text', async () => {
    const document = await vscode.workspace.openTextDocument(file('zz-probe-two'));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.replace(document.lineAt(3).range, 'stage: proposal'));
    await waitFor('the view to follow the unsaved stage', () => probes('proposal').some((c) => c.record.id === 'zz-probe-two'));
    assert.equal(await vscode.commands.executeCommand('plainCrm.snoozeClient', 'clients/zz-probe-two.md', undefined, 7), true);
    assert.ok(document.isDirty, 'a dirty editor stays unsaved');
    assert.match(document.getText(), /^stage: proposal$/m);
    assert.match(document.getText(), /^next_action: \{ date: 2026-11-27, what: /m);
    assert.equal(await read('zz-probe-two'), probeText('Проба 2'), 'the disk is untouched');
  });

  it('New client creates a slug file from a Cyrillic name and never overwrites one', async () => {
    const created = await vscode.commands.executeCommand<string>('plainCrm.newClient', 'Зз Проба Новая', 'new@example.ru', 'lead');
    assert.equal(created, 'clients/zz-proba-novaia.md');
    const again = await vscode.commands.executeCommand<string>('plainCrm.newClient', 'Зз Проба Новая', '', 'lead');
    assert.equal(again, 'clients/zz-proba-novaia-2.md');
    const text = await fs.readFile(path.join(workspaceRoot(), created), 'utf8');
    assert.match(text, /^name: Зз Проба Новая\nemail: new@example.ru\nstage: lead\ncreated: 2026-11-20\n/m);
    for (const f of [created, again]) await fs.rm(path.join(workspaceRoot(), f));
    await api.store.updateFiles([], [created, again]);
  });

  it('Archive moves the file into clients/archive/ (nothing deleted) and out of the views', async () => {
    const text = await read('zz-probe-one');
    const moved = await vscode.commands.executeCommand<string[]>('plainCrm.archiveClient', 'clients/zz-probe-one.md');
    assert.deepEqual(moved, ['clients/archive/zz-probe-one.md']);
    assert.equal(await fs.readFile(path.join(workspaceRoot(), 'clients', 'archive', 'zz-probe-one.md'), 'utf8'), text);
    await assert.rejects(fs.stat(file('zz-probe-one')));
    await waitFor('the archived probe gone from the view', () => !probes('qualified').some((c) => c.record.id === 'zz-probe-one'));
  });

  it('Needs attention lists overdue and stale clients, most urgent first, with a badge count', async () => {
    const provider = api.needsAttentionProvider!;
    const groups = await provider.getChildren();
    const reasons = groups.map((n) => (n.kind === 'reason' ? n.reason : ''));
    assert.ok(reasons.length > 0);
    const order = ['overdue-action', 'overdue-invoice', 'stale', 'birthday', 'unqualified'];
    assert.deepEqual(reasons, [...reasons].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    // The view's groups (worked out between slices) are the ones worked out at once.
    assert.deepEqual(groups, provider.reasonNodes());
    for (const group of groups) {
      const items = (await provider.getChildren(group)).map((c) => provider.getTreeItem(c));
      assert.equal(itemText(provider.getTreeItem(group)).description, String(items.length));
    }
    assert.ok(provider.clientCount() > 0);
    assert.equal(await provider.clientCountInSlices(), provider.clientCount());
  });
});
