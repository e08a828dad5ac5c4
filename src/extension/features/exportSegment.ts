// "Export Segment for Mailing…" / "…for SMS…": a saved segment (from the Segments view or a
// pick) to a CSV in exports/, consent respected (core/generate/contactExport), with the summary
// of who was left out and why. An existing file is replaced only when the user says so.
import * as vscode from 'vscode';
import { slugify } from '../../core/actions/newClient';
import { toCsv } from '../../core/csv';
import { campaignFile, campaignText } from '../../core/campaigns';
import { capOptions, mailingExport, phoneExport, SKIP_REASONS, summaryLine, type ExportSummary, type SkipReason } from '../../core/generate/contactExport';
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
    case 'bounced':
      return vscode.l10n.t('bounced');
    case 'mailed-recently':
      return vscode.l10n.t('mailed recently');
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

/**
 * True when `file` (at `uri`) may be written: it does not exist, the user said Replace, or the
 * `confirmReplaceExport` setting is off.
 */
export async function mayReplace(uri: vscode.Uri, file: string): Promise<boolean> {
  if (!userSettings().confirmReplaceExport) return true;
  try {
    await vscode.workspace.fs.stat(uri);
  } catch {
    return true;
  }
  const replace = vscode.l10n.t('Replace');
  return (await vscode.window.showWarningMessage(vscode.l10n.t('{0} exists. Replace it?', file), { modal: true }, replace)) === replace;
}

export function registerExportSegment(ctx: FeatureContext): vscode.Disposable[] {
  /**
   * Logs the export as a campaign (`campaigns/YYYY/<date>-<slug>.md`, one WorkspaceEdit: undoable);
   * the client files are not touched. Returns the file, or undefined when it could not be created.
   */
  const logCampaign = async (name: string, kind: 'mailing' | 'phones', segment: Segment, recipients: string[], summary: string): Promise<string | undefined> => {
    const date = ctx.today();
    const file = campaignFile(ctx.store.config, date, name, (f) => ctx.store.entry(f) !== undefined);
    const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
    const text = campaignText({ name, date, channel: kind === 'mailing' ? 'email' : 'sms', segment: segment.name, query: segment.query, recipients }, summary);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: Buffer.from(text, 'utf8') });
    if (!(await vscode.workspace.applyEdit(edit))) return undefined;
    // Saved at once: the log is a record of what was sent, not a draft.
    await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
    await ctx.store.updateFile(file);
    return file;
  };

  const run = async (kind: 'mailing' | 'phones', node?: { segment?: Segment }, overwrite?: boolean, campaignArg?: string | null): Promise<string | undefined> => {
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
    // A campaign name logs who was sent this (and lets the frequency cap see it next time);
    // empty: a plain export. Escape cancels.
    const campaign =
      campaignArg !== undefined
        ? campaignArg
        : await vscode.window.showInputBox({
            title: vscode.l10n.t('Log this export as a campaign?'),
            prompt: vscode.l10n.t('A campaign name records who was mailed in campaigns/ (for last_mailed and the frequency cap); leave empty for a plain export'),
            value: segment.name,
          });
    if (campaign === undefined) return undefined;
    const records = matched.records;
    const cap = capOptions(ctx.store.config, ctx.store.campaigns(), ctx.today());
    const result = kind === 'mailing' ? mailingExport(records, ctx.store.config, undefined, cap) : phoneExport(records, ctx.store.config, undefined, cap);
    const file = `${ctx.store.config.folders.exports}/${kind}-${slugify(segment.name)}-${ctx.today()}.csv`;
    const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
    if (overwrite !== true && !(await mayReplace(uri, file))) return undefined;
    // BOM: Excel then reads the Cyrillic right; mailing services ignore it.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(toCsv(result.header, result.rows, { bom: true })));
    const logged = campaign !== null && campaign.trim() !== '' && result.recipients.length > 0 ? await logCampaign(campaign.trim(), kind, segment, result.recipients, summaryLine(result.summary)) : undefined;
    if (campaign !== null && campaign.trim() !== '' && result.recipients.length > 0 && logged === undefined) void vscode.window.showErrorMessage(vscode.l10n.t('The campaign log could not be written; the export is in {0}.', file));
    const open = vscode.l10n.t('Open');
    const message = logged ? `${file}: ${summaryText(result.summary)} ${vscode.l10n.t('Logged in {0}.', logged)}` : `${file}: ${summaryText(result.summary)}`;
    void vscode.window.showInformationMessage(message, open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri);
    });
    return file;
  };
  return [
    registerWriteCommand('plainCrm.exportMailing', (node?: { segment?: Segment }, _selected?: unknown, overwrite?: boolean, campaign?: string | null) => run('mailing', node, overwrite, campaign)),
    registerWriteCommand('plainCrm.exportPhones', (node?: { segment?: Segment }, _selected?: unknown, overwrite?: boolean, campaign?: string | null) => run('phones', node, overwrite, campaign)),
  ];
}
