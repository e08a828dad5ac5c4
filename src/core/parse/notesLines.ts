// The lines of a record's notes that mean something (tasks, time), outside fenced code, with
// their lines in the file: what the task list and the time log both read.
import type { CrmRecord } from '../model';

const FENCE = /^\s*(```|~~~)/;

/**
 * Every line of the notes outside fenced code that `read` turns into a value, with its 1-based
 * line in the file (0 when the notes' lines are not the file's, a folded `.yaml` notes). `quick`
 * tests the whole notes first: most notes have no such line and are not split into lines then.
 */
export function notesLines<T>(record: CrmRecord, quick: RegExp, read: (line: string) => T | undefined): { line: number; value: T }[] {
  if (record.body === '' || !quick.test(record.body)) return [];
  const out: { line: number; value: T }[] = [];
  let fence: string | undefined;
  const lines = record.body.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]!;
    const opened = FENCE.exec(text);
    if (opened) {
      if (fence === undefined) fence = opened[1];
      else if (opened[1] === fence) fence = undefined;
      continue;
    }
    if (fence !== undefined) continue;
    const value = read(text);
    if (value !== undefined) out.push({ line: record.bodyLine > 0 ? record.bodyLine + i : 0, value });
  }
  return out;
}
