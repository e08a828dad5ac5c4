// The Problems panel in the real host: every record's problems as `plain-crm lint` finds them (same
// day, same positions), following edits, and quick fixes that change exactly what they should.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlainCrmApi } from '../../../src/extension/extension';
import { cliJson } from './cli';
import { activatedApi, pinToday, waitFor, workspaceRoot } from './helpers';

const TODAY = '2026-11-24';

interface JsonProblem {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

function cliLint(root: string): Promise<JsonProblem[]> {
  // Errors exit 1: the JSON is on stdout either way.
  return cliJson<JsonProblem[]>(root, TODAY, ['lint'], [0, 1]);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Plain CRM');
}

/**
 * The quick fixes VS Code offers for `diagnostic` in the opened document. Right after a document
 * opens, the editor may ask before its markers are attached: ask again until ours show up.
 */
async function quickFixes(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  await vscode.window.showTextDocument(uri);
  const { start, end } = diagnostic.range;
  const range = new vscode.Range(start.line, start.character, end.line, end.character);
  let actions: vscode.CodeAction[] = [];
  await waitFor(`quick fixes for ${String(diagnostic.code)}`, () => actions.length > 0, 10000, async () => {
    const all = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    // Other extensions add their own actions (Markdown's "Insert bold text"); ours are these.
    actions = all.filter((a) => a.command?.command.startsWith('plainCrm.') || /^(Change stage to|Remove the secret|Open the duplicate)/.test(a.title));
  });
  return actions;
}

describe('diagnostics and quick fixes', () => {
  let api: PlainCrmApi;
  let restoreToday = (): void => undefined;
  let root: string;

  before(async () => {
    api = await activatedApi();
    root = workspaceRoot();
    restoreToday = pinToday(TODAY);
    // A reload re-lints everything for the pinned day.
    await vscode.commands.executeCommand('plainCrm.reload');
    await api.diagnostics!.settled();
  });

  after(async () => {
    restoreToday();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('publishes the same problems as `plain-crm lint` for every file, open or not', async () => {
    const expected = (await cliLint(root)).map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.message}`).sort();
    const actual: string[] = [];
    for (const [uri, list] of vscode.languages.getDiagnostics()) {
      const file = path.relative(root, uri.fsPath).split(path.sep).join('/');
      for (const d of list) {
        if (d.source === 'Plain CRM') actual.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${d.message}`);
      }
    }
    actual.sort();
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((line) => line.includes(' stale ')) && actual.some((line) => line.includes(' unknown-stage ')), actual.join('\n'));
  });

  it('points at the key, with severity and related locations', () => {
    const roman = ours(vscode.Uri.file(path.join(root, 'clients', 'roman-kuznetsov.md')));
    const stage = roman.find((d) => d.code === 'unknown-stage');
    assert.ok(stage);
    assert.equal(stage.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(stage.range.start.line, 6);
    const dup = ours(vscode.Uri.file(path.join(root, 'clients', 'olga-ivanova.md'))).find((d) => d.code === 'duplicate');
    assert.ok(dup?.relatedInformation?.[0]?.location.uri.fsPath.endsWith('olga-ivanova-2.md'));
  });

  it('"Change stage to…" fixes an unknown stage: only that line changes, and the diagnostic goes', async () => {
    const uri = vscode.Uri.file(path.join(root, 'clients', 'roman-kuznetsov.md'));
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const stage = ours(uri).find((d) => d.code === 'unknown-stage')!;
    const actions = await quickFixes(uri, stage);
    const fix = actions.find((a) => a.isPreferred && a.title.startsWith('Change stage to'));
    assert.ok(fix?.edit, JSON.stringify(actions.map((a) => [a.title, a.isPreferred])));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const document = await vscode.workspace.openTextDocument(uri);
    const after = document.getText();
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    assert.equal(changed.length, 1, `one line changed:\n${after}`);
    assert.match(changed[0]!, /^stage: \w+$/);
    assert.equal(after.replace(changed[0]!, 'stage: thinking'), before, 'everything else is byte-identical');
    // `files.refactoring.autoSave` may already have saved a file the edit opened, so save() can
    // return false with nothing left to save; the disk content is what counts.
    if (document.isDirty) await document.save();
    await waitFor('the fix on disk', () => fs.readFileSync(uri.fsPath, 'utf8') === after);
    await waitFor('the unknown-stage diagnostic to go', () => !ours(uri).some((d) => d.code === 'unknown-stage'));
    fs.writeFileSync(uri.fsPath, before);
  });

  it('a stale client offers the pipeline commands, and "Snooze 7 days" clears its overdue action', async () => {
    const uri = vscode.Uri.file(path.join(root, 'clients', 'igor-sokolov.md'));
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const overdue = ours(uri).find((d) => d.code === 'overdue-action');
    assert.ok(overdue, 'Игорь Соколов has an overdue next action');
    const actions = await quickFixes(uri, overdue);
    const snooze = actions.find((a) => a.command?.command === 'plainCrm.snoozeClient');
    assert.deepEqual(actions.filter((a) => a.command?.command.startsWith('plainCrm.')).map((a) => a.command!.command), ['plainCrm.logContact', 'plainCrm.snoozeClient', 'plainCrm.setNextAction', 'plainCrm.markLost']);
    await vscode.commands.executeCommand(snooze!.command!.command, ...(snooze!.command!.arguments ?? []));
    assert.match(fs.readFileSync(uri.fsPath, 'utf8'), /date: 2026-12-01/);
    await waitFor('the overdue-action diagnostic to go', () => !ours(uri).some((d) => d.code === 'overdue-action'));
    fs.writeFileSync(uri.fsPath, before);
  });

  it('no-consent offers "Record where the consent came from…", which writes the consent block; the problem goes', async () => {
    const uri = vscode.Uri.file(path.join(root, 'clients', 'viktoriya-orlova.md'));
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const missing = ours(uri).find((d) => d.code === 'no-consent');
    assert.ok(missing, 'Виктория Орлова has a phone and no consent');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(missing.range.start.line, 3, 'on the phone key');
    const actions = await quickFixes(uri, missing);
    const fix = actions.find((a) => a.command?.command === 'plainCrm.recordConsent');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.deepEqual(fix.command!.arguments, ['clients/viktoriya-orlova.md']);
    assert.equal(await vscode.commands.executeCommand('plainCrm.recordConsent', 'clients/viktoriya-orlova.md', undefined, 'form', '2026-11-20'), true);
    const after = fs.readFileSync(uri.fsPath, 'utf8');
    // In the file's own style: its other mappings are flow mappings.
    assert.match(after, /^consent: \{ processing: true, date: 2026-11-20, source: form \}$/m);
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'only the consent line was added');
    await waitFor('the no-consent diagnostic to go', () => !ours(uri).some((d) => d.code === 'no-consent'));
    fs.writeFileSync(uri.fsPath, before);
  });

  it('missing-field offers "Add <field>…", which writes the field; the warning goes', async () => {
    const uri = vscode.Uri.file(path.join(root, 'clients', 'mikhail-orlov.md'));
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const missing = ours(uri).find((d) => d.code === 'missing-field');
    assert.ok(missing, 'Михаил Орлов is in negotiation without requisites.inn (config.required)');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(missing.message, 'stage "negotiation" needs requisites.inn');
    assert.equal(missing.range.start.line, 6, 'on the stage key');
    const actions = await quickFixes(uri, missing);
    const fix = actions.find((a) => a.command?.command === 'plainCrm.addMissingField');
    assert.ok(fix, actions.map((a) => a.title).join(' | '));
    assert.equal(fix.title, 'Add requisites.inn…');
    assert.deepEqual(fix.command!.arguments, ['clients/mikhail-orlov.md', ['requisites', 'inn']]);
    // The value the input box would ask for, given as the command's third argument.
    assert.equal(await vscode.commands.executeCommand('plainCrm.addMissingField', ...fix.command!.arguments!, '7812345675'), true);
    const after = fs.readFileSync(uri.fsPath, 'utf8');
    assert.match(after, /^requisites: \{ inn: "7812345675" \}$/m, 'the INN stays text');
    assert.equal(after.split('\n').length, before.split('\n').length + 1, 'only the requisites line was added');
    await waitFor('the missing-field diagnostic to go', () => !ours(uri).some((d) => d.code === 'missing-field'));
    fs.writeFileSync(uri.fsPath, before);
  });

  it('no-next-step offers "Set next action…" first, then a task or lost; setting one clears it', async () => {
    const uri = vscode.Uri.file(path.join(root, 'clients', 'pavel-romashkin.md'));
    const before = fs.readFileSync(uri.fsPath, 'utf8');
    const none = ours(uri).find((d) => d.code === 'no-next-step');
    assert.ok(none, 'Павел Ромашкин has only an overdue next action');
    assert.equal(none.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(none.message, /^no next step: \d+ days in stage "qualified"/);
    const actions = await quickFixes(uri, none);
    // Quick fixes only: the deals feature adds a "Split into deals" refactoring on a stage key.
    const commands = actions.filter((a) => a.kind !== undefined && vscode.CodeActionKind.QuickFix.contains(a.kind)).map((a) => a.command?.command);
    assert.deepEqual(commands, ['plainCrm.setNextAction', 'plainCrm.addTask', 'plainCrm.markLost']);
    const set = actions.find((a) => a.command?.command === 'plainCrm.setNextAction')!;
    assert.equal(set.isPreferred, true);
    assert.deepEqual(set.command!.arguments, ['clients/pavel-romashkin.md']);
    assert.equal(await vscode.commands.executeCommand('plainCrm.setNextAction', 'clients/pavel-romashkin.md', undefined, { date: '2026-12-01', what: 'Созвониться' }), true);
    await waitFor('the no-next-step diagnostic to go', () => !ours(uri).some((d) => d.code === 'no-next-step'));
    fs.writeFileSync(uri.fsPath, before);
  });

  it('"Merge … into this record" merges the duplicate and archives it; the duplicate warnings go', async () => {
    const keepUri = vscode.Uri.file(path.join(root, 'clients', 'olga-ivanova.md'));
    const otherPath = path.join(root, 'clients', 'olga-ivanova-2.md');
    const keepBefore = fs.readFileSync(keepUri.fsPath, 'utf8');
    const otherBefore = fs.readFileSync(otherPath, 'utf8');
    const dup = ours(keepUri).find((d) => d.code === 'duplicate')!;
    const actions = await quickFixes(keepUri, dup);
    const merge = actions.find((a) => a.command?.command === 'plainCrm.mergeDuplicates');
    assert.ok(merge, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(merge.title, 'Merge clients/olga-ivanova-2.md into this record (archives it)');
    const archived = await vscode.commands.executeCommand<string>(merge.command!.command, ...(merge.command!.arguments ?? []));
    assert.equal(archived, 'clients/archive/olga-ivanova-2.md');
    assert.equal(fs.existsSync(otherPath), false);
    assert.equal(fs.readFileSync(path.join(root, archived), 'utf8'), otherBefore, 'the duplicate is moved, not rewritten');
    const merged = fs.readFileSync(keepUri.fsPath, 'utf8');
    assert.ok(merged.startsWith(keepBefore.slice(0, keepBefore.indexOf('---\n## Notes'))), 'the front matter is untouched');
    assert.match(merged, /## Merged from clients\/olga-ivanova-2\.md/);
    await waitFor('the duplicate warning to go', () => !ours(keepUri).some((d) => d.code === 'duplicate'));
    fs.renameSync(path.join(root, archived), otherPath);
    fs.writeFileSync(keepUri.fsPath, keepBefore);
    // The store follows the files moved back on disk (the file watcher), as after a `git checkout`.
    await waitFor('the store to see the duplicate back in clients/', () => api.store.byFile('clients/olga-ivanova-2.md') !== undefined && api.store.byFile(archived) === undefined);
    await waitFor('the store to see the merged record restored', () => !/Merged from/.test(api.store.byFile('clients/olga-ivanova.md')?.body ?? 'Merged from'));
  });
});
