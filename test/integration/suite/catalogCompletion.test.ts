// The service catalogue in the real editor: catalogue ids complete after `item:` in a purchase,
// hovering one shows the service, and Create Invoice takes `id[:qty]` items from the catalogue.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, pinToday, workspaceRoot } from './helpers';

const PURCHASE = '  - { date: 2026-06-10, amount: 45000, item: landing }';

async function completions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  // Providers attach a moment after the document opens; ask until ours answer.
  for (let attempt = 0; attempt < 20; attempt++) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    if (labels.includes('landing')) return labels;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return [];
}

describe('catalogue completion and hover', () => {
  const created: string[] = [];
  let restoreToday: () => void = () => undefined;

  before(async () => {
    const api = await activatedApi();
    await api.ready;
    restoreToday = pinToday('2026-11-24');
  });

  after(async () => {
    restoreToday();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) fs.rmSync(path.join(workspaceRoot(), file), { force: true });
  });

  it('suggests the catalogue ids after `item:` in a purchase, in catalogue order', async () => {
    const api = await activatedApi();
    assert.deepEqual(api.store.catalog.map((s) => s.id), ['landing', 'shop', 'seo', 'support', 'consulting']);
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'clients', 'anna-smirnova.md'));
    const editor = await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l === PURCHASE);
    assert.ok(line >= 0, 'the sample purchase names the landing service');
    const typed = '  - { date: 2026-06-10, amount: 45000, item: ';
    await editor.edit((b) => b.replace(document.lineAt(line).range, typed));
    const labels = await completions(document, new vscode.Position(line, typed.length));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, typed.length));
    const landing = list.items.find((i) => i.label === 'landing');
    // The half-typed line must not outlive the test: the store follows unsaved editors.
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    assert.ok(!document.isDirty);
    assert.deepEqual(labels.slice(0, 5), ['landing', 'shop', 'seo', 'support', 'consulting']);
    assert.match(String(landing?.detail), /^Лендинг · 45\s000\s₽$/);
  });

  it('hovering a catalogue id in a purchase shows the service', async () => {
    const document = await vscode.workspace.openTextDocument(path.join(workspaceRoot(), 'clients', 'anna-smirnova.md'));
    await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((l) => l === PURCHASE);
    const position = new vscode.Position(line, PURCHASE.indexOf('landing') + 2);
    let text = '';
    for (let attempt = 0; attempt < 20 && !text.includes('landing'); attempt++) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      if (!text.includes('landing')) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Record text is escaped for Markdown (`\(`, `\.`): compare it unescaped.
    assert.match(text.replace(/\\/g, ''), /^\*\*landing\*\* · Лендинг \(Landing page\) · 45\s000\s₽ \/ шт\. · (no VAT|без НДС)$/);
  });

  it('Create Invoice takes catalogue items as id[:qty]', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.createInvoice', 'clients/olga-ivanova.md', undefined, ['consulting:2', 'Правки; 1; 1000']);
    assert.ok(file, 'an invoice was written');
    created.push(file);
    const text = fs.readFileSync(path.join(workspaceRoot(), file), 'utf8');
    assert.match(text, /^ {2}- \{ description: "Консультация", item: consulting, qty: 2, price: 3500, unit: ч, tax: 0 \}$/m);
    assert.match(text, /^currency: RUB$/m);
  });
});
