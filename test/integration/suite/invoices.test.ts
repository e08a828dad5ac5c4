// Invoices in the real host: create from a client, mark paid (revenue follows), render HTML and
// PDF, and renumber one of two invoices that share a number.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { activatedApi, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

describe('invoices', () => {
  let api: PlainCrmApi;
  let root: string;
  let restoreToday = (): void => undefined;
  const created: string[] = [];

  before(async () => {
    api = await activatedApi();
    root = workspaceRoot();
    restoreToday = pinToday(TODAY);
  });

  let annaText = '';
  before(() => {
    annaText = fs.readFileSync(path.join(workspaceRoot(), 'clients', 'anna-smirnova.md'), 'utf8');
  });

  after(async () => {
    restoreToday();
    fs.writeFileSync(path.join(root, 'clients', 'anna-smirnova.md'), annaText);
    await api.store.updateFiles(['clients/anna-smirnova.md']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of created) fs.rmSync(path.join(root, file), { force: true });
    fs.rmSync(path.join(root, 'exports', 'invoices'), { recursive: true, force: true });
  });

  const revenue = (id: string): unknown => api.queries.computeContext().field(api.store.get(id)!, 'revenue');

  it('Create Invoice writes the next numbered draft for the client and opens it', async () => {
    const file = await vscode.commands.executeCommand<string>('plainCrm.createInvoice', 'clients/anna-smirnova.md', undefined, ['Лендинг; 1; 65000', 'Правки; 2; 1500,50; ч']);
    assert.equal(file, 'invoices/2026/INV-2026-0006.md');
    created.push(file);
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    assert.match(text, /^number: INV-2026-0006$/m);
    assert.match(text, /^client: anna-smirnova$/m);
    assert.match(text, /^total: 68001$/m);
    assert.ok(vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('INV-2026-0006.md'));
    assert.equal(api.store.byFile(file)?.kind, 'invoice');
  });

  it('Mark Invoice Paid sets status and paid_on, and the client\'s revenue grows by the total', async () => {
    const before = revenue('anna-smirnova') as number;
    assert.equal(await vscode.commands.executeCommand('plainCrm.markInvoicePaid', created[0], '2026-11-25'), true);
    const text = fs.readFileSync(path.join(root, created[0]!), 'utf8');
    assert.match(text, /^status: paid$/m);
    assert.match(text, /^paid_on: 2026-11-25$/m);
    assert.equal(revenue('anna-smirnova'), before + 68001);
    // The sample's invoice_paid rule: a task in the client's notes whose action is the thank-you draft.
    const clientText = fs.readFileSync(path.join(root, 'clients', 'anna-smirnova.md'), 'utf8');
    assert.match(clientText, /^- \[ \] 2026-11-24 Поблагодарить за оплату ✉ thank-you \(INV-2026-0006\) @ivan@example\.com <!-- playbook:invoice-paid 2026-11-24 -->$/m);
    const provider = api.tasksProvider!;
    const nodes = provider.getChildren().flatMap((group) => provider.getChildren(group));
    const node = nodes.find((n) => n.kind === 'task' && n.item.text.includes('✉ thank-you'));
    assert.ok(node, 'the task is in the Tasks view');
    assert.equal(provider.getTreeItem(node).contextValue, 'plainCrm.messageTask', 'offers the message inline');
    const message = await vscode.commands.executeCommand<string>('plainCrm.composeTaskMessage', node, 'copy', false);
    assert.match(message, /Получили оплату по счёту № INV-2026-0006 на сумму 68\s001,00\s₽/);
    assert.equal(await vscode.env.clipboard.readText(), `Счёт № INV-2026-0006 оплачен — спасибо!\n\n${message}`);
    // Marked paid again: no second task.
    assert.equal(await vscode.commands.executeCommand('plainCrm.markInvoicePaid', created[0], '2026-11-25'), true);
    assert.equal(fs.readFileSync(path.join(root, 'clients', 'anna-smirnova.md'), 'utf8'), clientText);
  });

  it('Render Invoice writes the HTML and a PDF into exports/invoices', async () => {
    const written = await vscode.commands.executeCommand<string[]>('plainCrm.renderInvoice', created[0]);
    assert.deepEqual(written, ['exports/invoices/INV-2026-0006.html', 'exports/invoices/INV-2026-0006.pdf']);
    assert.match(fs.readFileSync(path.join(root, written[0]!), 'utf8'), /ООО «Ромашка»/, 'the buyer is the company');
    assert.equal(fs.readFileSync(path.join(root, written[1]!)).subarray(0, 5).toString('latin1'), '%PDF-');
  });

  it('two invoices with one number get the collision error; Renumber gives one the next number and file name', async () => {
    const copy = 'invoices/2026/INV-2026-0006-from-branch.md';
    fs.writeFileSync(path.join(root, copy), fs.readFileSync(path.join(root, created[0]!), 'utf8').replace('status: paid', 'status: draft'));
    created.push(copy);
    const uri = vscode.Uri.file(path.join(root, copy));
    await waitFor('the collision diagnostic', () => vscode.languages.getDiagnostics(uri).some((d) => d.code === 'invoice-number-collision'));
    // Named after another number than its own, the copy keeps its file name.
    assert.equal(await vscode.commands.executeCommand('plainCrm.renumberInvoice', copy), 'INV-2026-0007');
    assert.match(fs.readFileSync(path.join(root, copy), 'utf8'), /^number: INV-2026-0007$/m);
    await waitFor('the collision to go', () => !vscode.languages.getDiagnostics(uri).some((d) => d.code === 'invoice-number-collision'));
  });
});
