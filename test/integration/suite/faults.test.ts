// Faults that involve editors: the file changes on disk while its editor holds unsaved work. The
// command edits what the user sees, keeps it unsaved, and the disk keeps the other version: VS Code
// then asks which one wins when the user saves. Nothing is overwritten silently.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, waitFor, workspaceRoot } from './helpers';

describe('faults with editors', () => {
  const file = 'clients/denis-makarov.md';
  let original: string;

  before(async () => {
    await activatedApi();
    original = fs.readFileSync(path.join(workspaceRoot(), file), 'utf8');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    fs.writeFileSync(path.join(workspaceRoot(), file), original);
  });

  it('a dirty editor and a change on disk: the command edits the editor, and neither version is lost', async () => {
    const abs = path.join(workspaceRoot(), file);
    const document = await vscode.workspace.openTextDocument(abs);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount - 1, 0), 'Черновик в редакторе\n'));
    const theirs = original.replace(/^## Notes$/m, '## Notes\nПравка из git pull');
    assert.notEqual(theirs, original);
    fs.writeFileSync(abs, theirs);
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(await vscode.commands.executeCommand('plainCrm.snoozeClient', file, undefined, 7), true);
    assert.ok(document.isDirty, 'the editor stays unsaved');
    assert.match(document.getText(), /Черновик в редакторе/);
    assert.match(document.getText(), /next_action: \{ date: /);
    await waitFor('the disk to keep the other version', () => fs.readFileSync(abs, 'utf8') === theirs, 2000);
  });

  it('Revert File drops the unsaved text the views were showing: the store goes back to the disk', async () => {
    const api = await activatedApi();
    const abs = path.join(workspaceRoot(), 'clients', 'elena-kozlova.md');
    const document = await vscode.workspace.openTextDocument(abs);
    const editor = await vscode.window.showTextDocument(document);
    const stageLine = document.getText().split('\n').findIndex((l) => l.startsWith('stage:'));
    const before = api.store.byFile('clients/elena-kozlova.md')?.data.stage;
    await editor.edit((b) => b.replace(document.lineAt(stageLine).range, 'stage: won'));
    await waitFor('the store to follow the unsaved stage', () => api.store.byFile('clients/elena-kozlova.md')?.data.stage === 'won');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.ok(!document.isDirty);
    await waitFor('the store back at the saved stage', () => api.store.byFile('clients/elena-kozlova.md')?.data.stage === before);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
