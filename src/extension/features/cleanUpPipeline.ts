// "Clean Up Pipeline", the weekly routine (PRODUCT.md §4): walks the stale and unqualified clients,
// then those the hygiene rules flag (`no-next-step`, `missing-field`; issue 18), one by one, and
// for each offers what usually settles it — log a contact, set the next action, snooze, mark as
// lost, archive — or skip. Every action is the same command the views offer, so it is undoable alike.
import * as vscode from 'vscode';
import { attentionItems } from '../../core/attention';
import { missingFieldRule } from '../../core/lint/missingFieldRule';
import { noNextStepRule } from '../../core/lint/noNextStepRule';
import type { Finding } from '../../core/lint/rule';
import type { CrmRecord } from '../../core/model';
import { recordName, recordStage } from '../../core/recordFields';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';

type Action = 'open' | 'log' | 'next' | 'snooze' | 'lost' | 'archive' | 'skip' | 'stop';

/** The record's `no-next-step` and `missing-field` findings (the same rules as the Problems panel). */
function hygieneFindings(ctx: FeatureContext, record: CrmRecord): Finding[] {
  const lint = { store: ctx.store, config: ctx.store.config, today: ctx.today() };
  return [...noNextStepRule.checkRecord!(record, lint), ...missingFieldRule.checkRecord!(record, lint)];
}

export function cleanUpQueue(ctx: FeatureContext): CrmRecord[] {
  const visible = ctx.queries.visibleClients();
  const items = attentionItems(visible, [], ctx.queries.computeContext()).filter((i) => i.reason === 'stale' || i.reason === 'unqualified');
  const hygiene = visible.filter((record) => hygieneFindings(ctx, record).length > 0);
  const seen = new Set<string>();
  return [...items.map((i) => i.record), ...hygiene].flatMap((record) => (seen.has(record.file) ? [] : (seen.add(record.file), [record])));
}

export function registerCleanUpPipeline(ctx: FeatureContext): vscode.Disposable[] {
  const command = registerWriteCommand('plainCrm.cleanUpPipeline', async () => {
    await ctx.ready;
    const queue = cleanUpQueue(ctx);
    if (queue.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing to clean up: every open client was contacted recently.'));
      return 0;
    }
    let done = 0;
    for (let index = 0; index < queue.length; index++) {
      const record = ctx.store.byFile(queue[index]!.file);
      if (!record) continue;
      const actions: (vscode.QuickPickItem & { action: Action })[] = [
        { label: vscode.l10n.t('$(go-to-file) Open the record'), action: 'open' },
        { label: vscode.l10n.t('$(call-outgoing) Log contact…'), action: 'log' },
        { label: vscode.l10n.t('$(calendar) Set next action…'), action: 'next' },
        { label: vscode.l10n.t('$(clock) Snooze 7 days'), action: 'snooze' },
        { label: vscode.l10n.t('$(circle-slash) Mark as lost…'), action: 'lost' },
        { label: vscode.l10n.t('$(archive) Archive'), action: 'archive' },
        { label: vscode.l10n.t('$(debug-step-over) Skip'), action: 'skip' },
        { label: vscode.l10n.t('$(close) Stop'), action: 'stop' },
      ];
      const picked = await vscode.window.showQuickPick(actions, {
        title: vscode.l10n.t('Clean up pipeline ({0} of {1}): {2}', index + 1, queue.length, recordName(record)),
        placeHolder: [recordStage(record, ctx.store.config), record.file, ...hygieneFindings(ctx, record).map((f) => f.message)].join(' · '),
        ignoreFocusOut: true,
      });
      const action = picked?.action ?? 'stop';
      if (action === 'stop') break;
      if (action === 'skip') continue;
      if (action === 'open') {
        // Read it, then decide: the same client is offered again.
        await vscode.window.showTextDocument(recordUri(ctx, record), { preview: true, preserveFocus: true });
        index--;
        continue;
      }
      const commands: Record<Exclude<Action, 'open' | 'skip' | 'stop'>, string> = {
        log: 'plainCrm.logContact',
        next: 'plainCrm.setNextAction',
        snooze: 'plainCrm.snoozeClient',
        lost: 'plainCrm.markLost',
        archive: 'plainCrm.archiveClient',
      };
      if (await vscode.commands.executeCommand(commands[action], record.file)) done++;
    }
    return done;
  });
  return [command];
}
