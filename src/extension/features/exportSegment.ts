// "Export Segment for Mailing…" / "…for SMS…": a saved segment (from the Segments view or a
// pick) to a CSV in exports/, consent respected (core/generate/contactExport), with the summary
// of who was left out and why. An existing file is replaced only when the user says so.
import * as vscode from 'vscode';
import { slugify } from '../../core/actions/newClient';
import { toCsv } from '../../core/csv';
import { mailingExport, phoneExport, SKIP_REASONS, type ExportSummary, type SkipReason } from '../../core/generate/contactExport';
import type { Segment } from '../../core/model';
import type { FeatureContext } from '../featureContext';
import { userSettings } from '../settings';
import { registerWriteCommand } from '../trust';

function reasonLabel(reason: SkipReason): string {
  switch (reason) {
    case 'archived':
      return vscode.l10n.t('archived');
    case 'no-consent':
      return vscode.l10n.t('no consent');
    case 'unsubscribed':
      return vscode.l10n.t('unsubscribed');
    case 'invalid-email':
      return vscode.l10n.t('invalid e-mail');
    case 'invalid-phone':
      return vscode.l10n.t('invalid phone');
    case 'duplicate':
      return vscode.l10n.t('duplicate');
  }
}

export function summaryText(summary: ExportSummary): string {
  const skipped = SKIP_REASONS.filter((r) => summary.skipped[r] > 0).map((r) => `${reasonLabel(r)}: ${summary.skipped[r]}`);
  return skipped.length === 0 ? vscode.l10n.t('Exported {0}.', summary.exported) : vscode.l10n.t('Exported {0}; left out {1}.', summary.exported, skipped.join(', '));
}

export function registerExportSegment(ctx: FeatureContext): vscode.Disposable[] {
  const run = async (kind: 'mailing' | 'phones', node?: { segment?: Segment }, overwrite?: boolean): Promise<string | undefined> => {
    await ctx.ready;
    let segment = node?.segment;
    if (!segment) {
      const picked = await vscode.window.showQuickPick(
        ctx.store.segments.map((s) => ({ label: s.name, description: s.query, segment: s })),
        { title: kind === 'mailing' ? vscode.l10n.t('Export which segment for mailing?') : vscode.l10n.t('Export which segment for SMS?') },
      );
      segment = picked?.segment;
    }
    if (!segment) return undefined;
    const matched = ctx.queries.segmentClients(segment);
    if ('error' in matched) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Segment "{0}": {1}', segment.name, matched.error));
      return undefined;
    }
    const records = matched.records;
    const result = kind === 'mailing' ? mailingExport(records, ctx.store.config) : phoneExport(records, ctx.store.config);
    const file = `${ctx.store.config.folders.exports}/${kind}-${slugify(segment.name)}-${ctx.today()}.csv`;
    const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    if (exists && overwrite !== true && userSettings().confirmReplaceExport) {
      const replace = vscode.l10n.t('Replace');
      if ((await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', file), { modal: true }, replace)) !== replace) return undefined;
    }
    // BOM: Excel then reads the Cyrillic right; mailing services ignore it.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(toCsv(result.header, result.rows, { bom: true })));
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(`${file}: ${summaryText(result.summary)}`, open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri);
    });
    return file;
  };
  return [
    registerWriteCommand('plainCrm.exportMailing', (node?: { segment?: Segment }, _selected?: unknown, overwrite?: boolean) => run('mailing', node, overwrite)),
    registerWriteCommand('plainCrm.exportPhones', (node?: { segment?: Segment }, _selected?: unknown, overwrite?: boolean) => run('phones', node, overwrite)),
  ];
}
