// The sales plan against actual (issue 19): for each month of `plan:` in the config, the revenue
// and deals planned, what was won (deals in a won stage, dated by `stage_since`, as the report's
// months), what was paid (paid invoices and purchases dated in the month, as the report's
// months), per owner (the client's `owner:`), and the forecast.
//
// The figures are the report's own (`buildReport`), for the clients of each owner: no second
// definition of "won in a month", "paid in a month" or "weighted pipeline". The data contract has
// no expected close date, so the forecast (open deals' value × their stage's probability) is the
// whole open pipeline, counted in the current month only: past months have no forecast, later ones
// none yet.
import type { ComputeContext } from '../computed';
import type { CrmRecord } from '../model';
import { recordString } from '../recordFields';
import { buildReport, type MonthRow, type Report, type ReportOptions } from './report';

/** Actual figures of a month (or one owner's share of it), as the report counts them. */
export interface PlanActual {
  /** Deals won in the month and their value in the default currency. */
  won: number;
  wonValue: number;
  /** Paid invoices and purchases dated in the month. */
  paid: number;
  /** The weighted open pipeline: the current month only. */
  forecast?: number;
}

export interface PlanOwnerRow extends PlanActual {
  /** The owner as records write it (lower-cased); `—` for clients without one. */
  owner: string;
  /** `by_owner` revenue for the owner, when the plan names them. */
  plan?: number;
  /** wonValue ÷ plan (2 decimals), when the plan is above 0. */
  share?: number;
}

export interface PlanMonthRow extends PlanActual {
  /** `YYYY-MM`. */
  month: string;
  plan: { revenue?: number; deals?: number };
  /** wonValue ÷ plan.revenue and won ÷ plan.deals (2 decimals), when the plan is above 0. */
  revenueShare?: number;
  dealsShare?: number;
  /** Owners the month's plan names, then others with a won deal, a payment or a forecast. */
  owners: PlanOwnerRow[];
}

export interface PlanReport {
  /** Today's month: the one with a forecast, the one the dashboard shows. */
  currentMonth: string;
  currency: string;
  /** The planned months, in order. */
  months: PlanMonthRow[];
}

const NO_OWNER = '—';
const round2 = (n: number): number => Math.round(n * 100) / 100;
const share = (actual: number, plan: number | undefined): number | undefined => (plan !== undefined && plan > 0 ? round2(actual / plan) : undefined);

function actual(report: Report, month: string, current: boolean): PlanActual {
  const row: MonthRow | undefined = report.months.find((m) => m.month === month);
  return { won: row?.won ?? 0, wonValue: row?.wonValue ?? 0, paid: row?.paid ?? 0, ...(current ? { forecast: report.forecast.total } : {}) };
}

/**
 * Plan against actual for each month of `config.plan`, over the clients given (the report's
 * population: a segment or query, and the same created-from/to cohort); undefined without a plan.
 * `report` is the report already built over the same clients and options, when the caller has it.
 */
export function buildPlan(clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext, options: ReportOptions = {}, report?: Report): PlanReport | undefined {
  const plan = ctx.config.plan;
  if (!plan) return undefined;
  // Campaigns are no part of the plan.
  const reportOptions: ReportOptions = { ...(options.from !== undefined ? { from: options.from } : {}), ...(options.to !== undefined ? { to: options.to } : {}) };
  const currentMonth = ctx.today.slice(0, 7);
  const whole = report ?? buildReport(clients, invoices, ctx, reportOptions);
  const byOwner = new Map<string, CrmRecord[]>();
  for (const client of clients) {
    const owner = recordString(client, 'owner')?.toLowerCase() ?? NO_OWNER;
    let list = byOwner.get(owner);
    if (!list) byOwner.set(owner, (list = []));
    list.push(client);
  }
  const ownerReports = new Map([...byOwner].map(([owner, list]) => [owner, buildReport(list, invoices, ctx, reportOptions)]));
  const months = Object.entries(plan).map(([month, target]): PlanMonthRow => {
    const current = month === currentMonth;
    const totals = actual(whole, month, current);
    const owners: PlanOwnerRow[] = [];
    const planned = new Set(Object.keys(target.by_owner));
    for (const owner of [...planned, ...[...ownerReports.keys()].filter((o) => !planned.has(o)).sort()]) {
      const ownerReport = ownerReports.get(owner);
      const figures: PlanActual = ownerReport ? actual(ownerReport, month, current) : { won: 0, wonValue: 0, paid: 0, ...(current ? { forecast: 0 } : {}) };
      const ownPlan = target.by_owner[owner];
      if (ownPlan === undefined && figures.won === 0 && figures.paid === 0 && !figures.forecast) continue;
      const ownShare = share(figures.wonValue, ownPlan);
      owners.push({ owner, ...(ownPlan !== undefined ? { plan: ownPlan } : {}), ...figures, ...(ownShare !== undefined ? { share: ownShare } : {}) });
    }
    const revenueShare = share(totals.wonValue, target.revenue);
    const dealsShare = share(totals.won, target.deals);
    return {
      month,
      plan: { ...(target.revenue !== undefined ? { revenue: target.revenue } : {}), ...(target.deals !== undefined ? { deals: target.deals } : {}) },
      ...totals,
      ...(revenueShare !== undefined ? { revenueShare } : {}),
      ...(dealsShare !== undefined ? { dealsShare } : {}),
      owners,
    };
  });
  return { currentMonth, currency: ctx.config.currency, months };
}

/** The report with its `plan` (built over the same clients and options) when the config has one. */
export function withPlan(report: Report, clients: readonly CrmRecord[], invoices: readonly CrmRecord[], ctx: ComputeContext, options: ReportOptions = {}): Report {
  const plan = buildPlan(clients, invoices, ctx, options, report);
  return plan ? { ...report, plan } : report;
}
