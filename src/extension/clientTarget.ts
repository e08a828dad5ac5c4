// Which client(s) a command acts on: the tree items it was invoked on (one or a multi-selection),
// a record's URI (explorer, editor title), the record in the active editor, or else one picked
// from a list. Records are looked up again by file, so a command never edits a stale snapshot.
import * as vscode from 'vscode';
import { type DealView, recordDeals } from '../core/deals';
import type { CrmRecord } from '../core/model';
import { formatMoney } from '../core/money';
import { recordCurrency, recordName, recordStage, recordString, recordValue } from '../core/recordFields';
import { isOpenRecord } from '../core/rules';
import type { FeatureContext } from './featureContext';
import { workspaceFile } from './workspaceFile';

/**
 * Anything a tree node of ours or a caller may hand to a command: a node with a record (a deal
 * view for a deal of a client with `deals:`), a URI, a workspace-relative path, or a path with a
 * deal's index (quick fixes on a deal's problem).
 */
export type ClientTarget = { record?: CrmRecord } | { file: string; deal?: number } | vscode.Uri | string | undefined;

function fileOf(ctx: FeatureContext, target: ClientTarget): string | undefined {
  if (target === undefined) return undefined;
  if (typeof target === 'string') return target;
  if (target instanceof vscode.Uri) return workspaceFile(ctx.store.root, target);
  if ('file' in target) return target.file;
  return target.record?.file;
}

/** The deal index a target names, if it names one. */
function dealIndexOf(target: ClientTarget): number | undefined {
  if (target === undefined || typeof target === 'string' || target instanceof vscode.Uri) return undefined;
  if ('file' in target) return target.deal;
  return (target.record as DealView | undefined)?.deal?.index;
}

function clientByFile(ctx: FeatureContext, file: string | undefined): CrmRecord | undefined {
  const record = file === undefined ? undefined : ctx.store.byFile(file);
  return record?.kind === 'client' ? record : undefined;
}

/** The client in the active editor, if it shows one. */
export function activeClient(ctx: FeatureContext): CrmRecord | undefined {
  const uri = vscode.window.activeTextEditor?.document.uri;
  return uri ? clientByFile(ctx, fileOf(ctx, uri)) : undefined;
}

/**
 * The clients a command was invoked on. VS Code passes `(clicked, selected[])` for tree items:
 * the selection wins when it includes the clicked item. Falls back to the active editor's record,
 * then to a quick pick (`pickTitle`); empty when the user cancels.
 */
export async function targetClients(ctx: FeatureContext, clicked: ClientTarget, selected: unknown, pickTitle: string): Promise<CrmRecord[]> {
  const many = Array.isArray(selected) ? (selected as ClientTarget[]) : [];
  const chosen = (many.length > 0 ? many : [clicked]).map((t) => clientByFile(ctx, fileOf(ctx, t))).filter((r): r is CrmRecord => r !== undefined);
  // Two deals of one client selected in the Pipeline view are still one client.
  if (chosen.length > 0) return [...new Set(chosen)];
  if (clicked === undefined) {
    const active = activeClient(ctx);
    if (active) return [active];
  }
  const picked = await pickClient(ctx, pickTitle);
  return picked ? [picked] : [];
}

/**
 * The deals a command acts on (move, close, next action): the deal nodes it was invoked on, the
 * single deal of a record without `deals:`, or, for a client with several, the one the user picks
 * (open deals first). Looked up again in the current record. Empty when cancelled.
 */
export async function targetDeals(ctx: FeatureContext, clicked: ClientTarget, selected: unknown, pickTitle: string): Promise<DealView[]> {
  const many = Array.isArray(selected) ? (selected as ClientTarget[]) : [];
  const targets = many.length > 0 ? many : [clicked];
  const named = targets.map((t) => ({ record: clientByFile(ctx, fileOf(ctx, t)), index: dealIndexOf(t) })).filter((t) => t.record !== undefined);
  const chosen = named.length > 0 ? named : (await targetClients(ctx, clicked, selected, pickTitle)).map((record) => ({ record, index: undefined }));
  const deals: DealView[] = [];
  for (const { record, index } of chosen) {
    const all = recordDeals(record!);
    const exact = index === undefined ? undefined : all.find((d) => d.deal?.index === index);
    if (exact) deals.push(exact);
    else if (all.length === 1) deals.push(all[0]!);
    else {
      const picked = await pickDeal(ctx, record!, all);
      if (!picked) return [];
      deals.push(picked);
    }
  }
  return deals;
}

/** Which deal of a client with several: open ones first, each with its stage and value. */
export async function pickDeal(ctx: FeatureContext, record: CrmRecord, deals = recordDeals(record)): Promise<DealView | undefined> {
  const config = ctx.store.config;
  const items = [...deals]
    .sort((a, b) => Number(!isOpenRecord(a, config)) - Number(!isOpenRecord(b, config)))
    .map((deal) => {
      const value = recordValue(deal);
      return {
        label: deal.deal?.title ?? `#${deal.deal?.id ?? '1'}`,
        description: [recordStage(deal, config), value === undefined ? '' : formatMoney(value, recordCurrency(deal, config), ctx.locale())].filter(Boolean).join(' · '),
        deal,
      };
    });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which deal of {0}?', recordName(record)) });
  return picked?.deal;
}

export async function pickClient(ctx: FeatureContext, title: string, records = ctx.store.clients()): Promise<CrmRecord | undefined> {
  const items = records.map((record) => ({
    label: recordName(record),
    description: [recordStage(record, ctx.store.config), recordString(record, 'company')].filter(Boolean).join(' · '),
    record,
  }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return picked?.record;
}
