// Where consent came from (issue 18): `no-consent` (info) for a client with an e-mail or a phone
// and no recorded consent to processing; `consent-incomplete` (info) for consent given without
// the date or the source that prove it. Archived records are left alone. Each contact person
// (`contacts:`, issue 17) with an e-mail or a phone is checked the same way, on their own keys.
import { contactPersons, personName } from '../contactPersons';
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { Finding, LintRule } from './rule';

const filled = (value: unknown): boolean => (typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null);

export const CONSENT_SOURCES = ['form', 'contract', 'paper', 'double-opt-in', 'import'] as const;

/**
 * The findings of one consent block: `data` holds `email`/`phone`/`consent`, `at` the path of
 * the holder (`[]` for the client, `['contacts', i]` for a contact person), `who` the person's
 * name for the message (none for the main contact).
 */
function consentFindings(file: string, data: Readonly<Record<string, unknown>>, at: readonly (string | number)[], who?: string): Finding[] {
  const consent = data['consent'];
  const block = typeof consent === 'object' && consent !== null && !Array.isArray(consent) ? (consent as Record<string, unknown>) : undefined;
  const contact = filled(data['email']) ? 'email' : filled(data['phone']) ? 'phone' : undefined;
  const prefix = (message: string): string => (who === undefined ? message : t('contact person {0}: {1}', who, message));
  if (block === undefined || block['processing'] === undefined || block['processing'] === null) {
    if (contact === undefined) return [];
    return [{ file, path: [...at, block ? 'consent' : contact], code: 'no-consent', message: prefix(t('personal data ({0}) without a recorded consent to processing: add consent.processing', contact)) }];
  }
  const given = block['processing'] === true || block['email'] === true || block['sms'] === true;
  if (!given) return [];
  const lacking = ['date', 'source'].filter((key) => !filled(block[key]));
  if (lacking.length === 0) return [];
  return [
    {
      file,
      path: [...at, 'consent'],
      code: 'consent-incomplete',
      message: prefix(
        lacking.length === 2 ? t('consent without its date and source: record when and how it was given') : lacking[0] === 'date' ? t('consent without its date: record when it was given') : t('consent without its source (form, contract, paper, double-opt-in, import): record how it was given'),
      ),
    },
  ];
}

export const consentRule: LintRule = {
  codes: ['no-consent', 'consent-incomplete'],
  checkRecord(record: CrmRecord): Finding[] {
    if (record.kind !== 'client' || record.archived) return [];
    // The main contact, then each contact person with their own consent (issue 17).
    return [...consentFindings(record.file, record.data, []), ...contactPersons(record).flatMap((person) => consentFindings(record.file, person.data, ['contacts', person.index], personName(person)))];
  },
};
