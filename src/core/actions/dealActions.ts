// What the deal commands do to a record (issue 17): split a single-deal record into `deals:`, add a
// deal, close one as won (with a purchase) or lost (with a reason). As edit operations for the
// format-preserving engine, so only the fields named here change and the rest of the file stays
// byte for byte.
import { findStage } from '../config';
import { DEAL_FIELDS, dealClient, type DealView, hasDealList, recordDeals } from '../deals';
import type { EditOp } from '../edit/recordEdit';
import type { CrmConfig, CrmRecord } from '../model';
import { recordCurrency, recordValue } from '../recordFields';
import { slugify } from './newClient';
import { lostStageFor, moveToStageOps, stagesFor } from './recordActions';

/** The top-level fields that become the first deal; `currency` stays: it is the client's default too. */
const MOVED_FIELDS = DEAL_FIELDS.filter((field) => field !== 'currency');

/** The record's top-level deal fields as a deal item, in the order the schema lists them. */
function topLevelDeal(record: CrmRecord): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const field of MOVED_FIELDS) {
    const value = record.data[field];
    if (value !== undefined && value !== null && value !== '') item[field] = value;
  }
  return item;
}

/** True when the record has top-level deal fields that "Split into deals" would move. */
export function canSplitIntoDeals(record: CrmRecord): boolean {
  return Object.keys(topLevelDeal(record)).length > 0;
}

/**
 * "Split into deals": the top-level stage, value, next action (and pipeline, stage_since,
 * lost_reason, closed_on) become a deal item — the first deal, or the last when `deals:` exists
 * already (the record then had a top-level stage that was being ignored) — and leave the top level.
 */
export function splitIntoDealsOps(record: CrmRecord, extra: readonly Record<string, unknown>[] = []): EditOp[] {
  const item = topLevelDeal(record);
  const ops: EditOp[] = [];
  const moved = Object.keys(item).length > 0;
  if (hasDealList(record)) {
    if (moved) ops.push({ op: 'append', path: ['deals'], item: { id: nextDealId(record, ''), ...item } });
    for (const deal of extra) ops.push({ op: 'append', path: ['deals'], item: deal });
  } else {
    const items = moved ? [{ id: 1, ...item }, ...extra] : [...extra];
    if (items.length === 0) return [];
    ops.push({ op: 'set', path: ['deals'], value: items });
  }
  for (const field of Object.keys(item)) ops.push({ op: 'remove', path: [field] });
  return ops;
}

/** A deal id not used in the record: the title's slug (`website`, `-2` on a clash), else the next number. */
export function nextDealId(record: CrmRecord, title: string): string | number {
  const used = new Set(recordDeals(record).map((deal) => deal.deal?.id ?? '1'));
  if (!hasDealList(record) && canSplitIntoDeals(record)) used.add('1');
  const slug = slugify(title);
  if (slug !== '' && slug !== 'client') {
    if (!used.has(slug)) return slug;
    for (let n = 2; ; n++) if (!used.has(`${slug}-${n}`)) return `${slug}-${n}`;
  }
  for (let n = used.size + 1; ; n++) if (!used.has(String(n))) return n;
}

export interface NewDeal {
  title: string;
  stage?: string;
  value?: number;
  next_action?: { date: string; what: string };
}

/**
 * Adds a deal. A record without `deals:` keeps its current deal: the top-level deal fields become
 * the first item (as "Split into deals" does), the new deal the second, in one edit.
 */
export function addDealOps(record: CrmRecord, deal: NewDeal, config: CrmConfig, today: string): EditOp[] {
  const stage = deal.stage ?? stagesFor(record, config)[0]?.id ?? 'lead';
  const item: Record<string, unknown> = { id: nextDealId(record, deal.title), title: deal.title.replace(/\s+/g, ' ').trim(), stage };
  if (deal.value !== undefined) item.value = deal.value;
  item.stage_since = today;
  if (deal.next_action) item.next_action = deal.next_action;
  if (!hasDealList(record)) return splitIntoDealsOps(record, [item]);
  return [{ op: 'append', path: ['deals'], item }];
}

export type DealOutcome = { outcome: 'won'; amount?: number } | { outcome: 'lost'; reason: string };

/**
 * Closes a deal: won moves it to the won stage and records the purchase (`purchases:` of the client,
 * the deal's value unless another amount is given, the deal's title as the item); lost moves it to
 * the lost stage with the reason. Empty when the pipeline has no such stage.
 */
export function closeDealOps(deal: DealView, close: DealOutcome, config: CrmConfig, today: string): EditOp[] {
  const stages = stagesFor(deal, config);
  if (close.outcome === 'lost') {
    const lost = lostStageFor(deal, config);
    return lost ? moveToStageOps(deal, lost.id, config, today, close.reason) : [];
  }
  const won = stages.find((s) => s.outcome === 'won') ?? findStage(config, 'won', undefined);
  if (!won) return [];
  const ops = moveToStageOps(deal, won.id, config, today);
  const amount = close.amount ?? recordValue(deal);
  if (amount !== undefined) {
    const purchase: Record<string, unknown> = { date: today, amount };
    const item = deal.deal?.title;
    if (item !== undefined) purchase.item = item;
    const client = dealClient(deal);
    if (recordCurrency(deal, config) !== recordCurrency(client, config)) purchase.currency = recordCurrency(deal, config);
    ops.push({ op: 'append', path: ['purchases'], item: purchase });
  }
  return ops;
}
