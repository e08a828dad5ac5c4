// Run Playbooks: the date rules of `.crm/playbooks.yaml` (N days after a date, before a
// birthday) that are due today, as `plain-crm playbooks run` does them, after a preview.
import * as vscode from 'vscode';
import { timeFirings } from '../../core/playbooks/fire';
import { recordName } from '../../core/recordFields';
import type { FeatureContext } from '../featureContext';
import { applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';

export function registerRunPlaybooks(ctx: FeatureContext): vscode.Disposable[] {
  const run = registerWriteCommand('plainCrm.runPlaybooks', async (confirmed?: boolean) => {
    await ctx.ready;
    const due = timeFirings(ctx.store.playbooks, ctx.store.clients(), ctx.queries.computeContext());
    const firings = due.flatMap((d) => d.firings);
    if (firings.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No playbook is due today.'));
      return 0;
    }
    const tasks = firings.reduce((n, f) => n + f.tasks, 0);
    if (confirmed !== true) {
      const apply = vscode.l10n.t('Apply');
      const detail = due.map(({ record, firings: list }) => `${recordName(record)}: ${list.map((f) => f.playbook.name).join(', ')}`).join('\n');
      const answer = await vscode.window.showInformationMessage(vscode.l10n.t('Playbooks due today: {0} rules for {1} clients ({2} tasks).', new Set(firings.map((f) => f.playbook.id)).size, due.length, tasks), { modal: true, detail }, apply);
      if (answer !== apply) return 0;
    }
    let changed = 0;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Running playbooks') }, async (progress) => {
      for (const { record, firings: list } of due) {
        progress.report({ increment: 100 / due.length, message: recordName(record) });
        if (await applyRecordOps(ctx, [record], vscode.l10n.t('Run playbooks'), () => list.flatMap((f) => f.ops))) changed++;
      }
    });
    return changed;
  });
  return [run];
}
