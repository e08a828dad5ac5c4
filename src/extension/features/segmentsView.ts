// The Segments view: the saved queries of `.crm/segments.yaml` in file order, each with its live
// count; expanding one lists its clients. Add, edit, rename and delete write the file through
// `WorkspaceEdit` (one undo step each); queries are checked as they are typed.
import * as vscode from 'vscode';
import { SEGMENTS_FILE } from '../../core/config';
import { deleteSegment, putSegment, renameSegment, segmentNameProblem, segmentQueryProblem } from '../../core/edit/segmentsEdit';
import type { CrmRecord, Segment } from '../../core/model';
import { compareText } from '../../core/query/results';
import { recordName } from '../../core/recordFields';
import { clientTreeItem } from '../clientItem';
import { contactPersonNodes, type ContactPersonNode, contactPersonTreeItem, withContactPersons } from '../contactPersonItems';
import { editFile } from '../editFile';
import type { FeatureContext } from '../featureContext';
import { StoreTreeProvider } from '../storeTreeProvider';
import { registerWriteCommand } from '../trust';

export const SEGMENTS_VIEW_ID = 'plainCrm.segments';

export interface SegmentNode {
  kind: 'segment';
  segment: Segment;
  /** Matching clients sorted by name, or the query's error. */
  result: { records: CrmRecord[] } | { error: string };
}

export interface SegmentClientNode {
  kind: 'client';
  record: CrmRecord;
  parent: SegmentNode;
}

/** A contact person of a client (issue 17). */
export type SegmentContactNode = ContactPersonNode<SegmentClientNode>;

export type SegmentTreeNode = SegmentNode | SegmentClientNode | SegmentContactNode;

const clientItemId = (node: SegmentClientNode): string => `segment:${node.parent.segment.name}:${node.record.file}`;

export class SegmentsProvider extends StoreTreeProvider<SegmentTreeNode> {
  private roots: SegmentNode[] | undefined;
  private rootsKey = '';

  protected invalidate(): void {
    this.roots = undefined;
  }

  /** The segments with their results, evaluated once per store version and day. */
  segmentNodes(): SegmentNode[] {
    if (!this.isLoaded) return [];
    const key = `${this.ctx.store.version}:${this.ctx.today()}`;
    if (!this.roots || this.rootsKey !== key) {
      this.roots = this.ctx.store.segments.map((segment): SegmentNode => {
        const result = this.ctx.queries.segmentClients(segment);
        if ('error' in result) return { kind: 'segment', segment, result };
        const records = result.records.sort((a, b) => compareText(recordName(a), recordName(b)));
        return { kind: 'segment', segment, result: { records } };
      });
      this.rootsKey = key;
    }
    return this.roots;
  }

  getChildren(node?: SegmentTreeNode): SegmentTreeNode[] {
    if (!node) return this.segmentNodes();
    if (node.kind === 'segment' && 'records' in node.result) return this.ctx.queries.ordered(node.result.records).map((record) => ({ kind: 'client', record, parent: node }));
    if (node.kind === 'client') return contactPersonNodes(node.record, node);
    return [];
  }

  getParent(node: SegmentTreeNode): SegmentTreeNode | undefined {
    return node.kind === 'segment' ? undefined : node.parent;
  }

  getTreeItem(node: SegmentTreeNode): vscode.TreeItem {
    if (node.kind === 'client') return withContactPersons(clientTreeItem(node.record, this.ctx, clientItemId(node)), node.record);
    if (node.kind === 'contact') return contactPersonTreeItem(node.record, node.person, clientItemId(node.parent));
    const { segment, result } = node;
    const count = 'records' in result ? result.records.length : 0;
    const item = new vscode.TreeItem(segment.name, count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `segment:${segment.name}`;
    item.contextValue = 'plainCrm.segment';
    const tooltip = new vscode.MarkdownString();
    if (segment.description) tooltip.appendText(`${segment.description}\n\n`);
    tooltip.appendCodeblock(segment.query, 'text');
    if ('error' in result) {
      item.description = vscode.l10n.t('invalid query');
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      tooltip.appendText(result.error);
    } else {
      item.description = String(count);
      item.iconPath = new vscode.ThemeIcon('filter');
    }
    item.tooltip = tooltip;
    return item;
  }

}

function segmentsUri(ctx: FeatureContext): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), SEGMENTS_FILE);
}

/** Asks for a query, checking it on every keystroke; `undefined` when cancelled. */
function askQuery(value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Segment query'),
    prompt: vscode.l10n.t('For example: tag:vip stage:proposal,negotiation value:>=50000'),
    value,
    validateInput: (text) => {
      if (text.trim() === '') return vscode.l10n.t('Type a query, for example tag:vip');
      const problem = segmentQueryProblem(text);
      return problem === undefined ? undefined : { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
    },
  });
}

function nameProblem(ctx: FeatureContext, name: string, current?: string): string | undefined {
  switch (segmentNameProblem(name, ctx.store.segments, current)) {
    case 'empty':
      return vscode.l10n.t('A segment needs a name');
    case 'multiline':
      return vscode.l10n.t('A segment name is one line');
    case 'too-long':
      return vscode.l10n.t('A segment name has at most 100 characters');
    case 'taken':
      return vscode.l10n.t('A segment named "{0}" already exists', name.trim());
    case undefined:
      return undefined;
  }
}

function askName(ctx: FeatureContext, value: string, current?: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: current === undefined ? vscode.l10n.t('New segment') : vscode.l10n.t('Rename segment'),
    prompt: vscode.l10n.t('The name shown in the Segments view and usable in exports'),
    value,
    validateInput: (text) => nameProblem(ctx, text, current),
  });
}

/** The segment a command was invoked on: the view's item, else a quick pick. */
async function pickSegment(ctx: FeatureContext, node: SegmentTreeNode | undefined): Promise<Segment | undefined> {
  if (node?.kind === 'segment') return node.segment;
  const picked = await vscode.window.showQuickPick(
    ctx.store.segments.map((segment) => ({ label: segment.name, description: segment.query, segment })),
    { title: vscode.l10n.t('Choose a segment') },
  );
  return picked?.segment;
}

async function write(ctx: FeatureContext, label: string, compute: Parameters<typeof editFile>[2]): Promise<boolean> {
  const error = await editFile(segmentsUri(ctx), label, compute);
  if (error !== undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not change the segments: {0}', error));
    return false;
  }
  // The watcher would get there too; updating now makes the view follow without a delay.
  await ctx.store.updateFile(SEGMENTS_FILE);
  return true;
}

export function registerSegmentsView(ctx: FeatureContext): vscode.Disposable[] {
  const provider = new SegmentsProvider(ctx);
  ctx.exports.segmentsProvider = provider;
  const view = vscode.window.createTreeView(SEGMENTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  ctx.exports.segmentsView = view;

  const add = registerWriteCommand('plainCrm.addSegment', async (name?: string, query?: string, description?: string) => {
    // Arguments let other commands (and tests) add a segment without the prompts.
    name ??= await askName(ctx, '');
    if (name === undefined) return false;
    query ??= await askQuery('');
    if (query === undefined) return false;
    description ??= await vscode.window.showInputBox({ title: vscode.l10n.t('Description (optional)'), value: '' });
    if (description === undefined) return false;
    const segmentName = name.trim();
    const problem = nameProblem(ctx, segmentName);
    if (problem !== undefined) {
      void vscode.window.showErrorMessage(problem);
      return false;
    }
    return write(ctx, vscode.l10n.t('Add segment'), (text) => putSegment(text, segmentName, query, description));
  });

  const edit = registerWriteCommand('plainCrm.editSegment', async (node?: SegmentTreeNode, query?: string) => {
    const segment = await pickSegment(ctx, node);
    if (!segment) return false;
    query ??= await askQuery(segment.query);
    if (query === undefined) return false;
    return write(ctx, vscode.l10n.t('Edit segment'), (text) => putSegment(text, segment.name, query, segment.description));
  });

  const rename = registerWriteCommand('plainCrm.renameSegment', async (node?: SegmentTreeNode, to?: string) => {
    const segment = await pickSegment(ctx, node);
    if (!segment) return false;
    to ??= await askName(ctx, segment.name, segment.name);
    if (to === undefined || to.trim() === segment.name) return false;
    const problem = nameProblem(ctx, to, segment.name);
    if (problem !== undefined) {
      void vscode.window.showErrorMessage(problem);
      return false;
    }
    const newName = to;
    return write(ctx, vscode.l10n.t('Rename segment'), (text) => renameSegment(text, segment.name, newName));
  });

  const remove = registerWriteCommand('plainCrm.deleteSegment', async (node?: SegmentTreeNode, confirmed?: boolean) => {
    const segment = await pickSegment(ctx, node);
    if (!segment) return false;
    if (confirmed !== true) {
      const yes = vscode.l10n.t('Delete');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the segment "{0}"? Its clients stay; only the saved query goes.', segment.name),
        { modal: true },
        yes,
      );
      if (answer !== yes) return false;
    }
    return write(ctx, vscode.l10n.t('Delete segment'), (text) => deleteSegment(text, segment.name));
  });

  return [provider, view, add, edit, rename, remove];
}
