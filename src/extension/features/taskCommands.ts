// Working the tasks (issue 15): Complete (optionally logging the contact), Reschedule and Add
// task. Each is one edit of the record through the edit engine — only the task's line changes,
// or one line is added — in one undo step; a line that changed since the view read it is refused.
import * as vscode from 'vscode';
import { setNextActionOps } from '../../core/actions/recordActions';
import { messageOfTask } from '../../core/playbooks/messageTask';
import type { EditOp } from '../../core/edit/recordEdit';
import { recordName } from '../../core/recordFields';
import { addTaskOps, completeTaskOps, rescheduleTaskOps, type TaskOps } from '../../core/tasks/taskEdit';
import { listTasks, type TaskItem } from '../../core/tasks/tasks';
import { askDate, type DateOffset } from '../askDate';
import { type ClientTarget, targetClients } from '../clientTarget';
import { applyRecordOps } from '../recordEdits';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';

/** Tomorrow, in 3 days, next week (issue 15). */
const TASK_OFFSETS: readonly DateOffset[] = [
  { amount: 1, unit: 'd' },
  { amount: 3, unit: 'd' },
  { amount: 1, unit: 'w' },
];

/** What a task command may be given: a Tasks view node, or `{ file, line }` from a caller. */
type TaskTarget = { item?: TaskItem } | { file: string; line: number } | undefined;

function taskOf(ctx: FeatureContext, target: TaskTarget): TaskItem | undefined {
  if (!target) return undefined;
  if ('item' in target && target.item) return target.item;
  if ('file' in target) {
    const record = ctx.store.byFile(target.file);
    return record ? listTasks([record], { today: ctx.today() }).find((t) => t.kind === 'task' && t.line === target.line) : undefined;
  }
  return undefined;
}

async function pickTask(ctx: FeatureContext, title: string, kinds: readonly TaskItem['kind'][]): Promise<TaskItem | undefined> {
  const owner = ctx.queries.ownerFilter;
  const items = listTasks(ctx.store.clients(), { today: ctx.today(), ...(owner !== undefined && { owner }) })
    .filter((t) => kinds.includes(t.kind))
    .map((task) => ({ label: task.text, description: [task.name, task.due].filter(Boolean).join(' · '), task }));
  const picked = await vscode.window.showQuickPick(items, { title, matchOnDescription: true });
  return picked?.task;
}

/** A task edit as applyRecordOps takes it: the engine's operations, or the reason it refused. */
const opsOf = (ops: TaskOps): EditOp[] | { error: string } => (ops.ok ? ops.ops : { error: ops.error });

export function registerTaskCommands(ctx: FeatureContext): vscode.Disposable[] {
  const complete = (logContact: boolean) => async (target?: TaskTarget) => {
    const task = taskOf(ctx, target) ?? (await pickTask(ctx, vscode.l10n.t('Complete which task?'), ['task']));
    const record = task && ctx.store.byFile(task.file);
    if (!task || !record || task.kind !== 'task') return false;
    return applyRecordOps(ctx, [record], vscode.l10n.t('Complete task'), (_record, text) => opsOf(completeTaskOps(text, task.line, ctx.today(), logContact)));
  };

  const reschedule = async (target?: TaskTarget, dateArg?: string) => {
    const task = taskOf(ctx, target) ?? (await pickTask(ctx, vscode.l10n.t('Reschedule which task?'), ['task', 'next_action']));
    const record = task && ctx.store.byFile(task.file);
    if (!task || !record) return false;
    const date = dateArg ?? (await askDate(ctx, TASK_OFFSETS, { title: vscode.l10n.t('Move "{0}" to…', task.text), inputTitle: vscode.l10n.t('Task date') }));
    if (!date) return false;
    if (task.kind === 'next_action') {
      const ops: EditOp[] = setNextActionOps({ date, what: task.text }, task.deal ? ['deals', task.deal.index] : []);
      return applyRecordOps(ctx, [record], vscode.l10n.t('Reschedule task'), () => ops);
    }
    return applyRecordOps(ctx, [record], vscode.l10n.t('Reschedule task'), (_record, text) => opsOf(rescheduleTaskOps(text, task.line, date)));
  };

  const add = async (clicked?: ClientTarget, selected?: unknown, textArg?: string, dueArg?: string | null) => {
    const records = await targetClients(ctx, clicked, selected, vscode.l10n.t('Add a task for…'));
    if (records.length === 0) return false;
    const text =
      textArg ??
      (await vscode.window.showInputBox({
        title: records.length === 1 ? vscode.l10n.t('New task for {0}', recordName(records[0]!)) : vscode.l10n.t('New task for {0} clients', records.length),
        prompt: vscode.l10n.t('What to do, e.g. Send the revised proposal'),
        validateInput: (value) => {
          if (value.trim() === '') return undefined;
          const check = addTaskOps({ text: value });
          return check.ok ? undefined : check.error;
        },
      }));
    if (text === undefined || text.trim() === '') return false;
    const due = dueArg !== undefined ? dueArg : await askDate(ctx, TASK_OFFSETS, { title: vscode.l10n.t('When is it due?'), inputTitle: vscode.l10n.t('Task date'), noneLabel: vscode.l10n.t('No date') });
    if (due === undefined) return false;
    return applyRecordOps(ctx, records, vscode.l10n.t('Add task'), () => opsOf(addTaskOps({ text, ...(due !== null && { due }) })));
  };

  /**
   * A task a playbook's `message` action added (`… ✉ thank-you (INV-2026-0007)`): the template's
   * message for the client, with that invoice; Compose Message does the rest (clipboard or draft).
   */
  const composeTaskMessage = async (target?: TaskTarget, actionArg?: 'copy' | 'draft', sentArg?: boolean): Promise<string | undefined> => {
    const task = taskOf(ctx, target);
    const record = task && ctx.store.byFile(task.file);
    const message = task && messageOfTask(task.text);
    if (!record || !message) return undefined;
    return vscode.commands.executeCommand<string | undefined>('plainCrm.composeMessage', record, undefined, message.template, actionArg, sentArg, message.invoice);
  };

  return [
    registerWriteCommand('plainCrm.composeTaskMessage', composeTaskMessage),
    registerWriteCommand('plainCrm.completeTask', complete(false)),
    registerWriteCommand('plainCrm.completeTaskAndLogContact', complete(true)),
    registerWriteCommand('plainCrm.rescheduleTask', reschedule),
    registerWriteCommand('plainCrm.addTask', add),
  ];
}
