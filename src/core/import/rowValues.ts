// One CSV row as typed field values (PRODUCT.md §9, CSV import). Text stays text, verbatim but for
// the spaces around it (`=HYPERLINK(…)` is a string; exports neutralize it); the few typed fields
// take the forms spreadsheets write: `120 000,50`, `15.03.1985`, да/нет. A cell that cannot be its
// field's type makes the row bad, reported with its line rather than guessed.
import { findStage } from '../config';
import { normalizeEmail, normalizePhone } from '../contact';
import { isIsoDate } from '../dates';
import { t } from '../i18n';
import type { CrmConfig } from '../model';
import { parseDecimal } from '../generate/invoiceItems';
import type { ColumnMapping } from './columnMap';
import type { CsvRow } from './csvTable';

/** A field value from a cell: text, a number, a yes/no, or a list of tags. */
export type CellValue = string | number | boolean | string[];

export interface RowValues {
  line: number;
  /** Field path (`city`, `consent.email`) → value, in column order; `notes` is the Markdown notes. */
  values: Map<string, CellValue>;
  /** Kept as written but worth a look (a phone that is not a possible number). */
  warnings: string[];
}

export type SkipReason = 'too many cells' | 'invalid e-mail' | 'invalid value' | 'unknown stage' | 'no name' | 'ambiguous name' | 'not editable';

export interface BadRow {
  line: number;
  reason: SkipReason;
  detail: string;
}

const NUMBER_FIELDS = new Set(['value']);
const DATE_FIELDS = new Set(['created', 'birthday', 'last_contact', 'consent.date']);
const BOOLEAN_FIELDS = new Set(['unsubscribed', 'consent.email', 'consent.sms', 'consent.processing']);
const YES = new Set(['да', 'д', 'yes', 'y', 'true', '1', '+', 'v', '✓', '✔', 'x', 'есть']);
const NO = new Set(['нет', 'н', 'no', 'n', 'false', '0', '-', '—']);
const RU_DATE = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/;

/** `2026-03-15` as it is, `15.03.2026` or `15/03/2026` (day first, as in Russia) as ISO. */
export function importDate(text: string): string | undefined {
  if (isIsoDate(text)) return text;
  const m = RU_DATE.exec(text);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** A stage id by its id or label, case-insensitively. */
export function importStage(text: string, config: CrmConfig): string | undefined {
  const byId = findStage(config, text);
  if (byId) return byId.id;
  const key = text.trim().toLowerCase();
  for (const stages of [config.stages, ...Object.values(config.pipelines)]) {
    const found = stages.find((s) => s.label.toLowerCase() === key);
    if (found) return found.id;
  }
  return undefined;
}

/** `vip; b2b, Москва` → `[vip, b2b, Москва]`, once each. */
export function importTags(text: string): string[] {
  const tags: string[] = [];
  for (const part of text.split(/[;,]/)) {
    const tag = part.trim();
    if (tag !== '' && !tags.some((known) => sameText(known, tag))) tags.push(tag);
  }
  return tags;
}

export const sameText = (a: string, b: string): boolean => a.trim().normalize('NFC').toLowerCase() === b.trim().normalize('NFC').toLowerCase();

function typed(field: string, text: string, config: CrmConfig): CellValue | { reason: SkipReason; detail: string } {
  if (field === 'tags') return importTags(text);
  if (field === 'stage') {
    return importStage(text, config) ?? { reason: 'unknown stage', detail: t('unknown stage "{0}"; configured stages: {1}', text, config.stages.map((s) => s.id).join(', ')) };
  }
  if (field === 'email') return normalizeEmail(text) !== undefined ? text : { reason: 'invalid e-mail', detail: t('"{0}" is not an e-mail address', text) };
  if (NUMBER_FIELDS.has(field)) return parseDecimal(text) ?? { reason: 'invalid value', detail: t('{0}: "{1}" is not a number', field, text) };
  if (DATE_FIELDS.has(field)) return importDate(text) ?? { reason: 'invalid value', detail: t('{0}: "{1}" is not a date (YYYY-MM-DD or DD.MM.YYYY)', field, text) };
  if (BOOLEAN_FIELDS.has(field)) {
    const key = text.toLowerCase();
    if (YES.has(key)) return true;
    if (NO.has(key)) return false;
    return { reason: 'invalid value', detail: t('{0}: "{1}" is not yes or no (да/нет, true/false, 1/0)', field, text) };
  }
  return text;
}

/** The row's values, or why it is bad. An empty cell sets nothing. */
export function rowValues(row: CsvRow, mappings: readonly ColumnMapping[], config: CrmConfig): RowValues | BadRow {
  if (row.cells.length > mappings.length && row.cells.slice(mappings.length).some((c) => c.trim() !== '')) {
    return { line: row.line, reason: 'too many cells', detail: t('{0} cells, the header has {1}', row.cells.length, mappings.length) };
  }
  const values = new Map<string, CellValue>();
  const warnings: string[] = [];
  for (const m of mappings) {
    const text = (row.cells[m.index] ?? '').trim();
    if (m.field === undefined || text === '') continue;
    const value = typed(m.field, text, config);
    if (typeof value === 'object' && !Array.isArray(value)) return { line: row.line, ...value };
    if (Array.isArray(value) && value.length === 0) continue;
    values.set(m.field, value);
    if (m.field === 'phone' && normalizePhone(text, config.phone_region) === undefined) warnings.push(t('phone "{0}" is not a possible number in region {1}; kept as written', text, config.phone_region));
  }
  if (!values.has('name') && (values.has('first_name') || values.has('last_name'))) {
    const name = [values.get('first_name'), values.get('last_name')].filter((v) => typeof v === 'string').join(' ');
    // The name first so a new record's fields read in the usual order.
    const rest = [...values];
    values.clear();
    values.set('name', name);
    for (const [k, v] of rest) values.set(k, v);
  }
  return { line: row.line, values, warnings };
}

export function isBadRow(row: RowValues | BadRow): row is BadRow {
  return 'reason' in row;
}
