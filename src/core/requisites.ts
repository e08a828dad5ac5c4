// A buyer's company and bank requisites (issue 17): ИНН, КПП, ОГРН/ОГРНИП, БИК, the settlement and
// the correspondent account, checked with their official check digits. Pure functions over digit
// strings: each returns undefined for a valid value, else the reason in the user's language.
// - ИНН (ФНС): 10 digits, weights 2,4,10,3,5,9,4,6,8, sum mod 11 mod 10 is the last digit; 12
//   digits, two control digits with 7,2,4,10,3,5,9,4,6,8 and 3,7,2,4,10,3,5,9,4,6,8.
// - ОГРН: the first 12 digits mod 11, mod 10, is the 13th; ОГРНИП: the first 14 mod 13, mod 10.
// - Accounts (Bank of Russia "ключевание"): 3 digits from the БИК then the 20-digit account,
//   weights 7,1,3 repeated over the 23 digits, the sum a multiple of 10. A settlement account takes
//   the БИК's last three digits (an account at a Bank of Russia settlement centre, whose БИК has
//   "00" in places 7-8, and a correspondent account take "0" and the БИК's places 5-6); a bank's
//   correspondent account (30101…) also ends with the БИК's last three digits.
import { t } from './i18n';

const ONLY_DIGITS = /^\d+$/;

function weighted(digits: string, weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * weights[i]!;
  return sum;
}

/** The control digit of `digits` by weights, "mod 11 mod 10" as the ИНН uses it. */
const innDigit = (digits: string, weights: readonly number[]): number => (weighted(digits, weights) % 11) % 10;

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_FIRST = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_SECOND = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

/** A company's 10-digit or a person's (sole trader's) 12-digit ИНН. */
export function checkInn(inn: string): string | undefined {
  if (!ONLY_DIGITS.test(inn)) return t('{0} is not digits: an INN is 10 or 12 digits', inn);
  if (inn.length === 10) return innDigit(inn, INN10) === Number(inn[9]) ? undefined : t('{0} fails the INN check digit', inn);
  if (inn.length === 12) return innDigit(inn, INN12_FIRST) === Number(inn[10]) && innDigit(inn, INN12_SECOND) === Number(inn[11]) ? undefined : t('{0} fails the INN check digits', inn);
  return t('{0} has {1} digits: an INN has 10 (a company) or 12 (a person or sole trader)', inn, inn.length);
}

/** КПП: 9 characters, digits but for places 5-6, which may be digits or capital Latin letters. */
export function checkKpp(kpp: string): string | undefined {
  if (kpp.length !== 9) return t('must be 9 characters, not {0}', kpp.length);
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp) ? undefined : t('{0} is not a KPP: 9 digits, places 5-6 may be letters A-Z', kpp);
}

/** ОГРН (13 digits, a company) or ОГРНИП (15 digits, a sole trader). */
export function checkOgrn(ogrn: string): string | undefined {
  if (!ONLY_DIGITS.test(ogrn) || (ogrn.length !== 13 && ogrn.length !== 15)) return t('{0} is not 13 digits (OGRN) or 15 digits (OGRNIP)', ogrn);
  // The leading 12 or 14 digits stay below 2^53, so plain numbers are exact.
  const divisor = ogrn.length === 13 ? 11 : 13;
  if ((Number(ogrn.slice(0, -1)) % divisor) % 10 === Number(ogrn.at(-1))) return undefined;
  return ogrn.length === 13 ? t('{0} fails the OGRN check digit', ogrn) : t('{0} fails the OGRNIP check digit', ogrn);
}

/** БИК: 9 digits (it has no check digit). */
export function checkBik(bik: string): string | undefined {
  return /^\d{9}$/.test(bik) ? undefined : t('{0} is not a BIK: 9 digits', bik);
}

/** The 7-1-3 control key over the three БИК digits and the 20-digit account: 0 when it holds. */
function accountKey(prefix: string, account: string): number {
  const digits = prefix + account;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (Number(digits[i]) * [7, 1, 3][i % 3]!) % 10;
  return sum % 10;
}

function accountFormat(account: string): string | undefined {
  return /^\d{20}$/.test(account) ? undefined : t('{0} is not an account number: 20 digits', account);
}

/** A settlement account (расчётный счёт) at the bank `bik`; with no valid БИК only its form is checked. */
export function checkAccount(bik: string | undefined, account: string): string | undefined {
  const format = accountFormat(account);
  if (format !== undefined || bik === undefined || checkBik(bik) !== undefined) return format;
  // A treasury account (03…) is keyed by the Treasury's own rules, not the bank's: form only.
  if (account.startsWith('03')) return undefined;
  const prefix = bik.slice(6, 8) === '00' ? `0${bik.slice(4, 6)}` : bik.slice(6);
  return accountKey(prefix, account) === 0 ? undefined : t('does not match BIK {0} (control key)', bik);
}

/** A bank's correspondent account (корреспондентский счёт) for `bik`. */
export function checkCorrAccount(bik: string | undefined, corr: string): string | undefined {
  const format = accountFormat(corr);
  if (format !== undefined || bik === undefined || checkBik(bik) !== undefined) return format;
  // A bank's account at the Bank of Russia (30101…) ends with the BIK's last three digits.
  if (corr.startsWith('30101') && corr.slice(-3) !== bik.slice(-3)) return t('does not match BIK {0} (the last three digits differ)', bik);
  return accountKey(`0${bik.slice(4, 6)}`, corr) === 0 ? undefined : t('does not match BIK {0} (control key)', bik);
}

/**
 * The digits of a requisite as written in YAML: a string (spaces between groups allowed), or a
 * number when YAML read it as one. A number keeps neither leading zeros nor, past 2^53, all of
 * its digits: those come back as a reason to quote the value. Undefined for an empty value.
 */
export function requisiteDigits(value: unknown, lengths: readonly number[]): { digits: string } | { reason: string } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    const digits = value.replace(/[\s\u00a0]+/g, '');
    return digits === '' ? undefined : { digits };
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return { reason: t('{0} is not digits; write it in quotes', String(value).slice(0, 40)) };
  const digits = String(value);
  if (!Number.isSafeInteger(value)) return { reason: t('{0} is too long for a YAML number, whose digits are then not exact: write it in quotes', digits) };
  if (!lengths.includes(digits.length) && digits.length < Math.max(...lengths)) return { reason: t('{0} is a YAML number, which loses leading zeros: write it in quotes', digits) };
  return { digits };
}
