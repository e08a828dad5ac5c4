// "Import Unsubscribes…" / "Import Bounces…" (issue 18): the mailing service's list back into the
// records. Only `unsubscribed` + `unsubscribed_on` (or `email_status: bounced` + date) change, on
// the main contact or the contact person with that address (core/import/suppressions); the whole
// import is one WorkspaceEdit — one undo step, unsaved editors respected.
import * as vscode from 'vscode';
import { planSuppressions, readAddressList, type SuppressionKind, suppressionSummary } from '../../core/import/suppressions';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';
import { applyChanges, currentText } from './importCsv';

/** What the command returns (for tests and scripts). */
export interface SuppressionResult {
  files: string[];
  marked: number;
  already: number;
  notFound: string[];
}

export function registerImportSuppressions(ctx: FeatureContext): vscode.Disposable[] {
  const run = async (kind: SuppressionKind, target?: vscode.Uri): Promise<SuppressionResult | undefined> => {
    await ctx.ready;
    const uri =
      target instanceof vscode.Uri
        ? target
        : (
            await vscode.window.showOpenDialog({
              title: kind === 'unsubscribes' ? vscode.l10n.t('Import the unsubscribe list of a mailing service') : vscode.l10n.t('Import the bounce list of a mailing service'),
              defaultUri: vscode.Uri.file(ctx.store.root),
              canSelectMany: false,
              filters: { [vscode.l10n.t('CSV or text files')]: ['csv', 'txt', 'tsv'] },
              openLabel: vscode.l10n.t('Import'),
            })
          )?.[0];
    if (!uri) return undefined;
    const name = vscode.workspace.asRelativePath(uri);
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not imported: {1}', name, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
    const list = readAddressList(bytes);
    if ('error' in list) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not imported: {1}', name, list.error));
      return undefined;
    }
    const plan = await planSuppressions(kind, list.addresses, ctx.store.clients({ includeArchived: true }), ctx.today(), (file) => currentText(ctx, file));
    const output = ctx.output();
    output.appendLine(`${name}: ${suppressionSummary(kind, plan)}`);
    for (const change of plan.changes) output.appendLine(`  ${change.file}: ${change.people.join(', ')}`);
    if (plan.notFound.length > 0) output.appendLine(`  ${vscode.l10n.t('not found: {0}', plan.notFound.join(', '))}`);
    if (list.invalid.length > 0) output.appendLine(`  ${vscode.l10n.t('not an e-mail address: {0}', list.invalid.join(', '))}`);
    for (const refused of plan.refused) output.appendLine(`  ${vscode.l10n.t('{0} was not changed: {1}', refused.file, refused.error)}`);
    const changes = plan.changes.map((c) => ({ kind: 'update' as const, file: c.file, base: c.base, edits: c.edits }));
    if (changes.length > 0 && !(await applyChanges(ctx, changes, kind === 'unsubscribes' ? vscode.l10n.t('Import unsubscribes') : vscode.l10n.t('Import bounces')))) {
      void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not apply the import of {0}; nothing was changed.', name));
      return undefined;
    }
    const details = vscode.l10n.t('Details');
    void vscode.window.showInformationMessage(`${name}: ${suppressionSummary(kind, plan)}`, details).then((c) => c === details && output.show(true));
    return { files: plan.changes.map((c) => c.file), marked: plan.marked, already: plan.already, notFound: plan.notFound };
  };
  return [
    registerWriteCommand('plainCrm.importUnsubscribes', (uri?: vscode.Uri) => run('unsubscribes', uri)),
    registerWriteCommand('plainCrm.importBounces', (uri?: vscode.Uri) => run('bounces', uri)),
  ];
}
