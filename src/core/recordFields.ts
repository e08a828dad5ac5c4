// Typed reads of a record's common fields. Front matter is user-written data: every accessor
// checks the type, so an invalid value reads as missing instead of crashing a view.
import type { CrmConfig, CrmRecord } from './model';

/** A YAML mapping as parsed: an object that is not a list (nor null). */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordName(record: CrmRecord): string {
  const name = record.data.name;
  return typeof name === 'string' && name.trim() !== '' ? name.trim() : typeof name === 'number' ? String(name) : record.id;
}

export function recordPipeline(record: CrmRecord, config: CrmConfig): string {
  const pipeline = record.data.pipeline;
  return typeof pipeline === 'string' && config.pipelines[pipeline] ? pipeline : config.defaultPipeline;
}

/**
 * The record's stage id. A record without `stage` is at the first stage of its pipeline (a new
 * lead), so hand-written records need not spell it out.
 */
export function recordStage(record: CrmRecord, config: CrmConfig): string {
  const stage = record.data.stage;
  if (typeof stage === 'string' && stage.trim() !== '') return stage.trim();
  const stages = config.pipelines[recordPipeline(record, config)] ?? config.stages;
  return stages[0]?.id ?? 'lead';
}

/** The numeric deal value, or undefined for a missing or non-numeric one (`договорная`). */
export function recordValue(record: CrmRecord): number | undefined {
  const value = record.data.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function recordCurrency(record: CrmRecord, config: CrmConfig): string {
  const currency = record.data.currency;
  return typeof currency === 'string' && currency.trim() !== '' ? currency.trim().toUpperCase() : config.currency;
}

export function recordString(record: CrmRecord, field: string): string | undefined {
  const value = record.data[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
