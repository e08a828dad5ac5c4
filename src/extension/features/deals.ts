// Deals (issue 17): Add Deal…, Close Deal… (won with the purchase, lost with the reason) and
// Split into Deals, the migration of a single-deal record — as a command, a quick fix on the
// "top-level stage is ignored" warning and a refactoring on the `stage:` line. Every change is one
// WorkspaceEdit of the record (undoable) that touches only the deal fields.
import * as vscode from 'vscode';
import { eventFirings, purchaseFirings } from '../../core/playbooks/fire';
import { addDealOps, canSplitIntoDeals, closeDealOps, type DealOutcome, type NewDeal, splitIntoDealsOps } from '../../core/actions/dealActions';
import { dealLabel, hasDealList } from '../../core/deals';
import { fileLocator } from '../../core/lint/locate';
import type { CrmRecord } from '../../core/model';
import { formatMoney } from '../../core/money';
import { parseNumber } from '../../core/query/parser';
import { recordCurrency, recordName, recordValue } from '../../core/recordFields';
import { type ClientTarget, targetClients, targetDeals } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { applyRecordOps } from '../recordEdits';
import { confirmFirings } from '../playbookPrompt';
import { registerWriteCommand } from '../trust';
import { workspaceFile } from '../workspaceFile';
import { askLostReason } from './moveStage';

async function askAmount(title: string, value: number | undefined): Promise<number | null | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('A number; leave empty for none'),
    value: value === undefined ? '' : String(value),
    validateInput: (input) => (input.trim() === '' || parseNumber(input.trim()) !== undefined ? undefined : vscode.l10n.t('A number, e.g. 45000')),
  });
  if (text === undefined) return undefined;
  return text.trim() === '' ? null : (parseNumber(text.trim()) ?? null);
}

/** Split into Deals for a record: a refactoring on its `stage:` line, and the fix of the ignored-stage warning. */
export class SplitIntoDealsProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly ctx: FeatureContext) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (!vscode.workspace.isTrusted) return [];
    const file = workspaceFile(this.ctx.store.root, document.uri);
    const record = file === undefined ? undefined : this.ctx.store.byFile(file);
    if (!file || record?.kind !== 'client' || !canSplitIntoDeals(record)) return [];
    const stageLine = fileLocator(file, document.getText()).at({ path: ['stage'] }).start.line - 1;
    const ignored = context.diagnostics.filter((d) => d.code === 'schema' && d.range.start.line === stageLine);
    if (range.start.line !== stageLine && ignored.length === 0) return [];
    const title = hasDealList(record) ? vscode.l10n.t('Move the top-level stage into a new deal') : vscode.l10n.t('Split into deals');
    const action = new vscode.CodeAction(title, ignored.length > 0 ? vscode.CodeActionKind.QuickFix : vscode.CodeActionKind.RefactorRewrite);
    action.command = { title, command: 'plainCrm.splitIntoDeals', arguments: [file] };
    if (ignored.length > 0) {
      action.diagnostics = ignored;
      action.isPreferred = true;
    }
    return [action];
  }
}

export function registerDeals(ctx: FeatureContext): vscode.Disposable[] {
  const add = registerWriteCommand('plainCrm.addDeal', async (clicked?: ClientTarget, selected?: unknown, dealArg?: NewDeal) => {
    const records = await targetClients(ctx, clicked, selected, vscode.l10n.t('Add a deal for…'));
    const record = records[0];
    if (!record) return false;
    let deal = dealArg;
    if (!deal) {
      const title = await vscode.window.showInputBox({
        title: vscode.l10n.t('New deal for {0}', recordName(record)),
        prompt: vscode.l10n.t('What the deal is about, e.g. SEO, Website redesign'),
        validateInput: (input) => (input.trim() === '' ? vscode.l10n.t('Give the deal a title') : undefined),
      });
      if (title === undefined) return false;
      const value = await askAmount(vscode.l10n.t('Expected value of "{0}"', title.trim()), undefined);
      if (value === undefined) return false;
      deal = value === null ? { title } : { title, value };
    }
    const newDeal = deal;
    return applyRecordOps(ctx, [record], vscode.l10n.t('Add deal'), (current: CrmRecord) => addDealOps(current, newDeal, ctx.store.config, ctx.today()));
  });

  const close = registerWriteCommand('plainCrm.closeDeal', async (clicked?: ClientTarget, selected?: unknown, outcomeArg?: DealOutcome) => {
    const deal = (await targetDeals(ctx, clicked, Array.isArray(selected) && selected.length > 1 ? undefined : selected, vscode.l10n.t('Close a deal of…')))[0];
    if (!deal) return false;
    let outcome = outcomeArg;
    if (!outcome) {
      const value = recordValue(deal);
      const picked = await vscode.window.showQuickPick(
        [
          { label: vscode.l10n.t('$(pass) Won'), description: value === undefined ? '' : formatMoney(value, recordCurrency(deal, ctx.store.config), ctx.locale()), won: true },
          { label: vscode.l10n.t('$(circle-slash) Lost'), description: '', won: false },
        ],
        { title: vscode.l10n.t('Close {0}', dealLabel(deal)) },
      );
      if (!picked) return false;
      if (picked.won) {
        const amount = await askAmount(vscode.l10n.t('Amount received for {0} (recorded as a purchase)', dealLabel(deal)), value);
        if (amount === undefined) return false;
        outcome = amount === null ? { outcome: 'won' } : { outcome: 'won', amount };
      } else {
        const reason = await askLostReason(1);
        if (reason === undefined) return false;
        outcome = { outcome: 'lost', reason };
      }
    }
    const close = outcome;
    const ops = closeDealOps(deal, close, ctx.store.config, ctx.today());
    if (ops.length === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The pipeline of {0} has no {1} stage.', dealLabel(deal), close.outcome));
      return false;
    }
    // The rules of the won or lost stage, and of the purchase (purchase, orders: N), as a move and a
    // purchase would fire them; asked about first, applied in the same edit.
    const client = deal.deal?.client ?? deal;
    const compute = ctx.queries.computeContext();
    const stage = ops.find((op) => op.op === 'set' && op.path[op.path.length - 1] === 'stage');
    const firings = [
      ...(stage && stage.op === 'set' ? eventFirings(ctx.store.playbooks, { kind: 'stage', stage: String(stage.value) }, { ...deal, data: { ...deal.data, stage: String(stage.value) } }, compute) : []),
      ...(ops.some((op) => op.op === 'append' && op.path[0] === 'purchases') ? purchaseFirings(ctx.store.playbooks, client, compute) : []),
    ];
    const withPlaybooks = await confirmFirings(firings, 1);
    if (withPlaybooks === undefined) return false;
    return applyRecordOps(ctx, [client], vscode.l10n.t('Close deal'), () => [...ops, ...(withPlaybooks ? firings.flatMap((f) => f.ops) : [])]);
  });

  const split = registerWriteCommand('plainCrm.splitIntoDeals', async (clicked?: ClientTarget, selected?: unknown) => {
    const records = await targetClients(ctx, clicked, selected, vscode.l10n.t('Split the deal fields of…'));
    if (records.length === 0) return false;
    return applyRecordOps(ctx, records, vscode.l10n.t('Split into deals'), (record) => splitIntoDealsOps(record));
  });

  const selector: vscode.DocumentSelector = [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'file', language: 'yaml' },
  ];
  const provider = vscode.languages.registerCodeActionsProvider(selector, new SplitIntoDealsProvider(ctx), { providedCodeActionKinds: SplitIntoDealsProvider.kinds });
  return [add, close, split, provider];
}
