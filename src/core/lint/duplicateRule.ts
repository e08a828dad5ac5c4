// `duplicate`: two clients share a normalized e-mail or phone (PRODUCT.md §9). Same name or
// company alone is not a duplicate. Each record gets a warning naming the others by file.
import { normalizeEmail, normalizePhone } from '../contact';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { recordName } from '../recordFields';
import type { Finding, LintContext, LintRule } from './rule';

type Field = 'email' | 'phone';

function groupBy(records: readonly CrmRecord[], key: (r: CrmRecord) => string | undefined): Map<string, CrmRecord[]> {
  const groups = new Map<string, CrmRecord[]>();
  for (const record of records) {
    const k = key(record);
    if (k === undefined) continue;
    const list = groups.get(k);
    if (list) list.push(record);
    else groups.set(k, [record]);
  }
  return groups;
}

/**
 * Phone parsing costs ~5 µs a record and the rule re-runs on every edit; a record object never
 * changes (an edit makes a new one), so its normalized phone is kept with it.
 */
const phones = new WeakMap<CrmRecord, { region: string; phone: string | undefined }>();

function cachedPhone(record: CrmRecord, region: string): string | undefined {
  const cached = phones.get(record);
  if (cached?.region === region) return cached.phone;
  const phone = normalizePhone(record.data.phone, region);
  phones.set(record, { region, phone });
  return phone;
}

export const duplicateRule: LintRule = {
  codes: ['duplicate'],
  check({ store, config }: LintContext): Finding[] {
    const records = store.clients();
    const findings: Finding[] = [];
    const keys: Record<Field, (r: CrmRecord) => string | undefined> = {
      email: (r) => normalizeEmail(r.data.email),
      phone: (r) => cachedPhone(r, config.phone_region),
    };
    for (const field of ['email', 'phone'] as const) {
      for (const [value, group] of groupBy(records, keys[field])) {
        if (group.length < 2) continue;
        for (const record of group) {
          const others = group.filter((r) => r !== record);
          const list = others.map((o) => `${o.file} (${recordName(o)})`).join(', ');
          findings.push({
            file: record.file,
            path: [field],
            code: 'duplicate',
            message: field === 'email' ? t('same e-mail ({0}) as {1}', value, list) : t('same phone ({0}) as {1}', value, list),
            related: others.map((o) => ({
              file: o.file,
              path: [field],
              message: field === 'email' ? t('{0} has the same e-mail', recordName(o)) : t('{0} has the same phone', recordName(o)),
            })),
            data: { field, value, others: others.map((o) => o.file) },
          });
        }
      }
    }
    return findings;
  },
};
