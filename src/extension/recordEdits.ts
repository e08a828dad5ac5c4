// Applies the core's record operations to a record file through `WorkspaceEdit` (one undo step
// per call), reporting refusals of the edit engine instead of writing anything.
import * as vscode from 'vscode';
import { dealClient, type DealView } from '../core/deals';
import { editRecord, type EditOp, isEditError } from '../core/edit/recordEdit';
import type { CrmRecord } from '../core/model';
import { recordName } from '../core/recordFields';
import { recordUri } from './clientItem';
import { editFile } from './editFile';
import type { FeatureContext } from './featureContext';

/**
 * Applies `ops` to each record; true when every edit went through. Errors are shown, not thrown.
 * `opsFor` sees the record's current text (an open editor's, unsaved edits included), for edits
 * that depend on it (a task's line); it may refuse with `{ error }`.
 */
export async function applyRecordOps(
  ctx: FeatureContext,
  records: readonly CrmRecord[],
  label: string,
  opsFor: (record: CrmRecord, text: string) => EditOp[] | { error: string },
): Promise<boolean> {
  let ok = true;
  for (const record of records) {
    let changed = false;
    const error = await editFile(recordUri(ctx, record), label, (text) => {
      const ops = opsFor(record, text);
      if (!Array.isArray(ops)) return { ok: false, error: ops.error };
      if (ops.length === 0) return { ok: true, edits: [] };
      const result = editRecord(text, ops, { format: record.format });
      if (isEditError(result)) return { ok: false, error: result.error };
      changed = true;
      return { ok: true, edits: result.edits };
    });
    if (error !== undefined) {
      ok = false;
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not changed: {1}', recordName(record), error));
      continue;
    }
    if (!changed) continue;
    // The document's text, not the disk's: an editor that was dirty before stays unsaved.
    const document = await vscode.workspace.openTextDocument(recordUri(ctx, record));
    await ctx.store.updateFile(record.file, document.getText());
  }
  return ok;
}

/** `applyRecordOps` for deals: the deals of one client change in one edit of its file. */
export async function applyDealOps(ctx: FeatureContext, deals: readonly DealView[], label: string, opsFor: (deal: DealView) => EditOp[]): Promise<boolean> {
  const byClient = new Map<CrmRecord, DealView[]>();
  for (const deal of deals) byClient.set(dealClient(deal), [...(byClient.get(dealClient(deal)) ?? []), deal]);
  return applyRecordOps(ctx, [...byClient.keys()], label, (record) => (byClient.get(record) ?? []).flatMap(opsFor));
}
