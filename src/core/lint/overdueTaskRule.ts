// `overdue-task`: an open checklist task of a client's notes dated before today, on its line
// (archived records and the lost stage skipped);
// and `invalid-date` for a task whose date is none (2026-13-40, 25.11.2026), never guessed.
import { daysBetween } from '../dates';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { isLostRecord } from '../rules';
import { recordTaskLines } from '../tasks/tasks';
import type { Finding, LintContext, LintRule } from './rule';

export const overdueTaskRule: LintRule = {
  codes: ['overdue-task', 'invalid-date'],
  checkRecord(record: CrmRecord, { today, config }: LintContext): Finding[] {
    if (record.kind !== 'client' || record.archived) return [];
    // A time rule: like stale and overdue-action, it skips the lost stage (PRODUCT.md §9).
    const timed = !isLostRecord(record, config);
    const findings: Finding[] = [];
    const indent = record.bodyIndent ?? 0;
    for (const { line, task } of recordTaskLines(record)) {
      if (line === 0) continue;
      if (task.badDate) {
        findings.push({
          file: record.file,
          line,
          column: indent + task.badDate.column,
          length: task.badDate.value.length,
          code: 'invalid-date',
          message: t('task date {0} is not a date; write YYYY-MM-DD', task.badDate.value),
        });
      }
      if (!timed || task.done || task.due === undefined) continue;
      const days = daysBetween(task.due, today);
      if (days === undefined || days <= 0) continue;
      const what = task.text.slice(0, 80);
      findings.push({
        file: record.file,
        line,
        column: indent + task.indent.length + 1,
        code: 'overdue-task',
        message: days === 1 ? t('task "{0}" was due {1}, 1 day ago', what, task.due) : t('task "{0}" was due {1}, {2} days ago', what, task.due, days),
        data: { date: task.due, days },
      });
    }
    return findings;
  },
};
