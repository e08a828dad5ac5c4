// `invalid-phone`: a phone that cannot be a number in the configured region, so it could neither
// be dialled nor matched as a duplicate nor exported for SMS.
import { normalizePhone } from '../contact';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { Finding, LintContext, LintRule } from './rule';

export const phoneRule: LintRule = {
  codes: ['invalid-phone'],
  checkRecord(record: CrmRecord, { config }: LintContext): Finding[] {
    const findings: Finding[] = [];
    if (record.kind === 'client') {
      const phone = record.data.phone;
      if (phone === undefined || phone === null || phone === '') return findings;
      if (normalizePhone(phone, config.phone_region) === undefined) {
        findings.push({
          file: record.file,
          path: ['phone'],
          code: 'invalid-phone',
          message: t('phone: "{0}" is not a phone number (region {1}); write it like +7 912 345-67-89', String(phone).slice(0, 40), config.phone_region),
        });
      }
    }
    return findings;
  },
};
