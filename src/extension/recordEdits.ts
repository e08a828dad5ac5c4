// Applies the core's record operations to a record file through `WorkspaceEdit` (one undo step
// per call), reporting refusals of the edit engine instead of writing anything.
import * as vscode from 'vscode';
import { editRecord, type EditOp, isEditError } from '../core/edit/recordEdit';
import type { CrmRecord } from '../core/model';
import { recordName } from '../core/recordFields';
import { recordUri } from './clientItem';
import { editFile } from './editFile';
import type { FeatureContext } from './featureContext';

/** Applies `ops` to each record; true when every edit went through. Errors are shown, not thrown. */
export async function applyRecordOps(ctx: FeatureContext, records: readonly CrmRecord[], label: string, opsFor: (record: CrmRecord) => EditOp[]): Promise<boolean> {
  let ok = true;
  for (const record of records) {
    const ops = opsFor(record);
    if (ops.length === 0) continue;
    const error = await editFile(recordUri(ctx, record), label, (text) => {
      const result = editRecord(text, ops, { format: record.format });
      return isEditError(result) ? { ok: false, error: result.error } : { ok: true, edits: result.edits };
    });
    if (error !== undefined) {
      ok = false;
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: {1}', recordName(record), error));
      continue;
    }
    // The document's text, not the disk's: an editor that was dirty before stays unsaved.
    const document = await vscode.workspace.openTextDocument(recordUri(ctx, record));
    await ctx.store.updateFile(record.file, document.getText());
  }
  return ok;
}
