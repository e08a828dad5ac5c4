// "Export Tasks to Calendar" and "Export Contacts to Address Book" (issue 18): the open tasks as
// exports/tasks.ics and a segment's people as exports/contacts.vcf, for a phone to import. The
// calendar is a feed (same UIDs each time: re-importing updates), so it is replaced without asking.
import * as vscode from 'vscode';
import { calendarSummary, tasksCalendar } from '../../core/generate/calendarExport';
import { contactsVcf, vcardSummary } from '../../core/generate/vcardExport';
import type { Segment } from '../../core/model';
import { listTasks } from '../../core/tasks/tasks';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';
import { mayReplace } from './exportSegment';

export function registerCalendarExports(ctx: FeatureContext): vscode.Disposable[] {
  const write = async (file: string, text: string, summary: string, askFirst: boolean): Promise<string | undefined> => {
    const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
    if (askFirst && !(await mayReplace(uri, file))) return undefined;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const open = vscode.l10n.t('Open');
    void vscode.window.showInformationMessage(`${file}: ${summary}`, open).then((choice) => {
      if (choice === open) void vscode.window.showTextDocument(uri);
    });
    return file;
  };

  const exportCalendar = async (): Promise<string | undefined> => {
    await ctx.ready;
    const today = ctx.today();
    const result = tasksCalendar(listTasks(ctx.store.clients(), { today }), today);
    return write(`${ctx.store.config.folders.exports}/tasks.ics`, result.text, calendarSummary(result), false);
  };

  /** A segment from the Segments view, else picked; "All clients" exports everyone. */
  const exportContacts = async (node?: { segment?: Segment }, _selected?: unknown, overwrite?: boolean): Promise<string | undefined> => {
    await ctx.ready;
    let segment: Segment | null | undefined = node?.segment;
    if (!segment) {
      const everyone = { label: vscode.l10n.t('All clients'), segment: null };
      const picked = await vscode.window.showQuickPick([everyone, ...ctx.store.segments.map((s) => ({ label: s.name, description: s.query, segment: s }))], {
        title: vscode.l10n.t('Export whose contacts to the address book?'),
      });
      if (!picked) return undefined;
      segment = picked.segment;
    }
    let records = ctx.store.clients();
    if (segment) {
      const matched = ctx.queries.segmentClients(segment);
      if ('error' in matched) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Segment "{0}": {1}', segment.name, matched.error));
        return undefined;
      }
      records = matched.records;
    }
    const result = contactsVcf(records, ctx.store.config, ctx.today());
    return write(`${ctx.store.config.folders.exports}/contacts.vcf`, result.text, vcardSummary(result), overwrite !== true);
  };

  return [registerWriteCommand('plainCrm.exportTasksCalendar', exportCalendar), registerWriteCommand('plainCrm.exportContactsVcf', exportContacts)];
}
