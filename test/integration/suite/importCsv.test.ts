// "Import Clients from CSV…" in the real host: the Excel sample (Windows-1251, `;`) creates and
// updates the same files as `plain-crm import csv`, as one edit that respects unsaved editors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import type { ImportResult } from '../../../src/extension/features/importCsv';
import { cliOutput } from './cli';
import { activatedApi, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

describe('CSV import', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  let root: string;
  const annaFile = 'clients/anna-smirnova.md';
  let annaBefore: string;
  let result: ImportResult | undefined;

  before(async () => {
    api = await activatedApi();
    restoreToday = pinToday(TODAY);
    root = workspaceRoot();
    annaBefore = fs.readFileSync(path.join(root, annaFile), 'utf8');
  });

  after(async () => {
    restoreToday();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    for (const file of result?.created ?? []) fs.rmSync(path.join(root, file), { force: true });
    fs.writeFileSync(path.join(root, annaFile), annaBefore);
    await waitFor('the store to drop the imported records', () => (result?.created ?? []).every((f) => api.store.byFile(f) === undefined));
    await waitFor('the store to see Анна Смирнова restored', () => !(api.store.byFile(annaFile)?.data.tags ?? []).includes('интернет-магазин'));
  });

  it('imports what the CLI plans, keeping an unsaved edit of a matched record', async () => {
    const csv = vscode.Uri.file(path.join(root, 'examples', 'contacts-excel-1251.csv'));
    // Skipped rows make the dry run exit 1; the plan is on stdout either way.
    const dryRun = await cliOutput(root, TODAY, ['import', 'csv', csv.fsPath, '--dry-run'], [0, 1]);
    const planned = (kind: string): string[] => [...dryRun.matchAll(new RegExp(`: ${kind} (clients/\\S+)`, 'g'))].map((m) => m[1]!);
    assert.deepEqual(planned('update'), [annaFile]);

    // The user is editing Анна's notes and has not saved.
    const document = await vscode.workspace.openTextDocument(path.join(root, annaFile));
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount - 1, 0), 'Черновик заметки\n'));
    assert.ok(document.isDirty);

    result = await vscode.commands.executeCommand<ImportResult>('plainCrm.importCsv', csv, { assumeYes: true });
    assert.ok(result);
    assert.deepEqual(result.created, planned('create'));
    assert.deepEqual(result.updated, [annaFile]);
    assert.equal(result.skipped, 2);
    for (const file of result.created) {
      assert.ok(fs.existsSync(path.join(root, file)), `${file} is on disk`);
      assert.ok(api.store.byFile(file), `${file} is in the store`);
    }
    assert.equal(api.store.byFile('clients/petr-vasilev.md')?.data.email, 'petr@example.ru');
    assert.deepEqual(api.store.byFile('clients/petr-vasilev.md')?.data.tags, ['новый', 'vip']);

    // The matched record: the import's fields and the user's draft are both in the editor, still
    // unsaved; the disk keeps the last saved text until the user saves.
    assert.ok(document.isDirty, 'the editor stays unsaved');
    assert.match(document.getText(), /tags: \[b2b, vip, moscow, repeat, интернет-магазин\]/);
    assert.match(document.getText(), /^position: Директор$/m);
    assert.match(document.getText(), /Черновик заметки/);
    assert.equal(fs.readFileSync(path.join(root, annaFile), 'utf8'), annaBefore);
  });

  it('a second import of the same file changes nothing', async () => {
    const csv = vscode.Uri.file(path.join(root, 'examples', 'contacts-excel-1251.csv'));
    const again = await vscode.commands.executeCommand<ImportResult>('plainCrm.importCsv', csv, { assumeYes: true });
    assert.deepEqual(again, { created: [], updated: [], skipped: 2 });
  });
});
