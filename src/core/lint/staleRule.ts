// `stale` (PRODUCT.md §9): an open client not contacted for longer than its stage allows. The
// warning sits on the date it is measured from, so "Log contact today" fixes it in place.
import { recordStage } from '../recordFields';
import { contactAnchor, daysSinceContact, isStale, staleThreshold } from '../rules';
import type { Finding, LintContext, LintRule } from './rule';

export const staleRule: LintRule = {
  codes: ['stale'],
  check({ store, config, today }: LintContext): Finding[] {
    const findings: Finding[] = [];
    for (const record of store.clients()) {
      if (!isStale(record, config, today)) continue;
      const stage = recordStage(record, config);
      const days = daysSinceContact(record, today) ?? 0;
      const limit = staleThreshold(stage, config);
      const anchor = contactAnchor(record);
      const field = anchor !== undefined && anchor === record.data.last_contact ? 'last_contact' : 'created';
      findings.push({
        file: record.file,
        path: [field],
        code: 'stale',
        message: `no contact for ${days} days (since ${anchor ?? '?'}); stage "${stage}" allows ${limit}`,
        data: { days, limit, stage },
      });
    }
    return findings;
  },
};
