// `overdue-invoice`: a `sent` invoice past its `due` date (PRODUCT.md §9), on the `due` key.
import { daysBetween } from '../dates';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { isOverdueInvoice } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const overdueInvoiceRule: LintRule = {
  codes: ['overdue-invoice'],
  checkRecord(invoice: CrmRecord, { today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (invoice.kind === 'invoice' && isOverdueInvoice(invoice, today)) {
      const due = String(invoice.data.due);
      const days = daysBetween(due, today) ?? 0;
      const number = typeof invoice.data.number === 'string' ? invoice.data.number : invoice.id;
      const client = typeof invoice.data.client === 'string' ? invoice.data.client : undefined;
      let message: string;
      if (client === undefined) {
        message = days === 1 ? t('invoice {0} was due {1}, 1 day ago, and is not paid (status: sent)', number, due) : t('invoice {0} was due {1}, {2} days ago, and is not paid (status: sent)', number, due, days);
      } else {
        message =
          days === 1
            ? t('invoice {0} to {1} was due {2}, 1 day ago, and is not paid (status: sent)', number, client, due)
            : t('invoice {0} to {1} was due {2}, {3} days ago, and is not paid (status: sent)', number, client, due, days);
      }
      findings.push({
        file: invoice.file,
        path: ['due'],
        code: 'overdue-invoice',
        message,
        data: { due, days },
      });
    }
    return findings;
  },
};
