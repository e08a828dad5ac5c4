// One task: a Markdown checklist line in a record's notes (PRODUCT.md, issue 15):
//   - [ ] 2026-11-25 Send the revised proposal @ivan@example.com
//   - [x] 2026-11-20 Call back ✓ 2026-11-21
// The date (with an optional HH:MM), the @owner and the completion mark are optional; a short
// HTML comment at the end (<!-- playbook:… -->) is kept as the task's key. Plain text, so a task
// diffs and merges like any other line.
import { isIsoDate } from '../dates';

export interface TaskLine {
  /** Whatever precedes the bullet: the list's indentation. */
  indent: string;
  bullet: '-' | '*' | '+';
  done: boolean;
  due?: string;
  /** HH:MM after the date. */
  time?: string;
  text: string;
  owner?: string;
  /** The date after ✓ on a done task. */
  doneOn?: string;
  /** The comment at the end of the line, without <!-- -->. */
  key?: string;
  /** A first word that looks like a date but is none (2026-13-40, 25.11.2026): reported, never guessed. */
  badDate?: { value: string; column: number };
}

const CHECKBOX = /^(\s*)([-*+]) \[([ xX])\](?: (.*))?$/;
const KEY = /\s*<!--\s*(.*?)\s*-->\s*$/;
const DONE_ON = /\s*✓\s*(\S+)\s*$/;
const OWNER = /(?:^|\s+)@(\S+)$/;
const LEADING_DATE = /^(\d{4}-\d{2}-\d{2})(?: (\d{2}:\d{2}))?(?:\s+|$)/;
/** A first word a person may mean as a date: reported as invalid rather than read as text. */
const DATE_LIKE = /^(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?=\s|$)/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The task on `line`, or undefined when the line is no checklist item. */
export function parseTaskLine(line: string): TaskLine | undefined {
  const match = CHECKBOX.exec(line.replace(/\r$/, ''));
  if (!match) return undefined;
  const [, indent = '', bullet, mark, content = ''] = match;
  const task: TaskLine = { indent, bullet: bullet as TaskLine['bullet'], done: mark !== ' ', text: '' };
  let rest = content;
  const key = KEY.exec(rest);
  if (key) {
    task.key = key[1]!;
    rest = rest.slice(0, key.index);
  }
  const doneOn = DONE_ON.exec(rest);
  if (doneOn && isIsoDate(doneOn[1])) {
    task.doneOn = doneOn[1]!;
    rest = rest.slice(0, doneOn.index);
  }
  rest = rest.trimEnd();
  const owner = OWNER.exec(rest);
  if (owner) {
    task.owner = owner[1]!;
    rest = rest.slice(0, owner.index);
  }
  const offset = indent.length + 6; // "- [ ] "
  const date = LEADING_DATE.exec(rest);
  if (date && isIsoDate(date[1]) && (date[2] === undefined || TIME.test(date[2]))) {
    task.due = date[1]!;
    if (date[2] !== undefined) task.time = date[2];
    rest = rest.slice(date[0].length);
  } else {
    const like = DATE_LIKE.exec(rest);
    if (like) task.badDate = { value: like[1]!, column: offset + 1 };
  }
  task.text = rest.trim();
  return task;
}

/** The line for `task`: parseTaskLine(formatTaskLine(t)) gives t back. */
export function formatTaskLine(task: TaskLine): string {
  const parts = [`${task.indent}${task.bullet} [${task.done ? 'x' : ' '}]`];
  if (task.due !== undefined) parts.push(task.time !== undefined ? `${task.due} ${task.time}` : task.due);
  if (task.text !== '') parts.push(task.text);
  if (task.owner !== undefined) parts.push(`@${task.owner}`);
  if (task.doneOn !== undefined) parts.push(`✓ ${task.doneOn}`);
  if (task.key !== undefined) parts.push(`<!-- ${task.key} -->`);
  return parts.join(' ');
}

/** The line checked off on `today` (or unchecked again, dropping the mark). */
export function setTaskDone(task: TaskLine, done: boolean, today: string): TaskLine {
  const next: TaskLine = { ...task, done };
  if (done) next.doneOn = today;
  else delete next.doneOn;
  return next;
}
