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
});
