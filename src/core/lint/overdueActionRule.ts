// `overdue-action`: the next action's date has passed (PRODUCT.md §9), on the `date` key.
import { daysBetween } from '../dates';
import { t } from '../i18n';
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
      const label = typeof what === 'string' && what.trim() !== '' ? what.trim().slice(0, 80) : undefined;
      let message: string;
      if (label === undefined) message = days === 1 ? t('next action was due {0}, 1 day ago', date) : t('next action was due {0}, {1} days ago', date, days);
      else message = days === 1 ? t('next action "{0}" was due {1}, 1 day ago', label, date) : t('next action "{0}" was due {1}, {2} days ago', label, date, days);
      findings.push({
        file: record.file,
        path: ['next_action', 'date'],
        code: 'overdue-action',
        message,
        data: { date, days },
      });
    }
    return findings;
  },
};
