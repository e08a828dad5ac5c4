// Log contact, Set next action and Snooze (PRODUCT.md §4): the daily follow-up work. Logging sets
// `last_contact` to today and adds a dated line under `## Log`; the next action is one quick pick
// away ("in 3 days", "in 6 months"). Each command is one edit of the record, undoable.
import * as vscode from 'vscode';
import { CONTACT_KINDS, type ContactKind, logContactOps, NEXT_ACTION_OFFSETS, type NextAction, setNextActionOps, snoozeOps } from '../../core/actions/recordActions';
import { recordName } from '../../core/recordFields';
import { askDate } from '../askDate';
import { dealClient, dealPath } from '../../core/deals';
import { type ClientTarget, targetDeals } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { applyDealOps, applyRecordOps } from '../recordEdits';
import { registerWriteCommand } from '../trust';

function kindLabel(kind: ContactKind): string {
  switch (kind) {
    case 'call':
      return vscode.l10n.t('$(call-outgoing) Call');
    case 'email':
      return vscode.l10n.t('$(mail) Email');
    case 'meeting':
      return vscode.l10n.t('$(organization) Meeting');
    case 'message':
      return vscode.l10n.t('$(comment) Message');
    case 'note':
      return vscode.l10n.t('$(note) Note');
  }
}

async function askNextAction(ctx: FeatureContext, allowNone: boolean, defaultWhat = ''): Promise<NextAction | null | undefined> {
  const date = await askDate(ctx, NEXT_ACTION_OFFSETS, {
    title: vscode.l10n.t('When is the next step?'),
    inputTitle: vscode.l10n.t('Next action date'),
    ...(allowNone && { noneLabel: vscode.l10n.t('No next action') }),
  });
  if (date === undefined || date === null) return date;
  const what = await vscode.window.showInputBox({ title: vscode.l10n.t('Next action'), prompt: vscode.l10n.t('What to do, e.g. Call about the proposal'), value: defaultWhat });
  if (what === undefined) return undefined;
  return { date, what: what.trim() === '' ? vscode.l10n.t('Follow up') : what };
}

export function registerLogContact(ctx: FeatureContext): vscode.Disposable[] {
  const log = registerWriteCommand(
    'plainCrm.logContact',
    async (clicked?: ClientTarget, selected?: unknown, kindArg?: ContactKind, noteArg?: string, nextArg?: NextAction | null) => {
      // The contact is the client's; the next action, for a client with `deals:`, one deal's.
      const deals = await targetDeals(ctx, clicked, selected, vscode.l10n.t('Log a contact with…'));
      const records = [...new Set(deals.map(dealClient))];
      if (records.length === 0) return false;
      let kind = kindArg;
      if (kind === undefined) {
        const picked = await vscode.window.showQuickPick(
          CONTACT_KINDS.map((k) => ({ label: kindLabel(k), contact: k })),
          { title: records.length === 1 ? vscode.l10n.t('Contact with {0}', recordName(records[0]!)) : vscode.l10n.t('Contact with {0} clients', records.length) },
        );
        if (!picked) return false;
        kind = picked.contact;
      }
      const note = noteArg ?? (await vscode.window.showInputBox({ title: vscode.l10n.t('What happened? (optional)'), prompt: vscode.l10n.t('One line for the log') }));
      if (note === undefined) return false;
      const next = nextArg !== undefined ? nextArg : await askNextAction(ctx, true);
      if (next === undefined) return false;
      const contactKind: ContactKind = kind;
      const dealOf = new Map(deals.map((deal) => [dealClient(deal), deal]));
      const ok = await applyRecordOps(ctx, records, vscode.l10n.t('Log contact'), (record) =>
        logContactOps(contactKind, note, ctx.today(), next ?? undefined, dealPath(dealOf.get(record) ?? record)),
      );
      // Asked interactively: a follow-up task is one click away (not awaited: the command is done).
      if (ok && kindArg === undefined && records.length === 1) {
        const addTask = vscode.l10n.t('Add Task…');
        const file = records[0]!.file;
        void vscode.window.showInformationMessage(vscode.l10n.t('Contact with {0} logged.', recordName(records[0]!)), addTask).then((answer) => {
          if (answer === addTask) void vscode.commands.executeCommand('plainCrm.addTask', file);
        });
      }
      return ok;
    },
  );

  const setNext = registerWriteCommand('plainCrm.setNextAction', async (clicked?: ClientTarget, selected?: unknown, nextArg?: NextAction) => {
    const deals = await targetDeals(ctx, clicked, selected, vscode.l10n.t('Set the next action of…'));
    if (deals.length === 0) return false;
    const current = deals[0]!.data.next_action;
    const next = nextArg ?? (await askNextAction(ctx, false, current && typeof current === 'object' && typeof current.what === 'string' ? current.what : ''));
    if (!next) return false;
    return applyDealOps(ctx, deals, vscode.l10n.t('Set next action'), (deal) => setNextActionOps(next, dealPath(deal)));
  });

  const snooze = registerWriteCommand('plainCrm.snoozeClient', async (clicked?: ClientTarget, selected?: unknown, daysArg?: number) => {
    const deals = await targetDeals(ctx, clicked, selected, vscode.l10n.t('Snooze which client?'));
    if (deals.length === 0) return false;
    const days = typeof daysArg === 'number' ? daysArg : 7;
    return applyDealOps(ctx, deals, vscode.l10n.t('Snooze {0} days', days), (deal) => snoozeOps(deal, days, ctx.today(), vscode.l10n.t('Follow up')));
  });

  return [log, setNext, snooze];
}
