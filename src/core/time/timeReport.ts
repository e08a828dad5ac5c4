// The time figures of the report (issue 19): hours logged per month and per client, and each
// client's effective hourly rate, its `revenue` (paid invoices and purchases) over its hours; the
// hours not billed yet; and today's month: its hours, what the clients worked for in it paid in it,
// and that per hour.
import type { ComputeContext } from '../computed';
import type { CrmRecord } from '../model';
import { recordCurrency, recordName } from '../recordFields';
import { recordTimeLines } from './timeLog';

export interface TimeReport {
  /** Minutes logged, all clients of the report. */
  minutes: number;
  /** Minutes per month (`YYYY-MM`), in order. */
  months: { month: string; minutes: number }[];
  /** Clients with time, most hours first; `rate` is revenue ÷ hours (2 decimals). */
  clients: { id: string; name: string; minutes: number; revenue: number; rate: number }[];
  /** Minutes without a billed mark (`→ INV-…`), all months. */
  unbilledMinutes: number;
  /**
   * Today's month: minutes logged in it; `revenue`, the payments dated in it (paid invoices and
   * purchases, default currency) of the clients with time in it; `rate`, revenue ÷ hours.
   */
  thisMonth: { month: string; minutes: number; revenue: number; rate?: number };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** What the client paid in the month (`YYYY-MM`), in the default currency. */
function paidIn(client: CrmRecord, month: string, ctx: ComputeContext): number {
  let paid = 0;
  for (const order of ctx.orders(client)) {
    if (order.amount !== undefined && order.date?.startsWith(month) && recordCurrency(order.invoice ?? client, ctx.config) === ctx.config.currency) paid += order.amount;
  }
  return paid;
}

export function timeReport(clients: readonly CrmRecord[], ctx: ComputeContext): TimeReport {
  const months = new Map<string, number>();
  const rows: TimeReport['clients'] = [];
  let total = 0;
  let unbilled = 0;
  const thisMonth: TimeReport['thisMonth'] = { month: ctx.today.slice(0, 7), minutes: 0, revenue: 0 };
  for (const client of clients) {
    let minutes = 0;
    let monthMinutes = 0;
    for (const { entry } of recordTimeLines(client)) {
      minutes += entry.minutes;
      if (entry.invoice === undefined) unbilled += entry.minutes;
      const month = entry.date.slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + entry.minutes);
      if (month === thisMonth.month) monthMinutes += entry.minutes;
    }
    if (minutes === 0) continue;
    if (monthMinutes > 0) {
      thisMonth.minutes += monthMinutes;
      thisMonth.revenue += paidIn(client, thisMonth.month, ctx);
    }
    total += minutes;
    const revenue = round2(ctx.field(client, 'revenue'));
    rows.push({ id: client.id, name: recordName(client), minutes, revenue, rate: round2(revenue / (minutes / 60)) });
  }
  return {
    minutes: total,
    months: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, minutes]) => ({ month, minutes })),
    clients: rows.sort((a, b) => b.minutes - a.minutes || (a.id < b.id ? -1 : 1)),
    unbilledMinutes: unbilled,
    thisMonth: { ...thisMonth, revenue: round2(thisMonth.revenue), ...(thisMonth.minutes > 0 ? { rate: round2(thisMonth.revenue / (thisMonth.minutes / 60)) } : {}) },
  };
}
