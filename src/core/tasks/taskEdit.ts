// Task changes as edit operations of the edit engine (edit/recordEdit.ts): completing or
// rescheduling rewrites the task's own line only, adding inserts one line into the notes. The
// line is checked against what was read, so a stale line number never edits the wrong line.
import type { EditOp } from '../edit/recordEdit';
import { t } from '../i18n';
import { formatTaskLine, parseTaskLine, setTaskDone, type TaskLine } from './taskLine';

export type TaskOps = { ok: true; ops: EditOp[]; task: TaskLine } | { ok: false; error: string };

/** Line `line` (1-based) of `text`, without its line break. */
export function lineOf(text: string, line: number): string | undefined {
  if (!Number.isInteger(line) || line < 1) return undefined;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', start);
    if (next === -1) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '').replace(/^\uFEFF/, '');
}

function taskAt(text: string, line: number): { raw: string; task: TaskLine } | { error: string } {
  const raw = lineOf(text, line);
  const task = raw === undefined ? undefined : parseTaskLine(raw);
  if (raw === undefined || !task) return { error: t('line {0} is not a task (a "- [ ]" line)', line) };
  return { raw, task };
}

/** Checks the task on `line` off on `today`; with `logContact`, `last_contact` becomes today too. */
export function completeTaskOps(text: string, line: number, today: string, logContact = false): TaskOps {
  const at = taskAt(text, line);
  if ('error' in at) return { ok: false, error: at.error };
  if (at.task.done) return { ok: false, error: t('the task on line {0} is already done', line) };
  const task = setTaskDone(at.task, true, today);
  const ops: EditOp[] = [{ op: 'line', line, expect: at.raw, text: formatTaskLine(task) }];
  if (logContact) ops.push({ op: 'set', path: ['last_contact'], value: today });
  return { ok: true, ops, task };
}

/** Moves the task on `line` to `due` (an ISO date); the rest of the line stays. */
export function rescheduleTaskOps(text: string, line: number, due: string): TaskOps {
  const at = taskAt(text, line);
  if ('error' in at) return { ok: false, error: at.error };
  const task: TaskLine = { ...at.task, due };
  delete task.badDate;
  // A bad first word was text; rescheduling puts the real date in front of it.
  const ops: EditOp[] = [{ op: 'line', line, expect: at.raw, text: formatTaskLine(task) }];
  return { ok: true, ops, task };
}

export interface NewTask {
  text: string;
  due?: string;
  time?: string;
  owner?: string;
  /** Kept in a comment at the end of the line (playbooks key their tasks this way). */
  key?: string;
}

/** Adds an open task to the notes: after the last task, else before `## Log`. */
export function addTaskOps(input: NewTask): TaskOps {
  const text = input.text.trim();
  if (text === '' || /[\r\n\u0085\u2028\u2029]/.test(text)) return { ok: false, error: t('a task is one line of text') };
  if (input.owner !== undefined && !/^\S+$/.test(input.owner)) return { ok: false, error: t('an owner is one word, like an e-mail address') };
  const task: TaskLine = {
    indent: '',
    bullet: '-',
    done: false,
    text,
    ...(input.due !== undefined && { due: input.due }),
    ...(input.due !== undefined && input.time !== undefined && { time: input.time }),
    ...(input.owner !== undefined && { owner: input.owner.replace(/^@/, '') }),
    ...(input.key !== undefined && { key: input.key }),
  };
  const line = formatTaskLine(task);
  // What reads back must be this task: text that looks like a date, an owner or a mark is refused.
  const back = parseTaskLine(line);
  if (!back || back.text !== task.text || back.due !== task.due || back.owner !== task.owner || back.badDate) {
    return { ok: false, error: t('the task text would not read back as written: {0}', line) };
  }
  return { ok: true, ops: [{ op: 'task', line }], task };
}
