// What changed between two lint runs, for `plain-crm watch` (print only the news) and for
// anything else that reports deltas. A problem is the same when its file, position, code and
// message are.
import type { Problem } from '../model';
import { compareProblems } from './index';

export interface ProblemDiff {
  added: Problem[];
  removed: Problem[];
}

function keyOf(p: Problem): string {
  return `${p.file}\0${p.range.start.line}\0${p.range.start.column}\0${p.code}\0${p.severity}\0${p.message}`;
}

export function diffProblems(before: readonly Problem[], after: readonly Problem[]): ProblemDiff {
  const old = new Set(before.map(keyOf));
  const now = new Set(after.map(keyOf));
  return {
    added: after.filter((p) => !old.has(keyOf(p))).sort(compareProblems),
    removed: before.filter((p) => !now.has(keyOf(p))).sort(compareProblems),
  };
}
