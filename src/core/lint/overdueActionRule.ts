// `overdue-action`: the next action's date has passed (PRODUCT.md §9), on the `date` key.
import { daysBetween } from '../dates';
import type { CrmRecord } from '../model';
import { isOverdueAction, nextActionDate } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const overdueActionRule: LintRule = {
  codes: ['overdue-action'],
  checkRecord(record: CrmRecord, { config, today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (record.kind === 'client' && isOverdueAction(record, today, config)) {
      const date = nextActionDate(record)!;
      const days = daysBetween(date, today) ?? 0;
      const what = (record.data.next_action as { what?: unknown }).what;
      const label = typeof what === 'string' && what.trim() !== '' ? `"${what.trim().slice(0, 80)}" ` : '';
      findings.push({
        file: record.file,
        path: ['next_action', 'date'],
        code: 'overdue-action',
        message: `next action ${label}was due ${date}, ${days} ${days === 1 ? 'day' : 'days'} ago`,
        data: { date, days },
      });
    }
    return findings;
  },
};
