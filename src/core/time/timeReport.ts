// The time figures of the report (issue 19): hours logged per month and per client, and each
// client's effective hourly rate, its `revenue` (paid invoices and purchases) over its hours.
import type { ComputeContext } from '../computed';
import type { CrmRecord } from '../model';
import { recordName } from '../recordFields';
import { recordTimeLines } from './timeLog';

export interface TimeReport {
  /** Minutes logged, all clients of the report. */
  minutes: number;
  /** Minutes per month (`YYYY-MM`), in order. */
  months: { month: string; minutes: number }[];
  /** Clients with time, most hours first; `rate` is revenue ÷ hours (2 decimals). */
  clients: { id: string; name: string; minutes: number; revenue: number; rate: number }[];
}

export function timeReport(clients: readonly CrmRecord[], ctx: ComputeContext): TimeReport {
  const months = new Map<string, number>();
  const rows: TimeReport['clients'] = [];
  let total = 0;
  for (const client of clients) {
    let minutes = 0;
    for (const { entry } of recordTimeLines(client)) {
      minutes += entry.minutes;
      const month = entry.date.slice(0, 7);
      months.set(month, (months.get(month) ?? 0) + entry.minutes);
    }
    if (minutes === 0) continue;
    total += minutes;
    const revenue = Math.round(ctx.field(client, 'revenue') * 100) / 100;
    rows.push({ id: client.id, name: recordName(client), minutes, revenue, rate: Math.round((revenue / (minutes / 60)) * 100) / 100 });
  }
  return {
    minutes: total,
    months: [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, minutes]) => ({ month, minutes })),
    clients: rows.sort((a, b) => b.minutes - a.minutes || (a.id < b.id ? -1 : 1)),
  };
}
