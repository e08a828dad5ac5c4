// `overdue-invoice`: a `sent` invoice past its `due` date (PRODUCT.md §9), on the `due` key.
import { daysBetween } from '../dates';
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
      const client = typeof invoice.data.client === 'string' ? ` to ${invoice.data.client}` : '';
      findings.push({
        file: invoice.file,
        path: ['due'],
        code: 'overdue-invoice',
        message: `invoice ${number}${client} was due ${due}, ${days} ${days === 1 ? 'day' : 'days'} ago, and is not paid (status: sent)`,
        data: { due, days },
      });
    }
    return findings;
  },
};
