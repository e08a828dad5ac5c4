// Restricted Mode (run with PLAIN_CRM_IT_RESTRICTED=1, see package.json "test:restricted"): the
// views, search and statistics work; every command that writes refuses and no file changes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi, workspaceRoot } from './helpers';

const restricted = process.env['PLAIN_CRM_IT_RESTRICTED'] === '1';

/** Every file of the workspace with its bytes, to prove that nothing was written. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), fs.readFileSync(path.join(entry.parentPath, entry.name), 'latin1'));
  }
  return out;
}

(restricted ? describe : describe.skip)('Restricted Mode', () => {
  it('is untrusted, and the views and search still work', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = await activatedApi();
    assert.ok(api.store.clients().length > 30);
    const stats = await vscode.commands.executeCommand<{ records: number }>('plainCrm.showStats');
    assert.equal(stats.records, api.store.clients().length);
    assert.ok(api.pipelineProvider);
  });

  it('every command that writes refuses, and no file changes', async () => {
    const root = workspaceRoot();
    const before = snapshot(root);
    const client = 'clients/anna-smirnova.md';
    const results = [
      await vscode.commands.executeCommand('plainCrm.moveToStage', client, undefined, 'won'),
      await vscode.commands.executeCommand('plainCrm.snoozeClient', client, undefined, 7),
      await vscode.commands.executeCommand('plainCrm.logContact', client, undefined, 'call', 'x', null),
      await vscode.commands.executeCommand('plainCrm.newClient', 'Зз Недоверие', '', 'lead'),
      await vscode.commands.executeCommand('plainCrm.archiveClient', client),
      await vscode.commands.executeCommand('plainCrm.addSegment', 'zz', 'tag:vip'),
      await vscode.commands.executeCommand('plainCrm.exportMailing', { segment: { name: 'vip', query: 'tag:vip' } }, undefined, true, null),
      await vscode.commands.executeCommand('plainCrm.importCsv', vscode.Uri.file(path.join(root, 'examples', 'contacts-excel-1251.csv')), { assumeYes: true }),
      await vscode.commands.executeCommand('plainCrm.createInvoice', client, undefined, ['Работа; 1; 1000']),
    ];
    assert.deepEqual(results, results.map(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepEqual(snapshot(root), before);
  });
});
