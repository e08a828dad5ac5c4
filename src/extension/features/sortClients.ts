// Sort Clients…: the Pipeline and Segments views list a stage's or a segment's clients by name, by
// score (config.scoring, highest first) or by value (largest first). Kept per workspace.
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';
import type { ClientOrder } from '../workspaceQueries';

const STATE_KEY = 'plainCrm.clientOrder';
const ORDERS: readonly ClientOrder[] = ['name', 'score', 'value'];

function orderLabel(order: ClientOrder): string {
  switch (order) {
    case 'name':
      return vscode.l10n.t('By name');
    case 'score':
      return vscode.l10n.t('By score, highest first');
    case 'value':
      return vscode.l10n.t('By value, largest first');
  }
}

export function registerSortClients(ctx: FeatureContext): vscode.Disposable[] {
  const saved = ctx.extension.workspaceState.get<string>(STATE_KEY);
  if ((ORDERS as readonly string[]).includes(saved ?? '')) ctx.queries.setClientOrder(saved as ClientOrder);
  const sort = vscode.commands.registerCommand('plainCrm.sortClients', async (orderArg?: ClientOrder) => {
    let order = orderArg;
    if (order === undefined) {
      const current = ctx.queries.clientOrder;
      const picked = await vscode.window.showQuickPick(
        ORDERS.map((o) => ({
          label: orderLabel(o),
          description: o === current ? vscode.l10n.t('current') : '',
          ...(o === 'score' && ctx.store.config.scoring.length === 0 && { detail: vscode.l10n.t('No scoring rules in .crm/config.yaml yet') }),
          order: o,
        })),
        { title: vscode.l10n.t('Sort the clients in the views') },
      );
      if (!picked) return undefined;
      order = picked.order;
    }
    if (!ORDERS.includes(order)) return undefined;
    ctx.queries.setClientOrder(order);
    await ctx.extension.workspaceState.update(STATE_KEY, order);
    return order;
  });
  return [sort];
}
