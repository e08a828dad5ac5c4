// "Merge duplicates": the kept record absorbs the other one (missing fields, tags, purchases, the
// differing values and the notes; see core/actions/mergeDuplicates) and the other file moves to
// the archive. Both happen in one WorkspaceEdit, so one Undo brings both files back.
import * as vscode from 'vscode';
import { archiveFile } from '../../core/actions/newClient';
import { mergeEdits } from '../../core/actions/mergeDuplicates';
import { recordName } from '../../core/recordFields';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';
import { fileExists } from './newClient';
import { registerWriteCommand } from '../trust';

export function registerMergeDuplicates(ctx: FeatureContext): vscode.Disposable[] {
  const command = registerWriteCommand('plainCrm.mergeDuplicates', async (keepFile?: string, otherFile?: string) => {
    await ctx.ready;
    const keep = typeof keepFile === 'string' ? ctx.store.byFile(keepFile) : undefined;
    const other = typeof otherFile === 'string' ? ctx.store.byFile(otherFile) : undefined;
    if (!keep || !other || keep === other || keep.kind !== 'client' || other.kind !== 'client') {
      void vscode.window.showErrorMessage(vscode.l10n.t('Merge duplicates needs two client records (run it from the quick fix of a duplicate).'));
      return undefined;
    }
    const keepUri = recordUri(ctx, keep);
    const document = await vscode.workspace.openTextDocument(keepUri);
    const edits = mergeEdits(document.getText(), keep, other, ctx.today());
    if (!Array.isArray(edits)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: {1}', recordName(keep), edits.error));
      return undefined;
    }
    const target = archiveFile(other.file, ctx.store.config, fileExists(ctx));
    const metadata: vscode.WorkspaceEditEntryMetadata = { label: vscode.l10n.t('Merge {0} into {1}', other.file, keep.file), needsConfirmation: false };
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(keepUri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText, metadata);
    edit.renameFile(recordUri(ctx, other), vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), target), { overwrite: false }, metadata);
    const wasDirty = document.isDirty;
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not apply the edit to {0}.', keep.file));
      return undefined;
    }
    if (!wasDirty) await document.save();
    await ctx.store.updateFiles([keep.file, target], [other.file]);
    void vscode.window.showInformationMessage(vscode.l10n.t('Merged {0} into {1}; the duplicate is archived as {2}.', other.file, keep.file, target));
    return target;
  });
  return [command];
}
