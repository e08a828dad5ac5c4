// Applies the core's text edits to a workspace file through a `WorkspaceEdit` (PRODUCT.md §6): it
// respects what is unsaved in an open editor, it is one undo step, and the file is saved only if
// it had no unsaved changes before (the user's own unsaved work is never saved behind their back).
import * as vscode from 'vscode';
import type { TextEdit } from '../core/edit/textEdit';

export type EditComputation = { ok: true; edits: TextEdit[] } | { ok: false; error: string };

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Computes edits from the file's current text (the editor's, when it is open; `''` when the file
 * does not exist yet, which then gets created) and applies them. Returns the error message of a
 * refused computation, or `undefined` on success.
 */
export async function editFile(uri: vscode.Uri, label: string, compute: (text: string) => EditComputation): Promise<string | undefined> {
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  let document: vscode.TextDocument | undefined;
  if (await exists(uri)) {
    document = await vscode.workspace.openTextDocument(uri);
    const result = compute(document.getText());
    if (!result.ok) return result.error;
    if (result.edits.length === 0) return undefined;
    for (const e of result.edits) {
      const range = new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length));
      edit.replace(uri, range, e.newText, metadata);
    }
  } else {
    const result = compute('');
    if (!result.ok) return result.error;
    edit.createFile(uri, { ignoreIfExists: true }, metadata);
    edit.insert(uri, new vscode.Position(0, 0), result.edits.map((e) => e.newText).join(''), metadata);
  }
  const wasDirty = document?.isDirty ?? false;
  if (!(await vscode.workspace.applyEdit(edit))) return vscode.l10n.t('VS Code did not apply the edit to {0}.', vscode.workspace.asRelativePath(uri));
  if (!wasDirty) {
    const saved = await vscode.workspace.openTextDocument(uri);
    // A save can fail (the file changed on disk meanwhile): the edit stays in the editor, unsaved;
    // `files.refactoring.autoSave` may have saved it already: only a document still dirty failed.
    if (saved.isDirty && !(await saved.save()) && saved.isDirty) return vscode.l10n.t('{0} was edited but could not be saved; the change is in its editor.', vscode.workspace.asRelativePath(uri));
  }
  return undefined;
}
