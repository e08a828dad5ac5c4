// Where consent came from (issue 18): `no-consent` (info) for a client with an e-mail or a phone
// and no recorded consent to processing; `consent-incomplete` (info) for consent given without
// the date or the source that prove it. Archived records are left alone.
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { Finding, LintRule } from './rule';

const filled = (value: unknown): boolean => (typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null);

export const CONSENT_SOURCES = ['form', 'contract', 'paper', 'double-opt-in', 'import'] as const;

export const consentRule: LintRule = {
  codes: ['no-consent', 'consent-incomplete'],
  checkRecord(record: CrmRecord): Finding[] {
    if (record.kind !== 'client' || record.archived) return [];
    const consent = record.data.consent;
    const block = typeof consent === 'object' && consent !== null && !Array.isArray(consent) ? (consent as Record<string, unknown>) : undefined;
    const contact = filled(record.data.email) ? 'email' : filled(record.data.phone) ? 'phone' : undefined;
    if (block === undefined || block['processing'] === undefined || block['processing'] === null) {
      if (contact === undefined) return [];
      return [{ file: record.file, path: block ? ['consent'] : [contact], code: 'no-consent', message: t('personal data ({0}) without a recorded consent to processing: add consent.processing', contact) }];
    }
    const given = block['processing'] === true || block['email'] === true || block['sms'] === true;
    if (!given) return [];
    const lacking = ['date', 'source'].filter((key) => !filled(block[key]));
    if (lacking.length === 0) return [];
    return [
      {
        file: record.file,
        path: ['consent'],
        code: 'consent-incomplete',
        message: lacking.length === 2 ? t('consent without its date and source: record when and how it was given') : lacking[0] === 'date' ? t('consent without its date: record when it was given') : t('consent without its source (form, contract, paper, double-opt-in, import): record how it was given'),
      },
    ];
  },
};
