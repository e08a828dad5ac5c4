// `config.required` (issue 18): the fields a stage requires, whether a record has one (the query
// language's `has:`: present and not null, "", [] or {}), and the `completeness` figures of `stats`.
import { findStage } from './config';
import { recordDeals } from './deals';
import type { CrmConfig, CrmRecord } from './model';
import { isMapping } from './recordFields';

/** The value at a dotted path (`requisites.inn`) of the front matter, own keys only. */
export function fieldValue(data: Readonly<Record<string, unknown>>, field: string): unknown {
  let value: unknown = data;
  for (const key of field.split('.')) {
    if (!isMapping(value) || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** True when a value counts as given: not missing, null, a blank string, `[]` or `{}`. */
export function isFilled(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (isMapping(value)) return Object.keys(value).length > 0;
  return true;
}

/** True when the record (or deal view) has `field` (a dotted path allowed). */
export function hasField(record: CrmRecord, field: string): boolean {
  return isFilled(fieldValue(record.data, field));
}

/**
 * The fields required in `stage`: `config.required` keyed by the configured stage id (compared
 * case-insensitively, like every stage id), else by the stage as written. Empty when none.
 */
export function requiredFieldsFor(stage: string, config: CrmConfig, pipeline?: string): readonly string[] {
  const keys = Object.keys(config.required);
  if (keys.length === 0) return [];
  const id = (findStage(config, stage, pipeline)?.id ?? stage).trim().toLowerCase();
  const key = keys.find((k) => k.trim().toLowerCase() === id);
  return key === undefined ? [] : (config.required[key] ?? []);
}

/** Every field named anywhere in `config.required`, once each, in the order first named. */
export function requiredFieldNames(config: CrmConfig): string[] {
  return [...new Set(Object.values(config.required).flat())];
}

/**
 * `stats.completeness`: for each field named in `config.required`, the percent (0..100, one
 * decimal at most) of `records` that have it (a client with `deals:` has a deal field when one of
 * its deals has it; 100 when there are no records). Undefined when nothing is required.
 */
export function completeness(records: readonly CrmRecord[], config: CrmConfig): Record<string, number> | undefined {
  const fields = requiredFieldNames(config);
  if (fields.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const field of fields) {
    let count = 0;
    for (const record of records) if (recordDeals(record).some((deal) => hasField(deal, field))) count++;
    out[field] = records.length === 0 ? 100 : Math.round((count / records.length) * 1000) / 10;
  }
  return out;
}
