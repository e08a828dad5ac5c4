// `stale` (PRODUCT.md §9): an open client not contacted for longer than its stage allows. The
// warning sits on the date it is measured from, so "Log contact today" fixes it in place.
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordStage } from '../recordFields';
import { contactAnchor, daysSinceContact, isStale, staleThreshold } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const staleRule: LintRule = {
  codes: ['stale'],
  checkRecord(record: CrmRecord, { config, today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (record.kind === 'client' && isStale(record, config, today)) {
      const stage = recordStage(record, config);
      const days = daysSinceContact(record, today) ?? 0;
      const limit = staleThreshold(stage, config);
      const anchor = contactAnchor(record);
      const field = anchor !== undefined && anchor === record.data.last_contact ? 'last_contact' : 'created';
      findings.push({
        file: record.file,
        path: [field],
        code: 'stale',
        message: t('no contact for {0} days (since {1}); stage "{2}" allows {3}', days, anchor ?? '?', stage, limit),
        data: { days, limit, stage },
      });
    }
    return findings;
  },
};
