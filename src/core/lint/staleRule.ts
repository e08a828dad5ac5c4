// `stale` (PRODUCT.md §9): an open client not contacted for longer than its stage allows. The
// warning sits on the date it is measured from, so "Log contact today" fixes it in place. A client
// with `deals:` is measured per deal: each stale deal is named, since each stage allows its own days.
import { dealPath, recordDeals } from '../deals';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordStage } from '../recordFields';
import { contactAnchor, daysSinceContact, isStaleDeal, staleThreshold } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const staleRule: LintRule = {
  codes: ['stale'],
  checkRecord(record: CrmRecord, { config, today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (record.kind !== 'client') return findings;
    for (const deal of recordDeals(record)) {
      if (!isStaleDeal(deal, config, today)) continue;
      const stage = recordStage(deal, config);
      const days = daysSinceContact(record, today) ?? 0;
      const limit = staleThreshold(stage, config);
      const anchor = contactAnchor(record);
      const field = anchor !== undefined && anchor === record.data.last_contact ? 'last_contact' : 'created';
      const message = deal.deal
        ? t('no contact for {0} days (since {1}); deal "{2}" in stage "{3}" allows {4}', days, anchor ?? '?', deal.deal.title ?? deal.deal.id, stage, limit)
        : t('no contact for {0} days (since {1}); stage "{2}" allows {3}', days, anchor ?? '?', stage, limit);
      findings.push({ file: record.file, path: [field], code: 'stale', message, data: { days, limit, stage, ...(deal.deal && { deal: dealPath(deal) }) } });
    }
    return findings;
  },
};
