// `invalid-requisites`: a buyer's ИНН, КПП, ОГРН, БИК or account in `requisites:` that fails its
// check digits (core/requisites.ts), an error on the offending key naming the field and why.
// Archived records too, like the other field checks: their invoices are still printed.
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import { checkAccount, checkBik, checkCorrAccount, checkInn, checkKpp, checkOgrn, requisiteDigits } from '../requisites';
import type { Finding, LintRule } from './rule';

type Checked = 'inn' | 'kpp' | 'ogrn' | 'bik' | 'account' | 'corr_account';

/** Each checked key with its lengths (to tell a number that lost leading zeros) and its check. */
const CHECKS: readonly { field: Checked; lengths: readonly number[]; check: (digits: string, bik: string | undefined) => string | undefined }[] = [
  { field: 'inn', lengths: [10, 12], check: checkInn },
  { field: 'kpp', lengths: [9], check: checkKpp },
  { field: 'ogrn', lengths: [13, 15], check: checkOgrn },
  { field: 'bik', lengths: [9], check: checkBik },
  { field: 'account', lengths: [20], check: (digits, bik) => checkAccount(bik, digits) },
  { field: 'corr_account', lengths: [20], check: (digits, bik) => checkCorrAccount(bik, digits) },
];

export const requisitesRule: LintRule = {
  codes: ['invalid-requisites'],
  checkRecord(record: CrmRecord): Finding[] {
    const requisites = record.data['requisites'];
    if (record.kind !== 'client' || typeof requisites !== 'object' || requisites === null || Array.isArray(requisites)) return [];
    const values = requisites as Record<string, unknown>;
    const bikValue = requisiteDigits(values['bik'], [9]);
    // Accounts are keyed against the БИК only when the БИК itself is fine (else that is the error).
    const bik = bikValue && 'digits' in bikValue && checkBik(bikValue.digits) === undefined ? bikValue.digits : undefined;
    const findings: Finding[] = [];
    for (const { field, lengths, check } of CHECKS) {
      const value = requisiteDigits(values[field], lengths);
      const reason = value === undefined ? undefined : 'reason' in value ? value.reason : check(value.digits, bik);
      if (reason !== undefined) findings.push({ file: record.file, path: ['requisites', field], code: 'invalid-requisites', message: t('requisites.{0}: {1}', field, reason) });
    }
    return findings;
  },
};
