// Mailing and SMS exports (PRODUCT.md §4, issue "Mailing and SMS exports"): who may be written
// to, once each, in columns a mailing service imports. Consent is the gate: only records with
// `consent.email` (or `consent.sms`) true, processing not refused, not unsubscribed, not
// archived. Duplicates by normalized address keep the most recently contacted record. Contact
// persons (`contacts:`, issue 17) are rows of their own under their own consent, with the client's
// company and tags. The CSV itself (quoting, formula neutralizing, BOM) is `toCsv`'s.
import { mailingHistory, type MailingHistory, recipientKey } from '../campaigns';
import { normalizeEmail, normalizePhone } from '../contact';
import { type ContactPerson, contactPersons, personName } from '../contactPersons';
import { isoToDayNumber } from '../dates';
import { t } from '../i18n';
import type { CrmConfig, CrmRecord } from '../model';
import { recordName } from '../recordFields';
import { contactAnchor } from '../rules';

export type SkipReason = 'archived' | 'no-consent' | 'unsubscribed' | 'bounced' | 'invalid-email' | 'invalid-phone' | 'mailed-recently' | 'duplicate';
export const SKIP_REASONS: readonly SkipReason[] = ['archived', 'no-consent', 'unsubscribed', 'bounced', 'invalid-email', 'invalid-phone', 'mailed-recently', 'duplicate'];

/** The frequency cap (`config.mailing.min_days_between`): who was mailed when, and what day it is. */
export interface ExportOptions {
  history?: MailingHistory;
  today?: string;
  /** Skip recipients mailed fewer than this many days before `today` (0 or missing: no cap). */
  minDaysBetween?: number;
}

export interface ExportSummary {
  exported: number;
  skipped: Record<SkipReason, number>;
  /** Duplicates merged away: the address, the file kept, the files dropped (`file#contacts[i]` for a contact person). */
  merged: { address: string; kept: string; dropped: string[] }[];
}

export interface ContactExport {
  header: string[];
  rows: unknown[][];
  summary: ExportSummary;
  /** Who the rows are for, row by row (`recipientKey`): what a campaign log records. */
  recipients: string[];
}

const PATRONYMIC = /(вич|вна|ична|инична|оглы|кызы)$/i;

/**
 * First and last name: explicit `first_name`/`last_name` win; else from `name`, where three words
 * ending in a patronymic read "Фамилия Имя Отчество", and otherwise the first word is the first
 * name ("Анна Смирнова", "Mark Thompson").
 */
export function splitName(record: CrmRecord): { first: string; last: string } {
  return splitNameOf(record.data);
}

/** `splitName` of a record's fields or of a contact person's entry. */
export function splitNameOf(data: Readonly<Record<string, unknown>>): { first: string; last: string } {
  const explicit = (key: string): string | undefined => (typeof data[key] === 'string' && String(data[key]).trim() !== '' ? String(data[key]).trim() : undefined);
  const first = explicit('first_name');
  const last = explicit('last_name');
  if (first !== undefined || last !== undefined) return { first: first ?? '', last: last ?? '' };
  const name = typeof data['name'] === 'string' ? data['name'].trim() : '';
  // A company record (`name` is the company, a B2B client) has no person's name to split.
  if (name !== '' && typeof data['company'] === 'string' && data['company'].trim() === name) return { first: '', last: '' };
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 3 && PATRONYMIC.test(words[2]!)) return { first: words[1]!, last: words[0]! };
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

function consentTo(data: Readonly<Record<string, unknown>>, channel: 'email' | 'sms'): boolean {
  const consent = data['consent'];
  if (typeof consent !== 'object' || consent === null) return false;
  const c = consent as Record<string, unknown>;
  return c[channel] === true && c['processing'] !== false;
}

/** Who a row is for: a client's main contact, or one of its contact persons. */
interface Recipient {
  record: CrmRecord;
  person?: ContactPerson;
}

/**
 * A person's row takes their own name, address and keys (position, birthday…) and the client's
 * for the rest: `company`, `tags`, `id`, `city`. `contact_index` (the person's index in
 * `contacts:`, empty for the main contact) tells the rows apart.
 */
function columnValue({ record, person }: Recipient, column: string, address: string, channel: 'email' | 'sms'): unknown {
  if (column === (channel === 'email' ? 'email' : 'phone')) return address;
  if (column === 'contact_index') return person?.index;
  const data = person?.data ?? record.data;
  if (column === 'first_name') return splitNameOf(data).first;
  if (column === 'last_name') return splitNameOf(data).last;
  if (column === 'name') return person ? personName(person) : recordName(record);
  if (column === 'id') return record.id;
  return person && Object.hasOwn(person.data, column) ? person.data[column] : record.data[column];
}

function exportFor(records: readonly CrmRecord[], config: CrmConfig, channel: 'email' | 'sms', columns: readonly string[], options: ExportOptions): ContactExport {
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const today = isoToDayNumber(options.today);
  const cap = options.minDaysBetween ?? 0;
  const mailedRecently = (recipient: Recipient): boolean => {
    if (cap <= 0 || today === undefined || !options.history) return false;
    const last = isoToDayNumber(options.history.lastMailed(recipientKey(recipient.record, recipient.person), channel));
    return last !== undefined && today - last < cap;
  };
  const byAddress = new Map<string, Recipient[]>();
  const field = channel === 'email' ? 'email' : 'phone';
  const consider = (recipient: Recipient, data: Readonly<Record<string, unknown>>): void => {
    if (recipient.record.archived) {
      skipped.archived++;
      return;
    }
    if (data['unsubscribed'] === true) {
      skipped.unsubscribed++;
      return;
    }
    // A bounced address is undeliverable: e-mail only (the phone may still take an SMS).
    if (channel === 'email' && data['email_status'] === 'bounced') {
      skipped.bounced++;
      return;
    }
    if (!consentTo(data, channel)) {
      skipped['no-consent']++;
      return;
    }
    const address = channel === 'email' ? normalizeEmail(data['email']) : normalizePhone(data['phone'], config.phone_region);
    if (address === undefined) {
      skipped[channel === 'email' ? 'invalid-email' : 'invalid-phone']++;
      return;
    }
    if (mailedRecently(recipient)) {
      skipped['mailed-recently']++;
      return;
    }
    const list = byAddress.get(address);
    if (list) list.push(recipient);
    else byAddress.set(address, [recipient]);
  };
  for (const record of records) {
    if (record.kind !== 'client') continue;
    consider({ record }, record.data);
    // Each contact person under their own consent and unsubscribe (issue 17); a person with no
    // address for this channel (a director with only a phone, in a mailing) is nobody to skip.
    for (const person of contactPersons(record)) if (person[field] !== undefined) consider({ record, person }, person.data);
  }
  const merged: ExportSummary['merged'] = [];
  const rows: unknown[][] = [];
  const recipients: string[] = [];
  const fileOf = (r: Recipient): string => (r.person ? `${r.record.file}#contacts[${r.person.index}]` : r.record.file);
  for (const [address, group] of byAddress) {
    // The most recently contacted record speaks for the address; ties go to the first file, and
    // within one record to the main contact, then the first person.
    const recency = (r: Recipient): number => isoToDayNumber(contactAnchor(r.record)) ?? Number.NEGATIVE_INFINITY;
    const kept = [...group].sort((a, b) => recency(b) - recency(a) || (a.record.file < b.record.file ? -1 : a.record.file > b.record.file ? 1 : (a.person?.index ?? -1) - (b.person?.index ?? -1)))[0]!;
    if (group.length > 1) {
      skipped.duplicate += group.length - 1;
      merged.push({ address, kept: fileOf(kept), dropped: group.filter((r) => r !== kept).map(fileOf) });
    }
    rows.push(columns.map((column) => columnValue(kept, column, address, channel)));
    recipients.push(recipientKey(kept.record, kept.person));
  }
  return { header: [...columns], rows, summary: { exported: rows.length, skipped, merged }, recipients };
}

export function mailingExport(records: readonly CrmRecord[], config: CrmConfig, columns: readonly string[] = config.exports.mailing.columns, options: ExportOptions = {}): ContactExport {
  return exportFor(records, config, 'email', columns.includes('email') ? columns : ['email', ...columns], options);
}

export const PHONE_COLUMNS = ['phone', 'first_name', 'last_name'];

export function phoneExport(records: readonly CrmRecord[], config: CrmConfig, columns: readonly string[] = PHONE_COLUMNS, options: ExportOptions = {}): ContactExport {
  return exportFor(records, config, 'sms', columns.includes('phone') ? columns : ['phone', ...columns], options);
}

/** The frequency cap of the config over the workspace's campaign log, for `mailingExport` / `phoneExport`. */
export function capOptions(config: CrmConfig, campaigns: readonly CrmRecord[], today: string): ExportOptions {
  return { history: mailingHistory(campaigns), today, minDaysBetween: config.mailing.min_days_between };
}

/** "exported 12; skipped 5: no-consent 3, duplicate 2" — one line for stderr or a notification. */
export function summaryLine(summary: ExportSummary): string {
  const reasons = SKIP_REASONS.filter((r) => summary.skipped[r] > 0).map((r) => `${r} ${summary.skipped[r]}`);
  const total = SKIP_REASONS.reduce((n, r) => n + summary.skipped[r], 0);
  return reasons.length > 0 ? t('exported {0}; skipped {1}: {2}', summary.exported, total, reasons.join(', ')) : t('exported {0}; skipped {1}', summary.exported, total);
}
