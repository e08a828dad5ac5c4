// Several deals per client (issue 17). A record without a `deals:` list is one implicit deal made
// of its top-level fields, exactly as before; a record with one has a deal per list item. Each
// deal is presented as a *deal view*: a CrmRecord whose deal fields (stage, value, next action…)
// are the item's, everything else the client's, and `deal` says which item it is. So the
// pipeline, the stale/overdue rules, reports and queries keep reading one shape, and a record
// without deals is its own single deal view (no copy, no cost at 50k records).
import type { ClientFields, CrmConfig, CrmRecord } from './model';
import type { FieldPath } from './parse/positions';
import { isMapping, recordCurrency, recordName, recordPipeline, recordStage, recordValue } from './recordFields';

/** The fields a deal item holds; on a record without `deals:` they are the top-level ones. */
export const DEAL_FIELDS = ['stage', 'value', 'currency', 'pipeline', 'stage_since', 'next_action', 'lost_reason', 'closed_on'] as const;
export type DealField = (typeof DEAL_FIELDS)[number];
const DEAL_FIELD_SET: ReadonlySet<string> = new Set(DEAL_FIELDS);

export interface DealRef {
  /** The client record the deal belongs to. */
  client: CrmRecord;
  /** The item's index in `deals:` (0-based). */
  index: number;
  /** `deals[i].id` as text, else the 1-based position. */
  id: string;
  title?: string;
}

/** A client record, or one deal of it (`deal` set) with the deal's fields in `data`. */
export type DealView = CrmRecord & { deal?: DealRef };

const cache = new WeakMap<CrmRecord, DealView[]>();

/** True when the record lists its deals (`deals:` with at least one mapping item). */
export function hasDealList(record: CrmRecord): boolean {
  const deals = record.data.deals;
  return Array.isArray(deals) && deals.some(isMapping);
}

/** True for a deal field name (`stage`, `next_action`, …): queries match these per deal. */
export function isDealField(name: string): boolean {
  return DEAL_FIELD_SET.has(name);
}

/**
 * The record's deals as deal views, in list order; `[record]` for a record without `deals:`.
 * Items that are not mappings are skipped (the schema check reports them). Cached per record
 * object: records are immutable and replaced on change.
 */
export function recordDeals(record: CrmRecord): DealView[] {
  if ((record as DealView).deal !== undefined || !hasDealList(record)) return [record];
  let views = cache.get(record);
  if (views) return views;
  views = [];
  const items = record.data.deals as unknown[];
  items.forEach((item, index) => {
    if (!isMapping(item)) return;
    const data: ClientFields = { ...record.data };
    delete data.deals;
    for (const field of DEAL_FIELDS) {
      if (field === 'currency' && item.currency === undefined) continue;
      if (item[field] === undefined) delete data[field];
      else (data as Record<string, unknown>)[field] = item[field];
    }
    const ownId = item.id;
    const id = (typeof ownId === 'string' && ownId.trim() !== '') || typeof ownId === 'number' ? String(ownId).trim() : String(index + 1);
    const title = typeof item.title === 'string' && item.title.trim() !== '' ? item.title.trim() : undefined;
    const deal: DealRef = title === undefined ? { client: record, index, id } : { client: record, index, id, title };
    views!.push({ ...record, data, deal });
  });
  cache.set(record, views);
  return views;
}

/** Every deal of the records, in order. */
export function allDeals(records: Iterable<CrmRecord>): DealView[] {
  const deals: DealView[] = [];
  for (const record of records) for (const deal of recordDeals(record)) deals.push(deal);
  return deals;
}

/** The client record behind a deal view (itself for a record without deals). */
export function dealClient(view: DealView): CrmRecord {
  return view.deal?.client ?? view;
}

/** Where a deal's fields live in the file: `[]` (top level) or `['deals', i]`. */
export function dealPath(view: DealView): FieldPath {
  return view.deal ? ['deals', view.deal.index] : [];
}

/** The deal's id as `plain-crm query --deals` prints it: `<client>#<deal id>`, `#1` for an implicit deal. */
export function dealKey(view: DealView): string {
  return `${dealClient(view).id}#${view.deal?.id ?? '1'}`;
}

/** "Client — deal title" (`#id` for an untitled deal) for a listed deal; the client's name for an implicit one. */
export function dealLabel(view: DealView): string {
  const name = recordName(dealClient(view));
  if (!view.deal) return name;
  return `${name} — ${view.deal.title ?? `#${view.deal.id}`}`;
}

/** A deal as `plain-crm query --deals --format json` prints it. */
export type DealRow = Record<string, unknown> & { id: string; client: string; file: string };

/**
 * `{id: "<client>#<deal id>", client, file, name, title, …deal fields}`: the stage, pipeline and
 * currency as they apply (defaults filled in), the other deal fields as written.
 */
export function dealRow(view: DealView, config: CrmConfig): DealRow {
  const client = dealClient(view);
  const row: DealRow = { id: dealKey(view), client: client.id, file: client.file, name: recordName(client) };
  if (view.deal?.title !== undefined) row.title = view.deal.title;
  row.stage = recordStage(view, config);
  const value = recordValue(view);
  if (value !== undefined) row.value = value;
  row.currency = recordCurrency(view, config);
  row.pipeline = recordPipeline(view, config);
  for (const field of ['stage_since', 'next_action', 'lost_reason', 'closed_on'] as const) {
    const raw = view.data[field];
    if (raw !== undefined && raw !== null) row[field] = raw;
  }
  return row;
}
