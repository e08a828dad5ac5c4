// Sales reports (PRODUCT.md §4, Dashboard and Reports): the funnel and its conversion, where deals
// drop, time to a deal, revenue by month, deals by source and owner, lost reasons, stale clients,
// unpaid invoices and the forecast. One pure computation for the dashboard and `plain-crm report`.
//
// The population is the non-archived clients the caller chose (a segment or a query), and with a
// date range only those created in it: a cohort ("of the leads that came in the third quarter,
// how many became deals"). Files keep no stage history beyond the log, so "reached a stage" is
// read from where a client is now: an open stage implies the open stages before it, a won deal
// implies them all, and a lost one the stage it was lost from, which the `stage: x → lost` line
// that Move to Stage writes under `## Log` tells (else only the first stage).
import { type CampaignMonth, campaignOf, campaignsByMonth } from '../campaigns';
import type { ComputeContext } from '../computed';
import { findStage } from '../config';
import { isoToDayNumber } from '../dates';
import { type DealView, recordDeals } from '../deals';
import type { CrmConfig, CrmRecord, StageDef } from '../model';
import { isMapping, recordCurrency, recordPipeline, recordStage, recordString, recordValue } from '../recordFields';
import { invoiceStatus, isOverdueInvoice, isStaleDeal } from '../rules';
import { timeReport, type TimeReport } from '../time/timeReport';
import { recordTimeLines } from '../time/timeLog';
import { findService, type Service } from '../catalog';
import type { PlanReport } from './plan';

export interface ReportOptions {
  /** Inclusive ISO dates on `created`; either may be left out. */
  from?: string;
  to?: string;
  /** The workspace's campaign logs (`store.campaigns()`), for campaigns per month. */
  campaigns?: readonly CrmRecord[];
  /** The services of `.crm/catalog.yaml` (`store.catalog`), for revenue and hours per service. */
  catalog?: readonly Service[];
}

/** One catalogue service's figures over the report's clients. */
export interface ServiceRow {
  id: string;
  name: string;
  /** Purchases (`item: <id>`) and items of paid invoices (before tax), summed as written. */
  revenue: number;
  /** Those purchases and paid invoice lines. */
  orders: number;
  /** Time lines tagged `#<id>`. */
  minutes: number;
}

export interface FunnelStage {
  id: string;
  label: string;
  closed: boolean;
  outcome?: 'won' | 'lost';
  /** Clients in the stage now, and the sum of their values in the default currency. */
  count: number;
  value: number;
  /** Open and won stages: clients that got at least this far. */
  reached?: number;
  /** Share of `reached` that got to the next open stage (or, from the last one, to a deal). */
  conversion?: number;
  /** Lost clients whose last stage before `lost` was this one. */
  lostHere: number;
  probability?: number;
}

export interface GroupRow {
  key: string;
  clients: number;
  won: number;
  wonValue: number;
  lost: number;
  /** won / (won + lost), when any deal is closed. */
  winRate?: number;
}

export interface MonthRow {
  /** `YYYY-MM`. */
  month: string;
  /** Deals won in the month (by `stage_since`) and their value in the default currency. */
  won: number;
  wonValue: number;
  /** Purchases and paid invoices dated in the month, in the default currency. */
  paid: number;
}

export interface Report {
  today: string;
  from?: string;
  to?: string;
  currency: string;
  clients: number;
  /** Clients whose value is in another currency: shown in counts, not in sums. */
  otherCurrency: number;
  funnel: FunnelStage[];
  /** Clients in a stage the config does not know or in another pipeline: not in the funnel. */
  outsideFunnel: number;
  won: { deals: number; value: number; average?: number; daysToWin: { median?: number; average?: number; deals: number } };
  lost: { deals: number; reasons: { reason: string; count: number }[]; unknownStage: number };
  months: MonthRow[];
  sources: GroupRow[];
  owners: GroupRow[];
  stale: { total: number; byStage: { stage: string; count: number }[] };
  invoices: { unpaid: { count: number; total: number }; overdue: { count: number; total: number } };
  forecast: { total: number; stages: { stage: string; value: number; probability: number; weighted: number }[] };
  /** Logged campaigns per month, the whole workspace's (campaign logs are not per client). */
  campaigns: CampaignMonth[];
  /** Time logged in the notes: hours per month and client, effective hourly rate (issue 19). */
  time: TimeReport;
  /** Catalogue services with revenue or hours, in catalogue order (issue 19). */
  services: ServiceRow[];
  /** The config's sales plan against actual (`withPlan`); only when the config has a plan. */
  plan?: PlanReport;
}

const STAGE_CHANGE = /stage:\s*([^\s→]+)\s*→\s*([^\s(]+)(?:\s*\([^)\n]*\))?(?:[ \t]+— ([^\n]*))?/g;
const NO_KEY = '—';

/**
 * The stage a lost client (or deal) left for `lost`, from the last `stage: x → lost` log line; a
 * deal's lines end with ` — <title or #id>` (moveToStageOps), the client's own lines do not.
 */
export function lostFromStage(record: DealView, lostIds: ReadonlySet<string>): string | undefined {
  const deal = record.deal ? (record.deal.title ?? `#${record.deal.id}`) : undefined;
  let from: string | undefined;
  for (const m of record.body.matchAll(STAGE_CHANGE)) if (lostIds.has(m[2]!.toLowerCase()) && m[3]?.trim() === deal) from = m[1]!;
  return from;
}

function inRange(date: unknown, from: string | undefined, to: string | undefined): boolean {
  const day = isoToDayNumber(date);
  if (day === undefined) return false;
  return (from === undefined || day >= isoToDayNumber(from)!) && (to === undefined || day <= isoToDayNumber(to)!);
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

function groupRows(map: Map<string, GroupRow>): GroupRow[] {
  const rows = [...map.values()];
  for (const row of rows) if (row.won + row.lost > 0) row.winRate = round2(row.won / (row.won + row.lost));
  // Most clients first; "no source" last, whatever its size.
  return rows.sort((a, b) => Number(a.key === NO_KEY) - Number(b.key === NO_KEY) || b.clients - a.clients || a.key.localeCompare(b.key));
}

/** The stage of the default pipeline a client is in; undefined for another pipeline or an unknown stage. */
function funnelStage(record: CrmRecord, config: CrmConfig): StageDef | undefined {
  return recordPipeline(record, config) === config.defaultPipeline ? findStage(config, recordStage(record, config)) : undefined;
}

/** Revenue and hours per catalogue service: purchases and paid invoice lines naming its id, time lines tagged with it. */
export function serviceReport(clients: readonly CrmRecord[], ctx: ComputeContext, catalog: readonly Service[]): ServiceRow[] {
  // No catalogue, nothing to name: skip the walk over every order and note (50k clients on each dashboard refresh).
  if (catalog.length === 0) return [];
  const rows = new Map(catalog.map((s) => [s.id, { id: s.id, name: s.name, revenue: 0, orders: 0, minutes: 0 }]));
  const row = (item: unknown): ServiceRow | undefined => (typeof item === 'string' ? rows.get(findService(catalog, item)?.id ?? '') : undefined);
  const sold = (item: unknown, amount: number | undefined): void => {
    const target = row(item);
    if (!target) return;
    target.orders++;
    if (amount !== undefined && Number.isFinite(amount)) target.revenue = round2(target.revenue + amount);
  };
  for (const client of clients) {
    for (const purchase of Array.isArray(client.data.purchases) ? (client.data.purchases as unknown[]) : []) {
      if (isMapping(purchase)) sold(purchase['item'], typeof purchase['amount'] === 'number' ? purchase['amount'] : undefined);
    }
    for (const order of ctx.orders(client)) {
      const items = order.invoice?.data.items;
      for (const line of Array.isArray(items) ? (items as unknown[]) : []) {
        if (!isMapping(line)) continue;
        const { qty = 1, price } = line;
        sold(line['item'], typeof qty === 'number' && typeof price === 'number' ? qty * price : undefined);
      }
    }
    for (const { entry } of recordTimeLines(client)) {
      const target = row(entry.tag);
      if (target) target.minutes += entry.minutes;
    }
  }
  return [...rows.values()].filter((r) => r.orders > 0 || r.minutes > 0);
}

/** The clients a report covers: not archived, and created in the range when there is one. */
export function reportPopulation(clients: readonly CrmRecord[], options: ReportOptions = {}): CrmRecord[] {
  const ranged = options.from !== undefined || options.to !== undefined;
  return clients.filter((r) => !r.archived && (!ranged || inRange(r.data.created, options.from, options.to)));
}

/** What a dashboard bar or card stands for. */
export type ReportSlice = 'stage' | 'source' | 'owner' | 'planOwner' | 'lostReason' | 'month' | 'won' | 'stale' | 'open' | 'unpaid' | 'overdue' | 'campaigns';

/**
 * The clients behind one figure of the report, by the same definitions: a stage's clients, a
 * source's or owner's (`key` empty: those without one; `planOwner`: the owner in any case), a
 * lost reason's, a month's deals and payments, the won, stale and open ones, and those with
 * unpaid or overdue invoices.
 */
export function sliceClients(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext, slice: ReportSlice, key: string, options: ReportOptions = {}): CrmRecord[] {
  const { config, today } = ctx;
  const population = reportPopulation(clients, options);
  // A client belongs to a stage's (won, lost…) figure when any of its deals does.
  const withDeal = (test: (stage: StageDef | undefined, deal: CrmRecord) => boolean): CrmRecord[] =>
    population.filter((r) => recordDeals(r).some((deal) => test(funnelStage(deal, config), deal)));
  const withInvoice = (test: (invoice: CrmRecord) => boolean): Set<string> =>
    new Set(invoices.filter((i) => invoiceStatus(i) === 'sent' && test(i)).map((i) => String(i.data.client)));
  switch (slice) {
    case 'stage':
      return withDeal((stage) => stage?.id.toLowerCase() === key.toLowerCase());
    case 'source':
    case 'owner':
      return population.filter((r) => (recordString(r, slice) ?? '') === key);
    case 'planOwner':
      // The plan's owners are lower-cased (`plan.by_owner`): Ivan@… and ivan@… are one owner there.
      return population.filter((r) => (recordString(r, 'owner')?.toLowerCase() ?? '') === key.toLowerCase());
    case 'lostReason':
      return withDeal((stage, deal) => stage?.outcome === 'lost' && (recordString(deal, 'lost_reason') ?? '') === key);
    case 'month':
      return population.filter(
        (r) =>
          recordDeals(r).some((deal) => funnelStage(deal, config)?.outcome === 'won' && String(deal.data.stage_since ?? '').startsWith(key)) ||
          ctx.orders(r).some((o) => o.amount !== undefined && o.date?.startsWith(key) === true),
      );
    case 'won':
      return withDeal((stage) => stage?.outcome === 'won');
    case 'stale':
      return withDeal((stage, deal) => stage?.closed === false && isStaleDeal(deal, config, today));
    case 'open':
      return withDeal((stage) => stage?.closed === false);
    case 'unpaid': {
      const ids = withInvoice(() => true);
      return population.filter((r) => ids.has(r.id));
    }
    case 'overdue': {
      const ids = withInvoice((i) => isOverdueInvoice(i, today));
      return population.filter((r) => ids.has(r.id));
    }
    case 'campaigns': {
      // The clients (main contact or a contact person) that the month's campaigns went to.
      const ids = new Set<string>();
      for (const record of options.campaigns ?? []) {
        const campaign = campaignOf(record);
        if (campaign?.date.startsWith(key)) for (const recipient of campaign.recipients) ids.add(recipient.split('#', 1)[0]!);
      }
      return population.filter((r) => ids.has(r.id));
    }
  }
}

/**
 * The report over `clients` (already filtered by segment or query; archived ones are left out
 * here), with `invoices` for unpaid totals. `ctx` gives the config, today and each client's orders.
 */
export function buildReport(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext, options: ReportOptions = {}): Report {
  const { config, today } = ctx;
  const currency = config.currency;
  const population = reportPopulation(clients, options);
  const stages: StageDef[] = config.stages;
  const openStages = stages.filter((s) => !s.closed);
  const openIndex = new Map(openStages.map((s, i) => [s.id.toLowerCase(), i]));
  const lostIds = new Set(stages.filter((s) => s.outcome === 'lost').map((s) => s.id.toLowerCase()));
  const funnel: FunnelStage[] = stages.map((s) => ({
    id: s.id,
    label: s.label,
    closed: s.closed,
    ...(s.outcome ? { outcome: s.outcome } : {}),
    count: 0,
    value: 0,
    ...(!s.closed || s.outcome === 'won' ? { reached: 0 } : {}),
    lostHere: 0,
    ...(s.probability !== undefined ? { probability: s.probability } : {}),
  }));
  const byId = new Map(funnel.map((f) => [f.id.toLowerCase(), f]));
  const report: Report = {
    today,
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    currency,
    clients: population.length,
    otherCurrency: 0,
    funnel,
    outsideFunnel: 0,
    won: { deals: 0, value: 0, daysToWin: { deals: 0 } },
    lost: { deals: 0, reasons: [], unknownStage: 0 },
    months: [],
    sources: [],
    owners: [],
    stale: { total: 0, byStage: [] },
    invoices: { unpaid: { count: 0, total: 0 }, overdue: { count: 0, total: 0 } },
    forecast: { total: 0, stages: [] },
    campaigns: campaignsByMonth(options.campaigns ?? []),
    time: timeReport(population, ctx),
    services: serviceReport(population, ctx, options.catalog ?? []),
  };
  const reachedCounts = new Array<number>(openStages.length).fill(0);
  const reasons = new Map<string, number>();
  const months = new Map<string, MonthRow>();
  const month = (key: string): MonthRow => {
    let row = months.get(key);
    if (!row) months.set(key, (row = { month: key, won: 0, wonValue: 0, paid: 0 }));
    return row;
  };
  const sources = new Map<string, GroupRow>();
  const owners = new Map<string, GroupRow>();
  const staleByStage = new Map<string, number>();
  const daysToWin: number[] = [];
  const ids = new Set<string>();

  for (const client of population) {
    ids.add(client.id);
    const rows = ([[sources, 'source'], [owners, 'owner']] as const).map(([map, field]) => {
      const key = recordString(client, field) ?? NO_KEY;
      let row = map.get(key);
      if (!row) map.set(key, (row = { key, clients: 0, won: 0, wonValue: 0, lost: 0 }));
      row.clients++;
      return row;
    });
    for (const order of ctx.orders(client)) {
      if (order.amount === undefined || order.date === undefined) continue;
      if ((options.from || options.to) && !inRange(order.date, options.from, options.to)) continue;
      const orderCurrency = recordCurrency(order.invoice ?? client, config);
      if (orderCurrency === currency) month(order.date.slice(0, 7)).paid += order.amount;
    }
    // The funnel counts deals: one per record without `deals:`, one per item with it.
    for (const record of recordDeals(client)) countDeal(record, rows);
  }

  function countDeal(record: CrmRecord, rows: readonly GroupRow[]): void {
    const def = funnelStage(record, config);
    const entry = def ? byId.get(def.id.toLowerCase()) : undefined;
    const value = recordValue(record);
    const ownCurrency = recordCurrency(record, config) === currency;
    if (value !== undefined && !ownCurrency) report.otherCurrency++;
    const money = value !== undefined && ownCurrency ? value : 0;
    const won = def?.outcome === 'won';
    const lost = def?.outcome === 'lost';
    for (const row of rows) {
      if (won) {
        row.won++;
        row.wonValue += money;
      } else if (lost) row.lost++;
    }
    if (!entry || !def) {
      report.outsideFunnel++;
      return;
    }
    entry.count++;
    entry.value += money;

    let reachedUpTo = -1;
    if (!def.closed) reachedUpTo = openIndex.get(def.id.toLowerCase())!;
    else if (won) {
      reachedUpTo = openStages.length - 1;
      entry.reached!++;
      report.won.deals++;
      report.won.value += money;
      const wonOn = record.data.stage_since;
      if (isoToDayNumber(wonOn) !== undefined) {
        const row = month(String(wonOn).slice(0, 7));
        row.won++;
        row.wonValue += money;
        const days = isoToDayNumber(wonOn)! - (isoToDayNumber(record.data.created) ?? Number.NaN);
        if (days >= 0) daysToWin.push(days);
      }
    } else if (lost) {
      report.lost.deals++;
      const reason = recordString(record, 'lost_reason') ?? NO_KEY;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      const from = lostFromStage(record, lostIds);
      const index = from === undefined ? undefined : openIndex.get(from.toLowerCase());
      if (index === undefined) {
        report.lost.unknownStage++;
        reachedUpTo = openStages.length > 0 ? 0 : -1;
      } else {
        reachedUpTo = index;
        byId.get(openStages[index]!.id.toLowerCase())!.lostHere++;
      }
    }
    for (let i = 0; i <= reachedUpTo; i++) reachedCounts[i]!++;
    if (!def.closed && isStaleDeal(record, config, today)) {
      report.stale.total++;
      staleByStage.set(def.id, (staleByStage.get(def.id) ?? 0) + 1);
    }
  }

  openStages.forEach((s, i) => {
    const entry = byId.get(s.id.toLowerCase())!;
    entry.reached = reachedCounts[i]!;
    const next = i + 1 < openStages.length ? reachedCounts[i + 1]! : report.won.deals;
    if (entry.reached > 0) entry.conversion = round2(next / entry.reached);
  });
  report.won.value = round2(report.won.value);
  if (report.won.deals > 0) report.won.average = round2(report.won.value / report.won.deals);
  report.won.daysToWin = { deals: daysToWin.length, ...(daysToWin.length > 0 ? { median: median(daysToWin)!, average: round2(daysToWin.reduce((a, b) => a + b, 0) / daysToWin.length) } : {}) };
  report.lost.reasons = [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
  report.months = [...months.values()].sort((a, b) => a.month.localeCompare(b.month)).map((m) => ({ ...m, wonValue: round2(m.wonValue), paid: round2(m.paid) }));
  report.sources = groupRows(sources);
  report.owners = groupRows(owners);
  report.stale.byStage = openStages.flatMap((s) => (staleByStage.has(s.id) ? [{ stage: s.id, count: staleByStage.get(s.id)! }] : []));
  for (const f of funnel) f.value = round2(f.value);

  for (const invoice of invoices) {
    const client = invoice.data.client;
    // The population's invoices: a segment's report shows what its clients owe.
    if (typeof client !== 'string' || !ids.has(client)) continue;
    if (invoiceStatus(invoice) !== 'sent') continue;
    const total = typeof invoice.data.total === 'number' && Number.isFinite(invoice.data.total) ? invoice.data.total : 0;
    const amount = recordCurrency(invoice, config) === currency ? total : 0;
    report.invoices.unpaid.count++;
    report.invoices.unpaid.total += amount;
    if (isOverdueInvoice(invoice, today)) {
      report.invoices.overdue.count++;
      report.invoices.overdue.total += amount;
    }
  }
  report.invoices.unpaid.total = round2(report.invoices.unpaid.total);
  report.invoices.overdue.total = round2(report.invoices.overdue.total);

  for (const f of funnel) {
    if (f.closed || f.probability === undefined) continue;
    const weighted = round2(f.value * f.probability);
    report.forecast.stages.push({ stage: f.id, value: f.value, probability: f.probability, weighted });
    report.forecast.total += weighted;
  }
  report.forecast.total = round2(report.forecast.total);
  return report;
}
