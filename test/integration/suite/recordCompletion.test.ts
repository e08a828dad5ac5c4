// Typing a record in the real editor: VS Code's completion and hover providers give what ours
// compute (stages from the config, tags from the workspace, the client of an invoice).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, workspaceRoot } from './helpers';

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  // Providers attach a moment after the document opens; ask until ours answer.
  for (let attempt = 0; attempt < 20; attempt++) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    if (labels.includes('proposal') || labels.includes('vip')) return labels;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

describe('record completion and hover', () => {
  before(async () => {
    await activatedApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('suggests the configured stages after `stage:` and the workspace tags in `tags: [`', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'clients', 'anna-smirnova.md'));
    const editor = await vscode.window.showTextDocument(document);
    const stageLine = document.getText().split('\n').findIndex((l) => l.startsWith('stage:'));
    const stages = await completions(document, new vscode.Position(stageLine, 'stage: '.length));
    assert.deepEqual(stages.slice(0, 6), ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost']);
    const tagsLine = document.getText().split('\n').findIndex((l) => l.startsWith('tags:'));
    await editor.edit((b) => b.replace(document.lineAt(tagsLine).range, 'tags: [b2b, '));
    const tags = await completions(document, new vscode.Position(tagsLine, 'tags: [b2b, '.length));
    // The half-typed line must not outlive the test: the store follows unsaved editors.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(!document.isDirty);
    assert.ok(tags.includes('vip') && tags.includes('moscow'), tags.join(' '));
  });

  it("hovering an invoice's client shows the client's name", async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'invoices', '2026', 'INV-2026-0001.md'));
    await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l.startsWith('client:'));
    assert.ok(line >= 0);
    let text = '';
    for (let attempt = 0; attempt < 20 && !text; attempt++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(line, 'client: '.length + 1));
      text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (!text) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const slug = document.lineAt(line).text.replace(/^client:\s*/, '').trim();
    const api = await activatedApi();
    const name = String(api.store.get(slug)?.data.name ?? '');
    assert.ok(name && text.includes(name.replace(/[-.]/g, (c) => `\\${c}`)), `${text} mentions ${name}`);
  });
});
