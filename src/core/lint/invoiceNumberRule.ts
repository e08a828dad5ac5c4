// `invoice-number-collision`: two invoices with one number — what a merge of two branches that
// each issued "the next" invoice leaves behind. Both get the error, each naming the other.
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { Finding, LintContext, LintRule } from './rule';

export function invoiceNumber(invoice: CrmRecord): string | undefined {
  const number = invoice.data.number;
  return typeof number === 'string' && number.trim() !== '' ? number.trim().toUpperCase() : undefined;
}

export const invoiceNumberRule: LintRule = {
  codes: ['invoice-number-collision'],
  check({ store }: LintContext): Finding[] {
    const byNumber = new Map<string, CrmRecord[]>();
    for (const invoice of store.invoices()) {
      const number = invoiceNumber(invoice);
      if (number === undefined) continue;
      const list = byNumber.get(number);
      if (list) list.push(invoice);
      else byNumber.set(number, [invoice]);
    }
    const findings: Finding[] = [];
    for (const [number, group] of byNumber) {
      if (group.length < 2) continue;
      for (const invoice of group) {
        const others = group.filter((i) => i !== invoice);
        findings.push({
          file: invoice.file,
          path: ['number'],
          code: 'invoice-number-collision',
          message: t('invoice number {0} is also used by {1}; renumber one of them', number, others.map((o) => o.file).join(', ')),
          related: others.map((o) => ({ file: o.file, path: ['number'], message: t('also {0}', number) })),
          data: { number, others: others.map((o) => o.file) },
        });
      }
    }
    return findings;
  },
};
