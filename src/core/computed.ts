// Computed fields of a client record (PRODUCT.md §2): values derived from the record, its paid
// invoices, the workspace (RFM quintiles) and `today`. Queries, views and exports read them
// through one `ComputeContext`, built once per workspace snapshot: it groups paid and overdue
// invoices by client up front and computes everything else lazily per record, caching it, so a
// query over 50k records touches only what it asks for. When records change, build a new context
// (the store's change event is the cue); a context never goes stale by itself except through
// `today`, which is fixed at creation.
//
// Decisions PRODUCT.md leaves open, made here once (the README's query section should repeat them):
// - `orders` counts every entry of `purchases` that is a mapping, plus every paid invoice of the
//   client. An order's amount counts towards `revenue` only when it is a finite number, and its
//   date towards `last_purchase` only when it is a valid ISO date. Amounts are summed as written,
//   whatever their currency (no conversion in the core).
// - `ltv` is the historical lifetime value: revenue to date, i.e. equal to `revenue`. It has its
//   own name so a forecasting formula can replace it later without changing saved queries.
// - `days_since_contact` counts from `last_contact`, else `created` — the same anchor as the stale
//   rule, so `days_since_contact:>30` and `is:stale` agree.
// - `days_to_birthday` is 0 on the birthday; someone born on Feb 29 celebrates on Feb 28 in
//   common years.
// - `rfm` exists only for clients with at least one order: a lead that never bought is not a
//   "111" (a lapsed, small, one-off buyer); `no:rfm` finds them, `rfm:1**` does not.
// - lifecycle `lost`/`sleeping` need a dated purchase: orders with no valid date skip those checks.
// - `last_mailed` / `mailings_90d` read the campaign log (`campaigns/`, campaigns.ts); a client
//   counts as mailed when its main contact or any of its contact persons was a recipient.
import { mailingHistory, type MailingHistory } from './campaigns';
import { bandOf, compileScoring, type Scorer } from './scoring';
import { civilToDayNumber, daysInMonth, isLeapYear, isoToDayNumber, parseIsoDate } from './dates';
import type { CrmConfig, CrmRecord } from './model';
import { isMapping } from './recordFields';
import { daysSinceContact, invoiceStatus, isOverdueInvoice } from './rules';
import { recordTimeLines } from './time/timeLog';

export type Lifecycle = 'none' | 'new' | 'active' | 'sleeping' | 'lost';
export const LIFECYCLES: readonly Lifecycle[] = ['none', 'new', 'active', 'sleeping', 'lost'];

/** One purchase or paid invoice. */
export interface Order {
  /** ISO date (`purchases[].date` or the invoice's `paid_on`), when valid. */
  date?: string;
  /** The amount, when it is a finite number. */
  amount?: number;
  source: 'purchase' | 'invoice';
  /** The invoice record, for orders that are paid invoices. */
  invoice?: CrmRecord;
}

/** The computed fields of one client; `undefined` means "missing" (no data to compute from). */
export interface ComputedFields {
  days_since_contact: number | undefined;
  orders: number;
  revenue: number;
  last_purchase: string | undefined;
  avg_check: number | undefined;
  ltv: number;
  days_in_stage: number | undefined;
  days_to_birthday: number | undefined;
  rfm: string | undefined;
  lifecycle: Lifecycle;
  /** Lead score from `config.scoring`; undefined without rules. */
  score: number | undefined;
  /** The `config.scoring_bands` band of the score (cold / warm / hot). */
  band: string | undefined;
  /** The date of the latest logged campaign that included the client or a contact person of it. */
  last_mailed: string | undefined;
  /** Logged campaigns in the last 90 days (today−90d … today) that included the client or its people. */
  mailings_90d: number;
}

export type ComputedFieldName = keyof ComputedFields;

export const COMPUTED_FIELDS: readonly ComputedFieldName[] = [
  'days_since_contact',
  'orders',
  'revenue',
  'last_purchase',
  'avg_check',
  'ltv',
  'days_in_stage',
  'days_to_birthday',
  'rfm',
  'lifecycle',
  'score',
  'band',
  'last_mailed',
  'mailings_90d',
];

const COMPUTED_SET: ReadonlySet<string> = new Set(COMPUTED_FIELDS);

export function isComputedField(name: string): name is ComputedFieldName {
  return COMPUTED_SET.has(name);
}

/** The `item` texts of a list of mappings (`purchases`, an invoice's `items`). */
function itemIds(list: unknown, out: string[]): void {
  if (!Array.isArray(list)) return;
  for (const entry of list as unknown[]) {
    const item = isMapping(entry) ? entry['item'] : undefined;
    if (typeof item === 'string' && item.trim() !== '') out.push(item.trim());
  }
}

/** Orders of one client reduced to what the computed fields need. */
interface OrderSummary {
  orders: number;
  revenue: number;
  /** Day number of the latest dated order. */
  lastDay: number | undefined;
  lastDate: string | undefined;
}

/** What the context caches per record; each part is filled on first use. */
export interface RecordCache {
  summary?: OrderSummary;
  fields?: Partial<ComputedFields>;
}

/** Sorted values of the RFM population, for percentile ranks by binary search. */
interface RfmPopulation {
  recency: Float64Array;
  frequency: Float64Array;
  monetary: Float64Array;
}

export interface ComputeContext {
  readonly config: CrmConfig;
  /** The ISO date every relative date and day count is measured against. */
  readonly today: string;
  readonly todayDay: number;
  /** Purchases and paid invoices of a client. */
  orders(record: CrmRecord): readonly Order[];
  /** Every computed field of a client (cached). */
  computed(record: CrmRecord): ComputedFields;
  /** One computed field (cached; computes only what that field needs). */
  field<K extends ComputedFieldName>(record: CrmRecord, name: K): ComputedFields[K];
  /** True when the client has a `sent` invoice whose `due` is before today. */
  hasOverdueInvoice(record: CrmRecord): boolean;
  /**
   * The services a client bought or was billed or worked for, as written: `purchases[].item`,
   * `items[].item` of its invoices (any status) and the `#tag` of its time lines (`service:`).
   */
  services(record: CrmRecord): readonly string[];
  /** The per-record cache of this context (exposed for tests and for callers that add fields). */
  cache(record: CrmRecord): RecordCache;
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function purchaseOrders(record: CrmRecord): Order[] {
  const purchases = record.data.purchases;
  if (!Array.isArray(purchases)) return [];
  const orders: Order[] = [];
  for (const purchase of purchases as unknown[]) {
    if (!isMapping(purchase)) continue;
    const order: Order = { source: 'purchase' };
    if (isoToDayNumber(purchase['date']) !== undefined) order.date = purchase['date'] as string;
    const amount = finiteNumber(purchase['amount']);
    if (amount !== undefined) order.amount = amount;
    orders.push(order);
  }
  return orders;
}

function invoiceOrder(invoice: CrmRecord): Order {
  const order: Order = { source: 'invoice', invoice };
  if (isoToDayNumber(invoice.data.paid_on) !== undefined) order.date = invoice.data.paid_on as string;
  const total = finiteNumber(invoice.data.total);
  if (total !== undefined) order.amount = total;
  return order;
}

function summarize(orders: readonly Order[]): OrderSummary {
  let revenue = 0;
  let lastDay: number | undefined;
  let lastDate: string | undefined;
  for (const order of orders) {
    if (order.amount !== undefined) revenue += order.amount;
    const day = isoToDayNumber(order.date);
    if (day !== undefined && (lastDay === undefined || day > lastDay)) {
      lastDay = day;
      lastDate = order.date;
    }
  }
  return { orders: orders.length, revenue, lastDay, lastDate };
}

/**
 * Days from `today` to the next birthday (0 on the day). The birth year is ignored; Feb 29 falls
 * on Feb 28 in common years. Undefined when `birthday` is not an ISO date.
 */
export function daysToBirthday(birthday: unknown, today: string): number | undefined {
  const birth = parseIsoDate(birthday);
  const now = parseIsoDate(today);
  if (!birth || !now) return undefined;
  const occurrence = (year: number): number => {
    const day = birth.month === 2 && birth.day === 29 && !isLeapYear(year) ? 28 : Math.min(birth.day, daysInMonth(year, birth.month));
    return civilToDayNumber(year, birth.month, day);
  };
  const todayDay = civilToDayNumber(now.year, now.month, now.day);
  const thisYear = occurrence(now.year);
  return thisYear >= todayDay ? thisYear - todayDay : occurrence(now.year + 1) - todayDay;
}

/** Lifecycle (PRODUCT.md §9), checked in this order: none, lost, sleeping, new, active. */
export function lifecycleOf(orders: number, daysSinceLastPurchase: number | undefined, config: CrmConfig): Lifecycle {
  if (orders === 0) return 'none';
  if (daysSinceLastPurchase !== undefined) {
    if (daysSinceLastPurchase > config.lifecycle.sleeping_days) return 'lost';
    if (daysSinceLastPurchase > config.lifecycle.active_days) return 'sleeping';
  }
  return orders === 1 ? 'new' : 'active';
}

/** Index of the first element of `sorted` that is >= `value` (or > when `strict`). */
function bound(sorted: Float64Array, value: number, strict: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = sorted[mid] ?? 0;
    if (x < value || (strict && x === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Quintile score 1–5 of `value` among `sorted`, by its mid-rank percentile: the share of values
 * below it plus half the share equal to it. Equal values always get the same score (a plain
 * "rank / n" would split a tie — most clients have exactly one order — between two scores), and
 * the score does not depend on the order clients were loaded in.
 */
export function quintileScore(sorted: Float64Array, value: number): number {
  const n = sorted.length;
  if (n === 0) return 1;
  const below = bound(sorted, value, false);
  const equal = bound(sorted, value, true) - below;
  const percentile = (below + equal / 2) / n;
  return Math.min(5, Math.floor(percentile * 5) + 1);
}

/**
 * Builds the context for one snapshot of the workspace. `clients` are all client records
 * (archived included; RFM quintiles are taken over the non-archived ones with at least one
 * order), `invoices` all invoice records. `today` is an ISO date; an invalid one makes every
 * day count undefined rather than throwing.
 */
export function createComputeContext(
  clients: readonly CrmRecord[],
  invoices: readonly CrmRecord[],
  config: CrmConfig,
  today: string,
  campaigns: readonly CrmRecord[] = [],
): ComputeContext {
  const todayDay = isoToDayNumber(today) ?? Number.NaN;
  let history: MailingHistory | undefined;
  const mailed = (record: CrmRecord): readonly string[] => (history ??= mailingHistory(campaigns)).clientDates(record.id);
  // Grouping invoices once keeps each client's lookup O(1); the invoices are few next to clients.
  const paidByClient = new Map<string, CrmRecord[]>();
  const overdueClients = new Set<string>();
  /** Invoice item ids per client, for `service:`; built on first use. */
  let billedItems: Map<string, string[]> | undefined;
  const billed = (id: string): readonly string[] => {
    if (!billedItems) {
      billedItems = new Map();
      for (const invoice of invoices) {
        const client = invoice.data.client;
        if (typeof client !== 'string' || client === '') continue;
        const list = billedItems.get(client) ?? [];
        itemIds(invoice.data.items, list);
        billedItems.set(client, list);
      }
    }
    return billedItems.get(id) ?? [];
  };
  for (const invoice of invoices) {
    const client = invoice.data.client;
    if (typeof client !== 'string' || client === '') continue;
    if (invoiceStatus(invoice) === 'paid') {
      const list = paidByClient.get(client);
      if (list) list.push(invoice);
      else paidByClient.set(client, [invoice]);
    } else if (isOverdueInvoice(invoice, today)) {
      overdueClients.add(client);
    }
  }

  // A Map, not a WeakMap: lookups are several times faster at 50k entries, and the context (with
  // its map) is dropped as a whole when the workspace changes, so nothing outlives its snapshot.
  const caches = new Map<CrmRecord, RecordCache>();
  const cache = (record: CrmRecord): RecordCache => {
    let entry = caches.get(record);
    if (!entry) {
      entry = {};
      caches.set(record, entry);
    }
    return entry;
  };

  const orders = (record: CrmRecord): Order[] => {
    const paid = paidByClient.get(record.id);
    const fromPurchases = purchaseOrders(record);
    return paid ? [...fromPurchases, ...paid.map(invoiceOrder)] : fromPurchases;
  };

  const summary = (record: CrmRecord): OrderSummary => {
    const entry = cache(record);
    entry.summary ??= summarize(orders(record));
    return entry.summary;
  };

  const daysSince = (day: number | undefined): number | undefined =>
    day === undefined || Number.isNaN(todayDay) ? undefined : todayDay - day;

  // The RFM population is needed only by `rfm` queries, so it is built on first use.
  let population: RfmPopulation | undefined;
  const rfmPopulation = (): RfmPopulation => {
    if (population) return population;
    const recency: number[] = [];
    const frequency: number[] = [];
    const monetary: number[] = [];
    for (const client of clients) {
      if (client.archived || client.kind !== 'client') continue;
      const s = summary(client);
      if (s.orders === 0) continue;
      // Recency ranks the last purchase day: later is better. Undated buyers rank lowest.
      recency.push(s.lastDay ?? Number.NEGATIVE_INFINITY);
      frequency.push(s.orders);
      monetary.push(s.revenue);
    }
    const sorted = (values: number[]): Float64Array => Float64Array.from(values).sort();
    population = { recency: sorted(recency), frequency: sorted(frequency), monetary: sorted(monetary) };
    return population;
  };

  const computeField = (record: CrmRecord, name: ComputedFieldName): ComputedFields[ComputedFieldName] => {
    switch (name) {
      case 'days_since_contact':
        return Number.isNaN(todayDay) ? undefined : daysSinceContact(record, today);
      case 'orders':
        return summary(record).orders;
      case 'revenue':
      case 'ltv':
        return summary(record).revenue;
      case 'last_purchase':
        return summary(record).lastDate;
      case 'avg_check': {
        const s = summary(record);
        return s.orders === 0 ? undefined : s.revenue / s.orders;
      }
      case 'days_in_stage':
        return daysSince(isoToDayNumber(record.data.stage_since));
      case 'days_to_birthday':
        return daysToBirthday(record.data.birthday, today);
      case 'rfm': {
        const s = summary(record);
        if (s.orders === 0) return undefined;
        const p = rfmPopulation();
        const r = quintileScore(p.recency, s.lastDay ?? Number.NEGATIVE_INFINITY);
        return `${r}${quintileScore(p.frequency, s.orders)}${quintileScore(p.monetary, s.revenue)}`;
      }
      case 'lifecycle': {
        const s = summary(record);
        return lifecycleOf(s.orders, daysSince(s.lastDay), config);
      }
      case 'score':
        scorer ??= compileScoring(context);
        return scorer(record);
      case 'band': {
        const score = field(record, 'score');
        return score === undefined ? undefined : bandOf(score, config.scoring_bands);
      }
      case 'last_mailed':
        return mailed(record).reduce<string | undefined>((latest, date) => (latest === undefined || date > latest ? date : latest), undefined);
      case 'mailings_90d':
        return mailed(record).filter((date) => {
          const days = daysSince(isoToDayNumber(date));
          return days !== undefined && days >= 0 && days <= 90;
        }).length;
    }
  };
  // Compiled on the first `score`: its rules are queries over this same context.
  let scorer: Scorer | undefined;

  const field = <K extends ComputedFieldName>(record: CrmRecord, name: K): ComputedFields[K] => {
    const entry = cache(record);
    const fields = (entry.fields ??= {});
    if (!(name in fields)) (fields as Record<string, unknown>)[name] = computeField(record, name);
    return fields[name] as ComputedFields[K];
  };

  const context: ComputeContext = {
    config,
    today,
    todayDay,
    orders,
    field,
    computed(record) {
      const result = {} as Record<ComputedFieldName, unknown>;
      for (const name of COMPUTED_FIELDS) result[name] = field(record, name);
      return result as unknown as ComputedFields;
    },
    hasOverdueInvoice: (record) => overdueClients.has(record.id),
    services(record) {
      const out: string[] = [];
      itemIds(record.data.purchases, out);
      out.push(...billed(record.id));
      for (const { entry } of recordTimeLines(record)) if (entry.tag !== undefined) out.push(entry.tag);
      return out;
    },
    cache,
  };
  return context;
}
