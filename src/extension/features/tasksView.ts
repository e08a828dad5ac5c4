// The Tasks view (issue 15): the open tasks (checklist lines in the notes) and next actions of
// every non-archived client, grouped Overdue / Today / This week / Later / No date. "My clients"
// narrows it to my tasks: a task's own @owner, else its client's owner. A status bar item counts
// my overdue and today's tasks and opens the view.
import * as vscode from 'vscode';
import { messageOfTask } from '../../core/playbooks/messageTask';
import type { CrmRecord } from '../../core/model';
import { countTasksInSlices, listTasks, taskGroup, type TaskGroup, type TaskItem } from '../../core/tasks/tasks';
import { recordUri } from '../clientItem';
import type { FeatureContext } from '../featureContext';
import { gitEmail } from '../gitIdentity';
import { StoreTreeProvider } from '../storeTreeProvider';

export const TASKS_VIEW_ID = 'plainCrm.tasks';
const GROUPS: readonly TaskGroup[] = ['overdue', 'today', 'week', 'later', 'none'];
/** How long the status bar's count holds the extension host at a time. */
const STATUS_SLICE_MS = 10;

export interface TaskGroupNode {
  kind: 'group';
  group: TaskGroup;
  items: TaskItem[];
}

export interface TaskNode {
  kind: 'task';
  item: TaskItem;
  /** For the client commands (Log contact, Set next action) on a task's context menu. */
  record: CrmRecord | undefined;
  parent: TaskGroupNode;
}

export type TasksTreeNode = TaskGroupNode | TaskNode;

function groupTitle(group: TaskGroup): string {
  switch (group) {
    case 'overdue':
      return vscode.l10n.t('Overdue');
    case 'today':
      return vscode.l10n.t('Today');
    case 'week':
      return vscode.l10n.t('This week');
    case 'later':
      return vscode.l10n.t('Later');
    case 'none':
      return vscode.l10n.t('No date');
  }
}

const GROUP_ICONS: Record<TaskGroup, string> = { overdue: 'warning', today: 'calendar', week: 'calendar', later: 'clock', none: 'circle-large-outline' };

export class TasksProvider extends StoreTreeProvider<TasksTreeNode> {
  private roots: TaskGroupNode[] | undefined;
  private rootsKey = '';

  protected invalidate(): void {
    this.roots = undefined;
  }

  /** The owner the view narrows to: the "My clients" filter. */
  get owner(): string | undefined {
    return this.ctx.queries.ownerFilter;
  }

  groups(): TaskGroupNode[] {
    if (!this.isLoaded) return [];
    const today = this.ctx.today();
    const key = `${this.ctx.store.version}:${today}:${this.owner ?? ''}`;
    if (!this.roots || this.rootsKey !== key) {
      const owner = this.owner;
      const items = listTasks(this.ctx.store.clients(), { today, ...(owner !== undefined && { owner }) });
      this.roots = GROUPS.map((group): TaskGroupNode => ({ kind: 'group', group, items: items.filter((i) => taskGroup(i, today) === group) })).filter((g) => g.items.length > 0);
      this.rootsKey = key;
    }
    return this.roots;
  }

  getChildren(node?: TasksTreeNode): TasksTreeNode[] {
    if (!node) return this.groups();
    if (node.kind === 'group') return node.items.map((item): TaskNode => ({ kind: 'task', item, record: this.ctx.store.byFile(item.file), parent: node }));
    return [];
  }

  getParent(node: TasksTreeNode): TasksTreeNode | undefined {
    return node.kind === 'task' ? node.parent : undefined;
  }

  getTreeItem(node: TasksTreeNode): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(groupTitle(node.group), node.group === 'later' || node.group === 'none' ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
      item.id = `tasks:${node.group}`;
      item.description = String(node.items.length);
      item.iconPath = new vscode.ThemeIcon(GROUP_ICONS[node.group], node.group === 'overdue' ? new vscode.ThemeColor('list.warningForeground') : undefined);
      return item;
    }
    const task = node.item;
    const label = task.text === '' ? vscode.l10n.t('(no text)') : task.text;
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `task:${task.file}:${task.kind}:${task.deal?.index ?? ''}:${task.line}:${task.due ?? ''}:${task.text}`;
    const when = task.due === undefined ? '' : task.time !== undefined ? `${task.due} ${task.time}` : task.due;
    const name = task.deal ? `${task.name} — ${task.deal.label}` : task.name;
    item.description = [name, when].filter((s) => s !== '').join(' · ');
    item.iconPath = new vscode.ThemeIcon(task.kind === 'next_action' ? 'arrow-circle-right' : 'circle-large-outline');
    // A playbook's message task offers the draft of its template (Compose Message) inline.
    item.contextValue = task.kind === 'next_action' ? 'plainCrm.nextAction' : messageOfTask(task.text) ? 'plainCrm.messageTask' : 'plainCrm.task';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(task.kind === 'next_action' ? vscode.l10n.t('Next action of {0}', name) : vscode.l10n.t('Task of {0}', task.name));
    tooltip.appendText(`\n\n${label}\n\n`);
    if (when !== '') tooltip.appendText(`${vscode.l10n.t('Due {0}', when)}\n\n`);
    if (task.owner !== undefined) tooltip.appendText(`${vscode.l10n.t('Owner: {0}', task.owner)}\n\n`);
    tooltip.appendText(task.line > 0 ? `${task.file}:${task.line}` : task.file);
    item.tooltip = tooltip;
    const record = node.record;
    if (record) {
      const uri = recordUri(this.ctx, record);
      const line = Math.max(0, task.line - 1);
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri, { selection: new vscode.Range(line, 0, line, 0), preview: true }] };
    }
    return item;
  }

  /**
   * My open tasks due today or before: the status bar's number, counted between slices (a copy of
   * the list: the store's own is patched in place as files change meanwhile).
   */
  async dueCount(owner: string | undefined): Promise<number> {
    if (!this.isLoaded) return 0;
    return countTasksInSlices([...this.ctx.store.clients()], { today: this.ctx.today(), due: 'today', ...(owner !== undefined && { owner }) }, STATUS_SLICE_MS);
  }
}

export function registerTasksView(ctx: FeatureContext): vscode.Disposable[] {
  const provider = new TasksProvider(ctx);
  ctx.exports.tasksProvider = provider;
  const view = vscode.window.createTreeView(TASKS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('plainCrm.tasksDue', vscode.StatusBarAlignment.Left, 50);
  status.name = vscode.l10n.t('Plain CRM tasks');
  status.command = `${TASKS_VIEW_ID}.focus`;
  // "Me": the My clients filter when it is on, else git's user.email; nobody known → everyone's.
  let me: string | undefined;
  void gitEmail(ctx.store.root).then((email) => {
    me = email;
    void updateStatus();
  });
  // A count started before another finishes is outdated: only the latest one is shown.
  let counting = 0;
  const updateStatus = async (): Promise<void> => {
    const run = ++counting;
    const owner = provider.owner ?? me;
    const count = await provider.dueCount(owner);
    if (run !== counting) return;
    if (count === 0) {
      status.hide();
      return;
    }
    status.text = `$(checklist) ${count}`;
    status.tooltip = owner !== undefined ? vscode.l10n.t('{0} tasks due today or overdue for {1}', count, owner) : vscode.l10n.t('{0} tasks due today or overdue', count);
    status.show();
  };
  // Counting walks every client's notes (80 ms at 10k records): once a second at most, not on
  // every keystroke of a record being edited.
  let pending: ReturnType<typeof setTimeout> | undefined;
  const scheduleStatus = (): void => {
    pending ??= setTimeout(() => {
      pending = undefined;
      void updateStatus();
    }, 1000);
  };
  const hourly = setInterval(() => provider.refresh(), 60 * 60 * 1000);
  return [
    provider,
    view,
    status,
    provider.onDidChangeTreeData(scheduleStatus),
    new vscode.Disposable(() => {
      clearInterval(hourly);
      if (pending) clearTimeout(pending);
    }),
  ];
}
