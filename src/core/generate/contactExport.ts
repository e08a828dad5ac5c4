// Mailing and SMS exports (PRODUCT.md §4, issue "Mailing and SMS exports"): who may be written
// to, once each, in columns a mailing service imports. Consent is the gate: only records with
// `consent.email` (or `consent.sms`) true, processing not refused, not unsubscribed, not
// archived. Duplicates by normalized address keep the most recently contacted record. The CSV
// itself (quoting, formula neutralizing, BOM) is `toCsv`'s.
import { normalizeEmail, normalizePhone } from '../contact';
import { isoToDayNumber } from '../dates';
import { t } from '../i18n';
import type { CrmConfig, CrmRecord } from '../model';
import { recordName } from '../recordFields';
import { contactAnchor } from '../rules';

export type SkipReason = 'archived' | 'no-consent' | 'unsubscribed' | 'invalid-email' | 'invalid-phone' | 'duplicate';
export const SKIP_REASONS: readonly SkipReason[] = ['archived', 'no-consent', 'unsubscribed', 'invalid-email', 'invalid-phone', 'duplicate'];

export interface ExportSummary {
  exported: number;
  skipped: Record<SkipReason, number>;
  /** Duplicates merged away: the address, the file kept, the files dropped. */
  merged: { address: string; kept: string; dropped: string[] }[];
}

export interface ContactExport {
  header: string[];
  rows: unknown[][];
  summary: ExportSummary;
}

const PATRONYMIC = /(вич|вна|ична|инична|оглы|кызы)$/i;

/**
 * First and last name: explicit `first_name`/`last_name` win; else from `name`, where three words
 * ending in a patronymic read "Фамилия Имя Отчество", and otherwise the first word is the first
 * name ("Анна Смирнова", "Mark Thompson").
 */
export function splitName(record: CrmRecord): { first: string; last: string } {
  const explicit = (key: string): string | undefined => (typeof record.data[key] === 'string' && String(record.data[key]).trim() !== '' ? String(record.data[key]).trim() : undefined);
  const first = explicit('first_name');
  const last = explicit('last_name');
  if (first !== undefined || last !== undefined) return { first: first ?? '', last: last ?? '' };
  const words = (typeof record.data.name === 'string' ? record.data.name : '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 3 && PATRONYMIC.test(words[2]!)) return { first: words[1]!, last: words[0]! };
  return { first: words[0] ?? '', last: words.slice(1).join(' ') };
}

function consentTo(record: CrmRecord, channel: 'email' | 'sms'): boolean {
  const consent = record.data.consent;
  if (typeof consent !== 'object' || consent === null) return false;
  const c = consent as Record<string, unknown>;
  return c[channel] === true && c['processing'] !== false;
}

function columnValue(record: CrmRecord, column: string, address: string, channel: 'email' | 'sms'): unknown {
  if (column === (channel === 'email' ? 'email' : 'phone')) return address;
  if (column === 'first_name') return splitName(record).first;
  if (column === 'last_name') return splitName(record).last;
  if (column === 'name') return recordName(record);
  if (column === 'id') return record.id;
  return record.data[column];
}

function exportFor(records: readonly CrmRecord[], config: CrmConfig, channel: 'email' | 'sms', columns: readonly string[]): ContactExport {
  const skipped = Object.fromEntries(SKIP_REASONS.map((r) => [r, 0])) as Record<SkipReason, number>;
  const byAddress = new Map<string, CrmRecord[]>();
  for (const record of records) {
    if (record.kind !== 'client') continue;
    if (record.archived) {
      skipped.archived++;
      continue;
    }
    if (record.data.unsubscribed === true) {
      skipped.unsubscribed++;
      continue;
    }
    if (!consentTo(record, channel)) {
      skipped['no-consent']++;
      continue;
    }
    const address = channel === 'email' ? normalizeEmail(record.data.email) : normalizePhone(record.data.phone, config.phone_region);
    if (address === undefined) {
      skipped[channel === 'email' ? 'invalid-email' : 'invalid-phone']++;
      continue;
    }
    const list = byAddress.get(address);
    if (list) list.push(record);
    else byAddress.set(address, [record]);
  }
  const merged: ExportSummary['merged'] = [];
  const rows: unknown[][] = [];
  for (const [address, group] of byAddress) {
    // The most recently contacted record speaks for the address; ties go to the first file.
    const recency = (r: CrmRecord): number => isoToDayNumber(contactAnchor(r)) ?? Number.NEGATIVE_INFINITY;
    const kept = [...group].sort((a, b) => recency(b) - recency(a) || (a.file < b.file ? -1 : 1))[0]!;
    if (group.length > 1) {
      skipped.duplicate += group.length - 1;
      merged.push({ address, kept: kept.file, dropped: group.filter((r) => r !== kept).map((r) => r.file) });
    }
    rows.push(columns.map((column) => columnValue(kept, column, address, channel)));
  }
  return { header: [...columns], rows, summary: { exported: rows.length, skipped, merged } };
}

export function mailingExport(records: readonly CrmRecord[], config: CrmConfig, columns: readonly string[] = config.exports.mailing.columns): ContactExport {
  return exportFor(records, config, 'email', columns.includes('email') ? columns : ['email', ...columns]);
}

export const PHONE_COLUMNS = ['phone', 'first_name', 'last_name'];

export function phoneExport(records: readonly CrmRecord[], config: CrmConfig, columns: readonly string[] = PHONE_COLUMNS): ContactExport {
  return exportFor(records, config, 'sms', columns.includes('phone') ? columns : ['phone', ...columns]);
}

/** "exported 12; skipped 5: no-consent 3, duplicate 2" — one line for stderr or a notification. */
export function summaryLine(summary: ExportSummary): string {
  const reasons = SKIP_REASONS.filter((r) => summary.skipped[r] > 0).map((r) => `${r} ${summary.skipped[r]}`);
  const total = SKIP_REASONS.reduce((n, r) => n + summary.skipped[r], 0);
  return reasons.length > 0 ? t('exported {0}; skipped {1}: {2}', summary.exported, total, reasons.join(', ')) : t('exported {0}; skipped {1}', summary.exported, total);
}
