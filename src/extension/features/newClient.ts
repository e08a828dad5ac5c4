// "New Client" and "Archive Client" (PRODUCT.md §4): a new record from a name with a safe slug
// (never over an existing file), and archiving as a move into the archive folder — a rename,
// so git sees `git mv` and nothing is ever deleted.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { archiveFile, newClientFile, newClientText } from '../../core/actions/newClient';
import { editRecord, isEditError } from '../../core/edit/recordEdit';
import { parseRecordText } from '../../core/parse/recordText';
import { eventFirings } from '../../core/playbooks/fire';
import { recordName } from '../../core/recordFields';
import { type ClientTarget, targetClients } from '../clientTarget';
import { confirmFirings } from '../playbookPrompt';
import type { FeatureContext } from '../featureContext';
import { userSettings } from '../settings';
import { registerWriteCommand } from '../trust';

export function fileExists(ctx: FeatureContext): (file: string) => boolean {
  // The store knows every record; the case-insensitive check also covers files the store skipped.
  const known = new Set(ctx.store.files().map((e) => e.file.toLowerCase()));
  return (file) => known.has(file.toLowerCase());
}

async function existsOnDisk(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function registerNewClient(ctx: FeatureContext): vscode.Disposable[] {
  const root = (): vscode.Uri => vscode.Uri.file(ctx.store.root);

  const create = registerWriteCommand('plainCrm.newClient', async (nameArg?: string, emailArg?: string, stageArg?: string) => {
    const name =
      nameArg ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('New client'),
        prompt: vscode.l10n.t('Name (a person or a company)'),
        validateInput: (text) => (text.trim() === '' ? vscode.l10n.t('A client needs a name') : undefined),
      }));
    if (name === undefined || name.trim() === '') return undefined;
    const email = emailArg ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('E-mail (optional)'), prompt: name }));
    if (email === undefined) return undefined;
    let stage = stageArg;
    if (stage === undefined) {
      const picked = await vscode.window.showQuickPick(
        ctx.store.config.stages.map((s) => ({ label: s.label, description: s.id, id: s.id })),
        { title: vscode.l10n.t('Stage') },
      );
      if (!picked) return undefined;
      stage = picked.id;
    }
    const exists = fileExists(ctx);
    let file = newClientFile(name, ctx.store.config, exists);
    let uri = vscode.Uri.joinPath(root(), file);
    // A file the store does not know (ignored, unreadable) still must not be overwritten.
    for (let n = 2; await existsOnDisk(uri); n++) {
      file = newClientFile(`${name} ${n}`, ctx.store.config, exists);
      uri = vscode.Uri.joinPath(root(), file);
    }
    let text = newClientText({ name, email, stage, ...(userSettings().defaultOwner ? { owner: userSettings().defaultOwner! } : {}) }, ctx.store.config, ctx.today());
    // Playbooks for a new client go into the new file itself: one Undo removes both.
    const parsed = parseRecordText(file, text, { kind: 'client', archived: false }).record;
    const firings = parsed ? eventFirings(ctx.store.playbooks, { kind: 'created' }, parsed, ctx.queries.computeContext()) : [];
    const withPlaybooks = await confirmFirings(firings, 1);
    if (withPlaybooks === undefined) return undefined;
    if (withPlaybooks && firings.length > 0) {
      const result = editRecord(text, firings.flatMap((f) => f.ops), { format: parsed!.format });
      if (!isEditError(result)) text = result.text;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { ignoreIfExists: false, overwrite: false, contents: Buffer.from(text, 'utf8') });
    if (!(await vscode.workspace.applyEdit(edit, { isRefactoring: false }))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not create {0}.', file));
      return undefined;
    }
    await ctx.store.updateFile(file);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(document.lineCount - 1, 0, document.lineCount - 1, 0) });
    return file;
  });

  const archive = registerWriteCommand('plainCrm.archiveClient', async (clicked?: ClientTarget, selected?: unknown) => {
    const records = (await targetClients(ctx, clicked, selected, vscode.l10n.t('Archive which client?'))).filter((r) => !r.archived);
    if (records.length === 0) return [];
    const exists = fileExists(ctx);
    const taken = new Set<string>();
    const edit = new vscode.WorkspaceEdit();
    const moves: [string, string][] = [];
    for (const record of records) {
      const target = archiveFile(record.file, ctx.store.config, (f) => exists(f) || taken.has(f.toLowerCase()));
      taken.add(target.toLowerCase());
      moves.push([record.file, target]);
      edit.renameFile(vscode.Uri.joinPath(root(), record.file), vscode.Uri.joinPath(root(), target), { overwrite: false }, {
        label: vscode.l10n.t('Archive {0}', recordName(record)),
        needsConfirmation: false,
      });
    }
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not move the record to {0}.', path.posix.dirname(moves[0]![1])));
      return [];
    }
    await ctx.store.updateFiles(moves.map(([, to]) => to), moves.map(([from]) => from));
    return moves.map(([, to]) => to);
  });

  return [create, archive];
}
