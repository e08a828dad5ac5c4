// `overdue-action`: the next action's date has passed (PRODUCT.md §9), on the `date` key — of the
// deal's own `next_action` for a client with `deals:`.
import { dealPath, recordDeals } from '../deals';
import { daysBetween } from '../dates';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { isOverdueDealAction, nextActionDate } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const overdueActionRule: LintRule = {
  codes: ['overdue-action'],
  checkRecord(record: CrmRecord, { config, today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (record.kind !== 'client') return findings;
    for (const deal of recordDeals(record)) {
      if (!isOverdueDealAction(deal, today, config)) continue;
      const date = nextActionDate(deal)!;
      const days = daysBetween(date, today) ?? 0;
      const what = (deal.data.next_action as { what?: unknown }).what;
      const label = typeof what === 'string' && what.trim() !== '' ? what.trim().slice(0, 80) : undefined;
      let message: string;
      if (label === undefined) message = days === 1 ? t('next action was due {0}, 1 day ago', date) : t('next action was due {0}, {1} days ago', date, days);
      else message = days === 1 ? t('next action "{0}" was due {1}, 1 day ago', label, date) : t('next action "{0}" was due {1}, {2} days ago', label, date, days);
      if (deal.deal) message = t('deal "{0}": {1}', deal.deal.title ?? deal.deal.id, message);
      const path = [...dealPath(deal), 'next_action', 'date'];
      findings.push({ file: record.file, path, code: 'overdue-action', message, data: { date, days, ...(deal.deal && { deal: dealPath(deal) }) } });
    }
    return findings;
  },
};
