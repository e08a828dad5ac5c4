// `secret`: what must not sit in a shared repository — card numbers that pass the Luhn check,
// password-like fields and lines, passport numbers. A git repository is as private as its remote.
import { t } from '../i18n';
import type { CrmRecord } from '../model';
import type { FieldPath } from '../parse/positions';
import type { Finding, LintRule } from './rule';

const SECRET_KEY = /^(password|passwd|pass|pwd|пароль|secret|api[_-]?key|token|access[_-]?token|pin|pin[_-]?code|cvv|cvc)$/i;
const PASSPORT_KEY = /^(passport|passport[_-]?number|паспорт)$/i;
// Requisites are long digit strings by design (accounts, OGRN): never card numbers.
const DIGIT_FIELDS = /^(requisites|inn|kpp|ogrn|ogrnip|bik|account|corr_account|phone|tax_id)$/i;
const CARD_CANDIDATE = /(?<![\d])(?:\d[ -]?){12,18}\d(?![\d])/g;
// \b is ASCII-only in JS regexps: a Unicode-aware lookbehind finds «пароль» at a line start too.
const PASSWORD_LINE = /(?<![\p{L}\p{N}_])(password|passwd|pwd|пароль)\s*[:=]\s*\S+/iu;
const PASSPORT_TEXT = /паспорт\D{0,24}\d{2}\s?\d{2}\s?\d{6}\b|passport\D{0,24}\d{6,9}\b/i;
// Tried on the whole notes before they are split into lines (see `bodyFindings`): each finds a
// superset of what its line pattern finds.
const CARD_ANYWHERE = new RegExp(CARD_CANDIDATE.source);
const PASSWORD_ANYWHERE = /(password|passwd|pwd|пароль)\s*[:=]/iu;
/** Fewer characters than the shortest card number (13 digits): no need to look. */
const CARD_MIN_LENGTH = 13;
/** Bounds the walk over a record's fields: alias bombs and huge lists must not stall lint. */
const MAX_VISITS = 5000;

export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

export function findCardNumber(text: string): { index: number; length: number } | undefined {
  CARD_CANDIDATE.lastIndex = 0;
  for (let m = CARD_CANDIDATE.exec(text); m; m = CARD_CANDIDATE.exec(text)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && !/^(\d)\1+$/.test(digits)) {
      return { index: m.index, length: m[0].length };
    }
  }
  return undefined;
}

type KeyKind = 'secret' | 'passport' | 'digits' | 'plain';

// Records repeat the same few dozen keys: each is classified once, not by three patterns per
// value of every record. Bounded, because keys are user input.
const keyKinds = new Map<string, KeyKind>();
const KEY_KINDS_LIMIT = 10_000;

function keyKind(key: string): KeyKind {
  let kind = keyKinds.get(key);
  if (kind === undefined) {
    kind = SECRET_KEY.test(key) ? 'secret' : PASSPORT_KEY.test(key) ? 'passport' : DIGIT_FIELDS.test(key) ? 'digits' : 'plain';
    if (keyKinds.size >= KEY_KINDS_LIMIT) keyKinds.clear();
    keyKinds.set(key, kind);
  }
  return kind;
}

function fieldFindings(record: CrmRecord): Finding[] {
  const findings: Finding[] = [];
  let visits = 0;
  const visit = (value: unknown, path: FieldPath): void => {
    if (++visits > MAX_VISITS) return;
    const key = path[path.length - 1];
    const kind = typeof key === 'string' ? keyKind(key) : 'plain';
    if (typeof key === 'string') {
      if (kind === 'secret' && value !== null && value !== '' && value !== undefined) {
        findings.push({ file: record.file, path, code: 'secret', message: t('"{0}" looks like a password or key: it must not be stored in a shared repository; anyone with access to the remote can read it', key) });
        return;
      }
      if (kind === 'passport' && value !== null && value !== '') {
        findings.push({ file: record.file, path, code: 'secret', message: t('"{0}" holds passport data: keep identity documents out of the repository (personal data law); note only that it was checked', key) });
        return;
      }
      if (kind === 'digits') return;
    }
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value);
      if (text.length >= CARD_MIN_LENGTH && findCardNumber(text)) {
        findings.push({ file: record.file, path, code: 'secret', message: t('a bank card number (passes the Luhn check): never store card numbers in a shared repository; remove it and keep only the last 4 digits') });
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
    }
  };
  for (const [key, value] of Object.entries(record.data)) {
    if (key === 'notes' && record.format === 'yaml' && record.bodyLine > 0) continue; // scanned as the body, line by line
    visit(value, [key]);
  }
  return findings;
}

function bodyFindings(record: CrmRecord): Finding[] {
  if (record.body === '' || record.bodyLine === 0) return [];
  // Nearly every record's notes hold none of these. A pattern that matches inside a line matches
  // the whole text at the same place (its lookarounds see the same neighbours, or a newline), so
  // notes with no match anywhere need not be split and scanned line by line (10k records: the
  // secret rule 180 → 110 ms).
  const body = record.body;
  if (!CARD_ANYWHERE.test(body) && !PASSWORD_ANYWHERE.test(body) && !PASSPORT_TEXT.test(body)) return [];
  const findings: Finding[] = [];
  const indent = record.bodyIndent ?? 0;
  record.body.split('\n').forEach((text, i) => {
    const line = record.bodyLine + i;
    const card = findCardNumber(text);
    if (card) {
      findings.push({ file: record.file, line, column: indent + card.index + 1, length: card.length, code: 'secret', message: t('a bank card number (passes the Luhn check) in the notes: never store card numbers in a shared repository') });
    }
    const password = PASSWORD_LINE.exec(text);
    if (password) {
      findings.push({ file: record.file, line, column: indent + password.index + 1, length: password[0].length, code: 'secret', message: t('a password in the notes: anyone with access to the repository can read it; use a password manager') });
    }
    const passport = PASSPORT_TEXT.exec(text);
    if (passport) {
      findings.push({ file: record.file, line, column: indent + passport.index + 1, length: passport[0].length, code: 'secret', message: t('passport data in the notes: keep identity documents out of the repository (personal data law)') });
    }
  });
  return findings;
}

export const secretRule: LintRule = {
  codes: ['secret'],
  checkRecord(record: CrmRecord): Finding[] {
    return record.kind === 'client' ? [...fieldFindings(record), ...bodyFindings(record)] : [];
  },
};
