// The tasks of a record (checklist lines of its notes) and of a workspace, with each client's
// `next_action` beside them: what the Tasks view, `plain-crm tasks` and the overdue-task rule read.
import { daysBetween } from '../dates';
import { recordDeals } from '../deals';
import type { CrmRecord } from '../model';
import { notesLines } from '../parse/notesLines';
import { recordName } from '../recordFields';
import { runInSlices, runToEnd } from '../slices';
import { parseTaskLine, type TaskLine } from './taskLine';

export type TaskKind = 'task' | 'next_action';

export interface TaskItem {
  /** The client's id. */
  id: string;
  file: string;
  /** 1-based line in the file; 0 when the notes' lines are not the file's (a folded `.yaml` notes). */
  line: number;
  due?: string;
  time?: string;
  text: string;
  owner?: string;
  done: boolean;
  kind: TaskKind;
  /** The client's display name. */
  name: string;
  doneOn?: string;
  key?: string;
  /** For the next action of a deal in `deals:`: the deal's index there, and its title or `#id`. */
  deal?: { index: number; label: string };
}

export interface BadTaskDate {
  file: string;
  line: number;
  column: number;
  value: string;
}

/** Any checklist item at all: most notes have none, and are not split into lines then. */
const ANY_TASK = /^\s*[-*+] \[[ xX]\]/m;

/**
 * Read once per record: records never change (an edit makes a new one), and the Tasks view, its
 * status bar count and two lint rules each read every record's tasks after every change (at 10k
 * records ~150 ms a pass, mostly splitting notes into lines).
 */
const taskLinesCache = new WeakMap<CrmRecord, readonly { line: number; task: TaskLine }[]>();

/** Every checklist line of the record's notes, outside fenced code, with its line in the file. */
export function recordTaskLines(record: CrmRecord): readonly { line: number; task: TaskLine }[] {
  let lines = taskLinesCache.get(record);
  if (!lines) {
    lines = notesLines(record, ANY_TASK, (text) => (text.includes('[') ? parseTaskLine(text) : undefined)).map(({ line, value }) => ({ line, task: value }));
    taskLinesCache.set(record, lines);
  }
  return lines;
}

/** The record's tasks and its next action as rows, and the task dates that are no dates. */
export function recordTasks(record: CrmRecord): { items: TaskItem[]; badDates: BadTaskDate[] } {
  const name = recordName(record);
  const items: TaskItem[] = [];
  const badDates: BadTaskDate[] = [];
  for (const { line, task } of recordTaskLines(record)) {
    items.push({
      id: record.id,
      file: record.file,
      line,
      ...(task.due !== undefined && { due: task.due }),
      ...(task.time !== undefined && { time: task.time }),
      text: task.text,
      ...(task.owner !== undefined && { owner: task.owner }),
      done: task.done,
      kind: 'task',
      name,
      ...(task.doneOn !== undefined && { doneOn: task.doneOn }),
      ...(task.key !== undefined && { key: task.key }),
    });
    if (task.badDate && line > 0) badDates.push({ file: record.file, line, column: task.badDate.column, value: task.badDate.value });
  }
  // One next action per deal (a record without `deals:` is its own single deal).
  for (const deal of recordDeals(record)) {
    const next = deal.data.next_action;
    if (!next || typeof next !== 'object' || (typeof next.what !== 'string' && typeof next.date !== 'string')) continue;
    const owner = typeof record.data.owner === 'string' ? record.data.owner : undefined;
    items.push({
      id: record.id,
      file: record.file,
      line: 0,
      ...(typeof next.date === 'string' && { due: next.date }),
      text: typeof next.what === 'string' ? next.what : '',
      ...(owner !== undefined && { owner }),
      done: false,
      kind: 'next_action',
      name,
      ...(deal.deal && { deal: { index: deal.deal.index, label: deal.deal.title ?? `#${deal.deal.id}` } }),
    });
  }
  return { items, badDates };
}

export type DueFilter = 'overdue' | 'today' | 'week' | 'all';
export type TaskGroup = 'overdue' | 'today' | 'week' | 'later' | 'none';

/** Overdue / Today / This week (the next 7 days) / Later / No date, for an open task on `today`. */
export function taskGroup(item: Pick<TaskItem, 'due'>, today: string): TaskGroup {
  if (item.due === undefined) return 'none';
  const days = daysBetween(today, item.due);
  if (days === undefined) return 'none';
  if (days < 0) return 'overdue';
  if (days === 0) return 'today';
  if (days <= 7) return 'week';
  return 'later';
}

export interface TaskFilter {
  today: string;
  /** Only this owner's: a task's own @owner, else (for next actions) the client's owner. */
  owner?: string;
  due?: DueFilter;
  /** Done tasks too (default: open only). */
  includeDone?: boolean;
}

/** The open tasks and next actions of the records, filtered, by due date (none last), then name, then line. */
export function listTasks(records: Iterable<CrmRecord>, filter: TaskFilter): TaskItem[] {
  return [...matchingTasks(records, filter)].sort(compareTasks);
}

/** How many tasks `listTasks` would list, without sorting them (the status bar's number). */
export function countTasks(records: Iterable<CrmRecord>, filter: TaskFilter): number {
  return runToEnd(countSteps(records, filter));
}

/**
 * `countTasks` with the event loop served every `sliceMs`: the first count after a load reads every
 * client's notes for task lines (~30 µs a record, 0.3–0.4 s at 10k), which the status bar must not
 * hold the extension host for.
 */
export function countTasksInSlices(records: Iterable<CrmRecord>, filter: TaskFilter, sliceMs: number): Promise<number> {
  return runInSlices(countSteps(records, filter), sliceMs);
}

function* countSteps(records: Iterable<CrmRecord>, filter: TaskFilter): Generator<void, number, void> {
  let count = 0;
  for (const record of records) {
    for (const _ of matchingTasks([record], filter)) count++;
    yield;
  }
  return count;
}

function* matchingTasks(records: Iterable<CrmRecord>, filter: TaskFilter): Generator<TaskItem> {
  const due = filter.due ?? 'all';
  const owner = filter.owner?.toLowerCase();
  for (const record of records) {
    if (record.archived) continue;
    const clientOwner = typeof record.data.owner === 'string' ? record.data.owner.toLowerCase() : undefined;
    for (const item of recordTasks(record).items) {
      if (item.done && !filter.includeDone) continue;
      if (owner !== undefined && (item.owner?.toLowerCase() ?? clientOwner) !== owner) continue;
      const group = taskGroup(item, filter.today);
      if (due === 'overdue' && group !== 'overdue') continue;
      if (due === 'today' && group !== 'overdue' && group !== 'today') continue;
      if (due === 'week' && group !== 'overdue' && group !== 'today' && group !== 'week') continue;
      yield item;
    }
  }
}

// One collator for every comparison: String.localeCompare builds one per call, 10× slower at 10k rows.
const NAMES = new Intl.Collator('ru');

export function compareTasks(a: TaskItem, b: TaskItem): number {
  if (a.due !== b.due) {
    if (a.due === undefined) return 1;
    if (b.due === undefined) return -1;
    return a.due < b.due ? -1 : 1;
  }
  if ((a.time ?? '') !== (b.time ?? '')) return (a.time ?? '') < (b.time ?? '') ? -1 : 1;
  return NAMES.compare(a.name, b.name) || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line;
}
