// The time and pipeline rules of PRODUCT.md §7/§9, as pure predicates over one record. Lint (the
// `stale`, `overdue-action`, `overdue-invoice` diagnostics), the query language (`is:stale`,
// `is:overdue`, `is:open`) and the views all call these, so a record is stale in exactly one way.
// Every function takes `today` as an ISO date: the core has no clock.
import { findStage } from './config';
import { isoToDayNumber } from './dates';
import { recordDeals } from './deals';
import type { CrmConfig, CrmRecord } from './model';
import { recordPipeline, recordStage } from './recordFields';

/**
 * True when `stage` is a closed stage of the config (by default `won` and `lost`). Stage ids
 * compare case-insensitively. An unknown stage is not closed: lint reports it as
 * `unknown-stage`, and until it is fixed the record stays visible in open-work views.
 */
export function isClosedStage(stage: string, config: CrmConfig, pipeline?: string): boolean {
  return findStage(config, stage, pipeline)?.closed ?? false;
}

/**
 * True for a record whose stage is not closed (`is:open`). A record without `stage` is a lead; a
 * record with `deals:` is open while any of its deals is.
 */
export function isOpenRecord(record: CrmRecord, config: CrmConfig): boolean {
  return recordDeals(record).some((deal) => !isClosedStage(recordStage(deal, config), config, recordPipeline(deal, config)));
}

/**
 * True for a record in the `lost` stage (or any stage configured with `outcome: lost`); a record
 * with `deals:` when every deal is lost.
 */
export function isLostRecord(record: CrmRecord, config?: CrmConfig): boolean {
  return recordDeals(record).every((deal) => isLostDeal(deal, config));
}

function isLostDeal(record: CrmRecord, config?: CrmConfig): boolean {
  const stage = record.data.stage;
  if (typeof stage !== 'string') return false;
  if (stage.trim().toLowerCase() === 'lost') return true;
  return config !== undefined && findStage(config, stage, recordPipeline(record, config))?.outcome === 'lost';
}

/**
 * Days without contact after which a record in `stage` is stale: `config.stale[stage]`, else
 * `config.stale.default`. The stage is looked up by its configured id, so `Proposal` uses the
 * `proposal` threshold.
 */
export function staleThreshold(stage: string, config: CrmConfig): number {
  return thresholdOf(findStage(config, stage)?.id ?? stage.trim(), config);
}

/** Own keys only: a stage called `constructor` must not read `Object.prototype.constructor`. */
function thresholdOf(stageId: string, config: CrmConfig): number {
  const days = Object.prototype.hasOwnProperty.call(config.stale, stageId) ? config.stale[stageId] : undefined;
  return typeof days === 'number' && Number.isFinite(days) ? days : config.stale.default;
}

/**
 * The day the stale rule measures from: `last_contact`, else `created` (an invalid date counts as
 * missing, so a bad `last_contact` falls back to `created`). Undefined when neither is a date.
 */
export function contactAnchor(record: CrmRecord): string | undefined {
  const { last_contact: lastContact, created } = record.data;
  if (isoToDayNumber(lastContact) !== undefined) return lastContact;
  if (isoToDayNumber(created) !== undefined) return created;
  return undefined;
}

/** Days since `last_contact` (else `created`) on `today`, or undefined when neither is a date. */
export function daysSinceContact(record: CrmRecord, today: string): number | undefined {
  const anchor = isoToDayNumber(contactAnchor(record));
  const now = isoToDayNumber(today);
  return anchor === undefined || now === undefined ? undefined : now - anchor;
}

/**
 * Stale (PRODUCT.md §9): an open stage, and the days since `last_contact` (else `created`) are
 * strictly greater than the stage's threshold — exactly at the threshold is not stale. A record
 * with neither date is not stale; archived records and the `lost` stage are skipped.
 */
export function isStale(record: CrmRecord, config: CrmConfig, today: string): boolean {
  if (record.archived) return false;
  return recordDeals(record).some((deal) => isStaleDeal(deal, config, today));
}

/** `isStale` for one deal (a deal view, or a record without `deals:`). */
export function isStaleDeal(record: CrmRecord, config: CrmConfig, today: string): boolean {
  if (record.archived) return false;
  // One stage lookup serves the open, lost and threshold checks: views run this over every record.
  const stageId = recordStage(record, config);
  const stage = findStage(config, stageId, recordPipeline(record, config));
  if (stage?.closed === true || stage?.outcome === 'lost' || stageId.toLowerCase() === 'lost') return false;
  const days = daysSinceContact(record, today);
  return days !== undefined && days > thresholdOf(stage?.id ?? stageId, config);
}

/** The `next_action.date` of a record when it is a valid ISO date. */
export function nextActionDate(record: CrmRecord): string | undefined {
  const next = record.data.next_action;
  if (typeof next !== 'object' || next === null) return undefined;
  const date = (next as { date?: unknown }).date;
  return isoToDayNumber(date) !== undefined ? (date as string) : undefined;
}

/**
 * Overdue action: `next_action.date` strictly before `today`, on a record that is not archived
 * and not in the `lost` stage. Pass `config` to also skip stages configured with `outcome: lost`.
 */
export function isOverdueAction(record: CrmRecord, today: string, config?: CrmConfig): boolean {
  return recordDeals(record).some((deal) => isOverdueDealAction(deal, today, config));
}

/** `isOverdueAction` for one deal (a deal view, or a record without `deals:`). */
export function isOverdueDealAction(record: CrmRecord, today: string, config?: CrmConfig): boolean {
  if (record.archived || isLostDeal(record, config)) return false;
  const due = isoToDayNumber(nextActionDate(record));
  const now = isoToDayNumber(today);
  return due !== undefined && now !== undefined && due < now;
}

/** An invoice's `status`, lower-cased, or undefined. */
export function invoiceStatus(invoice: CrmRecord): string | undefined {
  const status = invoice.data.status;
  return typeof status === 'string' ? status.trim().toLowerCase() : undefined;
}

/**
 * Overdue invoice: status `sent` (not `draft`, not `paid`) and `due` strictly before `today`.
 * An invoice without a valid `due` date is not overdue (lint reports the date itself).
 */
export function isOverdueInvoice(invoice: CrmRecord, today: string): boolean {
  if (invoiceStatus(invoice) !== 'sent') return false;
  const due = isoToDayNumber(invoice.data.due);
  const now = isoToDayNumber(today);
  return due !== undefined && now !== undefined && due < now;
}

/** The overdue invoices among `invoices`, in their order. */
export function overdueInvoices(invoices: readonly CrmRecord[], today: string): CrmRecord[] {
  return invoices.filter((invoice) => isOverdueInvoice(invoice, today));
}
