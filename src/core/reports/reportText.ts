// The report as text for a terminal and as CSV for a spreadsheet (`plain-crm report`). Numbers use
// `en-US` grouping in text (stable in scripts and tests); CSV cells are plain numbers.
import { toCsv } from '../csv';
import { formatNumber } from '../money';
import { formatHours } from '../time/timeLog';
import type { PlanReport } from './plan';
import type { GroupRow, Report } from './report';

const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

const n = (value: number): string => formatNumber(value, 'en-US');
const percent = (share: number | undefined): string => (share === undefined ? '' : `${Math.round(share * 100)}%`);

/** Columns padded to their widest cell; numbers right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,%×\s]*$/.test(r[i]!)));
  const line = (cells: string[]): string => cells.map((c, i) => (numeric[i] && i > 0 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function groupTable(title: string, rows: readonly GroupRow[]): string[] {
  return table([title, 'clients', 'won', 'won value', 'lost', 'win rate'], rows.map((r) => [r.key, n(r.clients), n(r.won), n(r.wonValue), n(r.lost), percent(r.winRate)]));
}

/** A row per planned month and, under it, one per owner: plan, won, share of the plan, paid, forecast. */
function planTable(plan: PlanReport): string[] {
  const money = (value: number | undefined): string => (value === undefined ? '' : n(value));
  const rows = plan.months.flatMap((m) => [
    [m.month, money(m.plan.revenue), n(m.wonValue), percent(m.revenueShare), money(m.plan.deals), n(m.won), n(m.paid), money(m.forecast)],
    ...m.owners.map((o) => [`  ${o.owner}`, money(o.plan), n(o.wonValue), percent(o.share), '', n(o.won), n(o.paid), money(o.forecast)]),
  ]);
  const note = `plan against actual: won by stage_since, paid by paid_on; the forecast (open deals × stage probability) counts in ${plan.currentMonth}`;
  return [note, ...table(['plan', 'revenue plan', 'won value', 'of plan', 'deals plan', 'won', 'paid', 'forecast'], rows)];
}

export function reportText(report: Report): string {
  const out: string[] = [];
  const range = report.from || report.to ? `; created ${report.from ?? '…'} – ${report.to ?? '…'}` : '';
  out.push(`Report for ${report.today}: ${n(report.clients)} clients${range}; values in ${report.currency}${report.otherCurrency > 0 ? ` (${report.otherCurrency} in other currencies are counted, not summed)` : ''}`);
  out.push('');
  out.push(
    ...table(
      ['stage', 'now', 'value', 'reached', 'to next', 'lost here'],
      report.funnel.map((f) => [f.label === f.id ? f.id : `${f.id} (${f.label})`, n(f.count), n(f.value), f.reached === undefined ? '' : n(f.reached), percent(f.conversion), f.closed ? '' : n(f.lostHere)]),
    ),
  );
  if (report.outsideFunnel > 0) out.push(`not in the funnel (unknown stage or another pipeline): ${report.outsideFunnel}`);
  out.push('');
  const w = report.won;
  const days = w.daysToWin.median === undefined ? '' : `; days from creation to the deal: median ${n(w.daysToWin.median)}, average ${n(w.daysToWin.average!)} (${w.daysToWin.deals} deals)`;
  out.push(`won: ${n(w.deals)} deals, ${n(w.value)}${w.average === undefined ? '' : `; average deal ${n(w.average)}`}${days}`);
  const reasons = report.lost.reasons.map((r) => `${r.reason} ${r.count}`).join(', ');
  out.push(`lost: ${n(report.lost.deals)} deals${reasons ? `; reasons: ${reasons}` : ''}${report.lost.unknownStage > 0 ? `; lost from an unknown stage: ${report.lost.unknownStage}` : ''}`);
  out.push(`stale: ${n(report.stale.total)}${report.stale.byStage.length > 0 ? ` (${report.stale.byStage.map((s) => `${s.stage} ${s.count}`).join(', ')})` : ''}`);
  const inv = report.invoices;
  out.push(`unpaid invoices: ${inv.unpaid.count}, ${n(inv.unpaid.total)}; overdue: ${inv.overdue.count}, ${n(inv.overdue.total)}`);
  out.push(`forecast: ${n(report.forecast.total)}${report.forecast.stages.length > 0 ? ` (${report.forecast.stages.map((s) => `${s.stage} ${n(s.value)} × ${s.probability}`).join(', ')})` : ' (no stage has a probability in the config)'}`);
  if (report.months.length > 0) {
    out.push('', ...table(['month', 'won', 'won value', 'paid'], report.months.map((m) => [m.month, n(m.won), n(m.wonValue), n(m.paid)])));
  }
  if (report.sources.length > 0) out.push('', ...groupTable('source', report.sources));
  if (report.owners.length > 0) out.push('', ...groupTable('owner', report.owners));
  if (report.campaigns.length > 0) {
    out.push('', ...table(['campaign month', 'campaigns', 'recipients'], report.campaigns.map((c) => [c.month, n(c.campaigns), n(c.recipients)])));
  }
  if (report.plan) out.push('', ...planTable(report.plan));
  if (report.time.minutes > 0) {
    out.push('', `time logged: ${formatHours(report.time.minutes)} h`);
    const month = report.time.thisMonth;
    out.push(`unbilled: ${formatHours(report.time.unbilledMinutes)} h; ${month.month}: ${formatHours(month.minutes)} h, paid ${n(month.revenue)}, per hour ${month.rate === undefined ? '—' : n(month.rate)}`);
    out.push(...table(['time month', 'hours'], report.time.months.map((m) => [m.month, formatHours(m.minutes)])));
    out.push('', ...table(['client', 'hours', 'revenue', 'per hour'], report.time.clients.map((c) => [c.name, formatHours(c.minutes), n(c.revenue), n(c.rate)])));
  }
  if (report.services.length > 0) {
    out.push('', ...table(['service', 'orders', 'revenue', 'hours'], report.services.map((s) => [`${s.id} (${s.name})`, n(s.orders), n(s.revenue), formatHours(s.minutes)])));
  }
  return `${out.join('\n')}\n`;
}

export const REPORT_CSV_HEADER = ['section', 'key', 'label', 'count', 'value', 'reached', 'conversion', 'lost', 'won', 'won_value', 'win_rate', 'paid', 'probability', 'hours', 'rate'];

/** One table for a spreadsheet: a row per funnel stage, month, source, owner, lost reason and total. */
export function reportCsv(report: Report, options: { bom?: boolean } = {}): string {
  const rows: unknown[][] = [];
  const row = (values: Partial<Record<(typeof REPORT_CSV_HEADER)[number], unknown>>): void => void rows.push(REPORT_CSV_HEADER.map((h) => values[h]));
  for (const f of report.funnel) row({ section: 'funnel', key: f.id, label: f.label, count: f.count, value: f.value, reached: f.reached, conversion: f.conversion, lost: f.closed ? undefined : f.lostHere });
  row({ section: 'won', key: 'total', count: report.won.deals, value: report.won.value });
  for (const r of report.lost.reasons) row({ section: 'lost_reason', key: r.reason, count: r.count });
  for (const m of report.months) row({ section: 'month', key: m.month, won: m.won, won_value: m.wonValue, paid: m.paid });
  for (const c of report.campaigns) row({ section: 'campaigns', key: c.month, count: c.campaigns, value: c.recipients });
  for (const [section, list] of [['source', report.sources], ['owner', report.owners]] as const) {
    for (const r of list) row({ section, key: r.key, count: r.clients, won: r.won, won_value: r.wonValue, lost: r.lost, win_rate: r.winRate });
  }
  for (const s of report.stale.byStage) row({ section: 'stale', key: s.stage, count: s.count });
  row({ section: 'invoices', key: 'unpaid', count: report.invoices.unpaid.count, value: report.invoices.unpaid.total });
  row({ section: 'invoices', key: 'overdue', count: report.invoices.overdue.count, value: report.invoices.overdue.total });
  for (const s of report.forecast.stages) row({ section: 'forecast', key: s.stage, value: s.weighted, probability: s.probability });
  row({ section: 'forecast', key: 'total', value: report.forecast.total });
  for (const m of report.time.months) row({ section: 'time_month', key: m.month, hours: hoursOf(m.minutes) });
  for (const c of report.time.clients) row({ section: 'time_client', key: c.id, label: c.name, value: c.revenue, hours: hoursOf(c.minutes), rate: c.rate });
  for (const s of report.services) row({ section: 'service', key: s.id, label: s.name, count: s.orders, value: s.revenue, hours: hoursOf(s.minutes) });
  return toCsv(REPORT_CSV_HEADER, rows, options);
}
