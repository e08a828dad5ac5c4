// `plain-crm tasks` lists the open tasks and next actions; `plain-crm task add|done` edits one
// record through the edit engine and writes it atomically (issue 15).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { resolveDateExpression } from '../../core/dates';
import { editRecord, isEditError } from '../../core/edit/recordEdit';
import { calendarSummary, tasksCalendar } from '../../core/generate/calendarExport';
import { t } from '../../core/i18n';
import type { CrmRecord } from '../../core/model';
import { addTaskOps, completeTaskOps, type TaskOps } from '../../core/tasks/taskEdit';
import { listTasks, taskGroup, type DueFilter, type TaskItem } from '../../core/tasks/tasks';
import { formatTaskLine } from '../../core/tasks/taskLine';
import { replaceFileAtomic } from '../atomicWrite';
import { chooseFormat, clientRecord, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['text', 'json', 'ics'] as const;
const DUE: readonly DueFilter[] = ['overdue', 'today', 'week', 'all'];

interface TasksOptions {
  owner?: string;
  due?: string;
  out?: string;
}

/** What scripts read: one object a task or next action, in the order of the view. */
export interface JsonTask {
  id: string;
  file: string;
  line: number;
  due: string | null;
  text: string;
  owner: string | null;
  done: boolean;
  kind: TaskItem['kind'];
}

export function toJsonTask(item: TaskItem): JsonTask {
  return { id: item.id, file: item.file, line: item.line, due: item.due ?? null, text: item.text, owner: item.owner ?? null, done: item.done, kind: item.kind };
}

/** `me`: the identity the team shares through git, as My Clients uses it. */
function gitEmail(cwd: string): string | undefined {
  try {
    const email = execFileSync('git', ['config', 'user.email'], { cwd, encoding: 'utf8', timeout: 5000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return email === '' ? undefined : email;
  } catch {
    return undefined;
  }
}

export function resolveOwner(option: string | undefined, root: string): string | undefined {
  if (option === undefined) return undefined;
  if (option !== 'me') return option;
  const email = gitEmail(root);
  if (email === undefined) throw new UsageError(t('--owner me: git has no user.email here; give the e-mail as written in the owner field'));
  return email;
}

export function tasksText(items: readonly TaskItem[], today: string): string {
  const lines = items.map((item) => {
    const when = item.due === undefined ? '—'.padEnd(10) : `${item.due}${item.time ? ` ${item.time}` : ''}`;
    const flag = taskGroup(item, today) === 'overdue' ? '!' : ' ';
    const where = item.line > 0 ? `${item.file}:${item.line}` : item.file;
    const kind = item.kind === 'next_action' ? t('next action: ') : '';
    const name = item.deal ? `${item.name} — ${item.deal.label}` : item.name;
    return `${flag} ${when}  ${name} — ${kind}${item.text}${item.owner ? `  @${item.owner}` : ''}  ${where}`;
  });
  lines.push(items.length === 0 ? t('no tasks') : t('tasks: {0}', items.length));
  return lines.join('\n');
}

export function registerTasks(program: Command, context: () => CliContext): void {
  program
    .command('tasks')
    .description(t('open tasks (checklist lines in the notes) and next actions of every client, by due date'))
    .option('--owner <email|me>', t('only this owner\'s (a task\'s @owner, else the client\'s owner); me = git config user.email'))
    .option('--due <when>', t('overdue, today (and overdue), week (the next 7 days and overdue) or all (default)'))
    .option('--out <file>', t('--format ics: write the calendar to this file (replaced on each run, a feed to re-import) instead of standard output'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm tasks --owner me --due today\n  plain-crm tasks --due overdue --format json\n  plain-crm tasks --owner me --format ics --out exports/tasks.ics`)
    .action(async (options: TasksOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'tasks');
      const due = options.due ?? 'all';
      if (!(DUE as readonly string[]).includes(due)) throw new UsageError(t('--due: "{0}" is not one of {1}', due, DUE.join(', ')));
      const owner = resolveOwner(options.owner, ctx.root);
      const store = await ctx.loadStore();
      const items = listTasks(store.clients(), { today: ctx.today, due: due as DueFilter, ...(owner !== undefined && { owner }) });
      if (format === 'ics') {
        const calendar = tasksCalendar(items, ctx.today);
        if (options.out === undefined || options.out === '-') process.stdout.write(calendar.text);
        else {
          await replaceFileAtomic(path.resolve(ctx.root, options.out), calendar.text);
          process.stdout.write(`${options.out}\n`);
        }
        process.stderr.write(`${calendarSummary(calendar)}\n`);
        return;
      }
      if (options.out !== undefined) throw new UsageError(t('--out is for --format ics'));
      process.stdout.write(format === 'json' ? `${JSON.stringify(items.map(toJsonTask), null, 2)}\n` : `${tasksText(items, ctx.today)}\n`);
    });
}

/** `--due`: a date, `today`, `today+3d`, or the short `+3d`. */
export function parseDue(text: string, today: string): string {
  const due = resolveDateExpression(text.startsWith('+') ? `today${text}` : text, today);
  if (due === undefined) throw new UsageError(t('--due: "{0}" is not a date; use YYYY-MM-DD, today or +3d (d, w, m, y)', text));
  return due;
}

async function editTasks(ctx: CliContext, record: CrmRecord, opsFor: (text: string) => TaskOps, command: string): Promise<void> {
  const full = path.join(ctx.root, record.file);
  const text = await fs.promises.readFile(full, 'utf8');
  const ops = opsFor(text);
  if (!ops.ok) throw new UsageError(`${command}: ${record.file}: ${ops.error}`);
  const result = editRecord(text, ops.ops, { format: record.format });
  if (isEditError(result)) throw new UsageError(`${command}: ${record.file}: ${result.error}`);
  await replaceFileAtomic(full, result.text);
}

export function registerTask(program: Command, context: () => CliContext): void {
  const task = program.command('task').description(t('add a task to a client, or check one off'));
  task
    .command('add <client> <text>')
    .description(t('add an open task line to the client\'s notes (after its last task, else before ## Log)'))
    .option('--due <date>', t('YYYY-MM-DD, today, or relative like +3d, +2w'))
    .option('--owner <email>', t('who does it (default: the client\'s owner)'))
    .action(async (id: string, text: string, options: { due?: string; owner?: string }) => {
      const ctx = context();
      const due = options.due === undefined ? undefined : parseDue(options.due, ctx.today);
      const store = await ctx.loadStore();
      const record = clientRecord(store, id);
      let added = '';
      await editTasks(
        ctx,
        record,
        () => {
          const ops = addTaskOps({ text, ...(due !== undefined && { due }), ...(options.owner !== undefined && { owner: options.owner }) });
          if (ops.ok) added = formatTaskLine(ops.task);
          return ops;
        },
        'task add',
      );
      process.stdout.write(`${record.file}  ${added}\n`);
    });
  task
    .command('done <file:line>')
    .description(t('check off the task on that line (as `plain-crm tasks` prints it), with ✓ today'))
    .option('--log-contact', t('also set last_contact to today'))
    .action(async (where: string, options: { logContact?: boolean }) => {
      const ctx = context();
      const match = /^(.+):(\d+)$/.exec(where);
      if (!match) throw new UsageError(t('task done: "{0}" is not <file>:<line>, e.g. clients/anna-smirnova.md:34', where));
      const file = match[1]!.split(path.sep).join('/');
      const line = Number(match[2]);
      const store = await ctx.loadStore();
      const record = store.byFile(file);
      if (!record || record.kind !== 'client') throw new UsageError(t('task done: {0} is not a client record', file));
      let done = '';
      await editTasks(
        ctx,
        record,
        (text) => {
          const ops = completeTaskOps(text, line, ctx.today, options.logContact === true);
          if (ops.ok) done = formatTaskLine(ops.task);
          return ops;
        },
        'task done',
      );
      process.stdout.write(`${record.file}:${line}  ${done}\n`);
    });
}
