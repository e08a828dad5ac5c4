// The Needs attention view (PRODUCT.md §4): overdue next actions, overdue invoices, stale clients,
// birthdays in the next 7 days and leads waiting for qualification, most urgent first, grouped by
// reason. The badge on the Plain CRM container counts the clients that need something.
import * as vscode from 'vscode';
import { ATTENTION_REASONS, type AttentionItem, attentionItems, attentionItemsInSlices, type AttentionReason } from '../../core/attention';
import { personLabel } from '../../core/contactPersons';
import { clientTreeItem } from '../clientItem';
import { contactPersonNodes, type ContactPersonNode, contactPersonTreeItem, withContactPersons } from '../contactPersonItems';
import { dayCount } from '../dayCount';
import type { FeatureContext } from '../featureContext';
import { StoreTreeProvider } from '../storeTreeProvider';

export const NEEDS_ATTENTION_VIEW_ID = 'plainCrm.needsAttention';

export interface ReasonNode {
  kind: 'reason';
  reason: AttentionReason;
  items: AttentionItem[];
}

export interface AttentionNode {
  kind: 'client';
  item: AttentionItem;
  record: AttentionItem['record'];
  parent: ReasonNode;
}

/** A contact person of a client (issue 17). */
export type AttentionContactNode = ContactPersonNode<AttentionNode>;

export type AttentionTreeNode = ReasonNode | AttentionNode | AttentionContactNode;

const clientItemId = (node: AttentionNode): string =>
  `attention:${node.item.reason}:${node.record.file}:${node.item.invoice?.file ?? ''}${node.item.person ? `:${node.item.person.index}` : ''}`;

function reasonTitle(reason: AttentionReason): string {
  switch (reason) {
    case 'overdue-action':
      return vscode.l10n.t('Overdue next actions');
    case 'overdue-invoice':
      return vscode.l10n.t('Overdue invoices');
    case 'stale':
      return vscode.l10n.t('No recent contact');
    case 'birthday':
      return vscode.l10n.t('Birthdays this week');
    case 'unqualified':
      return vscode.l10n.t('Leads to qualify');
  }
}

function itemDetail(item: AttentionItem): string {
  switch (item.reason) {
    case 'overdue-action':
      return vscode.l10n.t('{0} overdue', dayCount(item.days));
    case 'overdue-invoice':
      return vscode.l10n.t('{0}, {1} overdue', String(item.invoice?.data.number ?? item.invoice?.id ?? ''), dayCount(item.days));
    case 'stale':
      return vscode.l10n.t('{0} past the limit', dayCount(item.days));
    case 'birthday':
      return item.days === 0 ? vscode.l10n.t('today') : vscode.l10n.t('in {0}', dayCount(item.days));
    case 'unqualified':
      return vscode.l10n.t('waiting {0}', dayCount(item.days));
  }
}

const REASON_ICONS: Record<AttentionReason, string> = {
  'overdue-action': 'bell-dot',
  'overdue-invoice': 'credit-card',
  stale: 'history',
  birthday: 'gift',
  unqualified: 'inbox',
};

/** How long working out the view holds the extension host at a time. */
const SLICE_MS = 10;

function groupByReason(items: readonly AttentionItem[]): ReasonNode[] {
  return ATTENTION_REASONS.map((reason): ReasonNode => ({ kind: 'reason', reason, items: items.filter((i) => i.reason === reason) })).filter((node) => node.items.length > 0);
}

/** Distinct clients that need something: the badge's number. */
function clientsIn(nodes: readonly ReasonNode[]): number {
  return new Set(nodes.flatMap((node) => node.items.map((i) => i.record.file))).size;
}

export class NeedsAttentionProvider extends StoreTreeProvider<AttentionTreeNode> {
  private roots: ReasonNode[] | undefined;
  private rootsKey = '';
  /** The sliced computation under way, for the key it was started for. */
  private pending: { key: string; roots: Promise<ReasonNode[]> } | undefined;

  protected invalidate(): void {
    this.roots = undefined;
  }

  private key(): string {
    return `${this.ctx.store.version}:${this.ctx.today()}:${this.ctx.queries.ownerFilter ?? ''}`;
  }

  /** The groups, worked out at once (commands and tests); the view itself uses `reasonNodesInSlices`. */
  reasonNodes(): ReasonNode[] {
    if (!this.isLoaded) return [];
    const key = this.key();
    if (!this.roots || this.rootsKey !== key) {
      this.roots = groupByReason(attentionItems(this.ctx.queries.visibleClients(), this.ctx.store.invoices(), this.ctx.queries.computeContext()));
      this.rootsKey = key;
    }
    return this.roots;
  }

  /** The groups, worked out between slices when they are not known for the store as it is now. */
  reasonNodesInSlices(): Promise<ReasonNode[]> {
    if (!this.isLoaded) return Promise.resolve([]);
    const key = this.key();
    if (this.roots && this.rootsKey === key) return Promise.resolve(this.roots);
    if (this.pending?.key !== key) {
      const roots = attentionItemsInSlices(this.ctx.queries.visibleClients(), this.ctx.store.invoices(), this.ctx.queries.computeContext(), SLICE_MS).then((items) => {
        const nodes = groupByReason(items);
        // Kept only if the store is still the one it was worked out for.
        if (this.key() === key) {
          this.roots = nodes;
          this.rootsKey = key;
        }
        return nodes;
      });
      this.pending = { key, roots };
    }
    return this.pending.roots;
  }

  /** Distinct clients that need something: the badge's number. */
  clientCount(): number {
    return clientsIn(this.reasonNodes());
  }

  async clientCountInSlices(): Promise<number> {
    return clientsIn(await this.reasonNodesInSlices());
  }

  getChildren(node?: AttentionTreeNode): AttentionTreeNode[] | Promise<AttentionTreeNode[]> {
    if (!node) return this.reasonNodesInSlices();
    if (node.kind === 'reason') return node.items.map((item) => ({ kind: 'client', item, record: item.record, parent: node }));
    // A contact person's birthday is about that person: no children. Any other client shows its persons.
    if (node.kind === 'client' && !node.item.person) return contactPersonNodes(node.record, node);
    return [];
  }

  getParent(node: AttentionTreeNode): AttentionTreeNode | undefined {
    return node.kind === 'reason' ? undefined : node.parent;
  }

  getTreeItem(node: AttentionTreeNode): vscode.TreeItem {
    if (node.kind === 'reason') {
      const item = new vscode.TreeItem(reasonTitle(node.reason), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `attention:${node.reason}`;
      item.description = String(node.items.length);
      item.iconPath = new vscode.ThemeIcon(REASON_ICONS[node.reason]);
      item.contextValue = `plainCrm.attention.${node.reason}`;
      return item;
    }
    if (node.kind === 'contact') return contactPersonTreeItem(node.record, node.person, clientItemId(node.parent));
    const item = clientTreeItem(node.record, this.ctx, clientItemId(node));
    if (node.item.person) {
      // "Анна Бухгалтерова (ООО «Ромашка»)": the person whose birthday it is; the click still opens the client.
      item.label = personLabel(node.item.person, node.record);
      item.iconPath = new vscode.ThemeIcon('person');
    } else {
      withContactPersons(item, node.record);
    }
    item.description = itemDetail(node.item);
    item.contextValue = 'plainCrm.client';
    return item;
  }
}

export function registerNeedsAttentionView(ctx: FeatureContext): vscode.Disposable[] {
  const provider = new NeedsAttentionProvider(ctx);
  ctx.exports.needsAttentionProvider = provider;
  const view = vscode.window.createTreeView(NEEDS_ATTENTION_VIEW_ID, { treeDataProvider: provider, canSelectMany: true });
  // A count started before another finishes is outdated: only the latest one is shown.
  let counting = 0;
  const updateBadge = async (): Promise<void> => {
    const run = ++counting;
    const count = await provider.clientCountInSlices();
    if (run !== counting) return;
    view.badge = count > 0 ? { value: count, tooltip: vscode.l10n.t('{0} clients need attention', count) } : undefined;
  };
  // The day changes under a running window: time rules are re-checked every hour.
  const hourly = setInterval(() => provider.refresh(), 60 * 60 * 1000);
  return [provider, view, provider.onDidChangeTreeData(() => void updateBadge()), new vscode.Disposable(() => clearInterval(hourly))];
}
