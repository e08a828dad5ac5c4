// `duplicate-deal-id`: two deals of one client with the same id (case aside). `query --deals`
// prints `<client>#<id>` and a time line's `#<id>` names a deal, so a second `seo` would be
// neither addressable nor billable apart. A warning on the second one's `id`, naming the first.
import { recordDeals } from '../deals';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { Finding, LintRule } from './rule';

export const dealIdRule: LintRule = {
  codes: ['duplicate-deal-id'],
  checkRecord(record: CrmRecord): Finding[] {
    if (record.kind !== 'client' || !Array.isArray(record.data.deals)) return [];
    const seen = new Map<string, number>();
    const findings: Finding[] = [];
    for (const view of recordDeals(record)) {
      const deal = view.deal;
      if (!deal) continue;
      const key = deal.id.toLowerCase();
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, deal.index);
        continue;
      }
      const item = (record.data.deals as unknown[])[deal.index] as Record<string, unknown>;
      findings.push({
        file: record.file,
        path: item['id'] === undefined ? ['deals', deal.index] : ['deals', deal.index, 'id'],
        code: 'duplicate-deal-id',
        message: t('deal id "{0}" is already the id of deal {1} of this client: give each deal its own id', deal.id, first + 1),
      });
    }
    return findings;
  },
};
