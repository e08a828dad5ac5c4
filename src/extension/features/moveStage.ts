// Moving clients between stages: drag and drop in the Pipeline view (one or many), "Move to
// Stage…" and "Mark as Lost…" from menus and the palette. A move sets `stage` and `stage_since`,
// logs it when the config says so, and asks why when the deal is lost (PRODUCT.md §4).
import * as vscode from 'vscode';
import { LOST_REASONS, lostStageFor, moveToStageOps, stagesFor } from '../../core/actions/recordActions';
import { dealLabel, type DealView, recordDeals } from '../../core/deals';
import { eventFirings } from '../../core/playbooks/fire';
import { recordStage } from '../../core/recordFields';
import { type ClientTarget, targetDeals } from '../clientTarget';
import type { FeatureContext } from '../featureContext';
import { confirmFirings } from '../playbookPrompt';
import { applyDealOps } from '../recordEdits';
import type { PipelineTreeNode } from './pipelineView';
import { registerWriteCommand, writesAllowed } from '../trust';

export const PIPELINE_MIME = 'application/vnd.code.tree.plaincrm.pipeline';

function reasonLabel(reason: string): string {
  switch (reason) {
    case 'no-answer':
      return vscode.l10n.t('No answer');
    case 'non-target':
      return vscode.l10n.t('Not our client');
    case 'spam':
      return vscode.l10n.t('Spam');
    case 'price':
      return vscode.l10n.t('Price');
    case 'competitor':
      return vscode.l10n.t('Chose a competitor');
    case 'timing':
      return vscode.l10n.t('Not now');
    default:
      return vscode.l10n.t('Other…');
  }
}

/** Asks why a deal was lost: a reason from the list, or free text after "Other…". */
export async function askLostReason(count: number): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    LOST_REASONS.map((reason) => ({ label: reasonLabel(reason), description: reason, reason })),
    { title: count === 1 ? vscode.l10n.t('Why was the deal lost?') : vscode.l10n.t('Why were {0} deals lost?', count) },
  );
  if (!picked) return undefined;
  if (picked.reason !== 'other') return picked.reason;
  return vscode.window.showInputBox({ title: vscode.l10n.t('Lost reason'), prompt: vscode.l10n.t('A short reason, kept in lost_reason') });
}

/**
 * Moves deals to `stage` (records without `deals:` are their own single deal, see `targetDeals`);
 * asks for the lost reason first when needed. Deals of one client change in one edit of its file.
 * False when cancelled or refused.
 */
export async function moveClients(ctx: FeatureContext, deals: readonly DealView[], stage: string, lostReason?: string): Promise<boolean> {
  const config = ctx.store.config;
  const moving = deals.filter((r) => recordStage(r, config) !== stage);
  if (moving.length === 0) return true;
  const lost = moving.some((r) => lostStageFor(r, config)?.id === stage);
  let reason = lostReason;
  if (lost && reason === undefined) {
    reason = await askLostReason(moving.length);
    if (reason === undefined) return false;
  }
  const label = moving.length === 1 ? vscode.l10n.t('Move {0} to {1}', dealLabel(moving[0]!), stage) : vscode.l10n.t('Move {0} clients to {1}', moving.length, stage);
  // Playbooks for entering the stage (and for won / lost) see each client as it will be.
  const compute = ctx.queries.computeContext();
  const firings = new Map(moving.map((deal) => [deal, eventFirings(ctx.store.playbooks, { kind: 'stage', stage }, { ...deal, data: { ...deal.data, stage } }, compute)]));
  const withPlaybooks = await confirmFirings([...firings.values()].flat(), [...firings.values()].filter((f) => f.length > 0).length);
  if (withPlaybooks === undefined) return false;
  return applyDealOps(ctx, moving, label, (deal) => [
    ...moveToStageOps(deal, stage, config, ctx.today(), reason),
    ...(withPlaybooks ? (firings.get(deal) ?? []).flatMap((f) => f.ops) : []),
  ]);
}

/** What a drag carries: the file, and the deal's index for a client with `deals:`. */
interface DraggedDeal {
  file: string;
  deal?: number;
}

/** Drag clients (or deals) onto a stage (or onto a client of that stage) in the Pipeline view. */
export class PipelineDragAndDrop implements vscode.TreeDragAndDropController<PipelineTreeNode> {
  readonly dragMimeTypes = [PIPELINE_MIME];
  readonly dropMimeTypes = [PIPELINE_MIME];

  constructor(private readonly ctx: FeatureContext) {}

  handleDrag(source: readonly PipelineTreeNode[], data: vscode.DataTransfer): void {
    const dragged: DraggedDeal[] = source.flatMap((node) => {
      if (node.kind !== 'client') return [];
      const index = (node.record as DealView).deal?.index;
      return [index === undefined ? { file: node.record.file } : { file: node.record.file, deal: index }];
    });
    if (dragged.length > 0) data.set(PIPELINE_MIME, new vscode.DataTransferItem(dragged));
  }

  async handleDrop(target: PipelineTreeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    if (!writesAllowed()) return;
    const stage =
      target?.kind === 'stage'
        ? target.group.stage.id
        : target?.kind === 'client'
          ? target.parent.group.stage.id
          : target?.kind === 'contact'
            ? target.parent.parent.group.stage.id
            : undefined;
    const item = data.get(PIPELINE_MIME);
    if (stage === undefined || !item) return;
    const dragged = item.value as unknown;
    if (!Array.isArray(dragged)) return;
    const deals = dragged.flatMap((entry: unknown) => {
      // Older drags carried bare paths.
      const { file, deal } = (typeof entry === 'string' ? { file: entry } : (entry ?? {})) as Partial<DraggedDeal>;
      const record = typeof file === 'string' ? this.ctx.store.byFile(file) : undefined;
      if (!record) return [];
      const all = recordDeals(record);
      const found = deal === undefined ? (all.length === 1 ? all[0] : undefined) : all.find((d) => d.deal?.index === deal);
      return found ? [found] : [];
    });
    await moveClients(this.ctx, deals, stage);
  }
}

export function registerMoveStage(ctx: FeatureContext): vscode.Disposable[] {
  const move = registerWriteCommand('plainCrm.moveToStage', async (clicked?: unknown, selected?: unknown, stageArg?: string, reason?: string) => {
    const records = await targetDeals(ctx, clicked as ClientTarget, selected, vscode.l10n.t('Move which client?'));
    if (records.length === 0) return false;
    let stage = typeof stageArg === 'string' ? stageArg : undefined;
    if (stage === undefined) {
      const current = new Set(records.map((r) => recordStage(r, ctx.store.config)));
      const picked = await vscode.window.showQuickPick(
        stagesFor(records[0]!, ctx.store.config).map((s) => ({ label: s.label, description: current.has(s.id) ? vscode.l10n.t('current') : s.id, id: s.id })),
        { title: records.length === 1 ? vscode.l10n.t('Move {0} to stage', dealLabel(records[0]!)) : vscode.l10n.t('Move {0} clients to stage', records.length) },
      );
      if (!picked) return false;
      stage = picked.id;
    }
    return moveClients(ctx, records, stage, reason);
  });
  const markLost = registerWriteCommand('plainCrm.markLost', async (clicked?: unknown, selected?: unknown, reason?: string) => {
    const records = await targetDeals(ctx, clicked as ClientTarget, selected, vscode.l10n.t('Mark which client as lost?'));
    const lost = records[0] ? lostStageFor(records[0], ctx.store.config) : undefined;
    if (!lost) return false;
    return moveClients(ctx, records, lost.id, reason);
  });
  return [move, markLost];
}
