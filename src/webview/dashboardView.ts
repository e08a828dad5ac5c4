// The dashboard's markup from a report (PRODUCT.md §4, Dashboard): cards, the funnel, won and paid
// by month, sources, owners, lost reasons. Pure string building, so it is tested in Node and runs
// unchanged in the webview. Every value that comes from records (stage labels, sources, owners,
// reasons) goes through `escapeHtml`; charts are inline SVG whose sizes are attributes, so the
// strict CSP needs no inline styles. Each bar is a focusable button-like element that names its
// clients (`data-kind`, `data-key`) for the click-to-list handler.
import { formatMoney, formatNumber } from '../core/money';
import type { PlanMonthRow } from '../core/reports/plan';
import type { GroupRow, MonthRow, Report } from '../core/reports/report';
import { formatHours } from '../core/time/timeLog';

/** The texts of the dashboard; the extension passes them translated. */
export const DEFAULT_LABELS = {
  title: 'Plain CRM dashboard',
  clients: 'Clients',
  wonDeals: 'Won deals',
  averageDeal: 'Average deal',
  daysToDeal: 'Days to a deal (median)',
  stale: 'Stale',
  unpaid: 'Unpaid invoices',
  overdue: 'Overdue invoices',
  forecast: 'Forecast',
  funnel: 'Funnel',
  reached: 'reached',
  conversion: 'to next stage',
  lostHere: 'lost here',
  months: 'Won and paid by month',
  won: 'won',
  paid: 'paid',
  sources: 'By source',
  owners: 'By owner',
  lostReasons: 'Lost reasons',
  winRate: 'win rate',
  none: 'none',
  noData: 'No data for this filter.',
  segment: 'Clients',
  allClients: 'All clients',
  from: 'Created from',
  to: 'to',
  otherCurrency: 'In another currency (counted, not summed): {0}',
  outsideFunnel: 'Not in the funnel (unknown stage or another pipeline): {0}',
  showClients: 'Show the clients',
  campaigns: 'Campaigns by month',
  recipients: 'recipients',
  planTitle: 'This month: plan against actual',
  planRevenue: 'Revenue',
  planWon: 'Won: {0} of {1}',
  planDeals: 'Deals won / plan',
  planPaid: 'Paid this month',
  ownerForecast: 'forecast {0}',
  time: 'Time',
  hours: '{0} h',
  hoursThisMonth: 'Hours this month',
  unbilledHours: 'Unbilled hours',
  rateThisMonth: 'Effective rate this month',
  perHour: '{0}/h',
};
export type DashboardLabels = typeof DEFAULT_LABELS;

export interface DashboardFilter {
  /** A segment name; empty for all clients. */
  segment: string;
  from: string;
  to: string;
}

export interface DashboardInput {
  report: Report;
  labels: DashboardLabels;
  locale: string;
  segments: readonly string[];
  filter: DashboardFilter;
  /** An error to show instead of the report (a segment whose query does not parse). */
  error?: string;
}

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML content and quoted attribute values. */
export function escapeHtml(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);
}

const fill = (template: string, value: number | string, second: number | string = ''): string => template.replace('{0}', String(value)).replace('{1}', String(second));

/** The last 12 calendar months up to today's, with empty ones filled in. */
export function lastMonths(months: readonly MonthRow[], today: string, count = 12): MonthRow[] {
  const byMonth = new Map(months.map((m) => [m.month, m]));
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const out: MonthRow[] = [];
  for (let i = 0; i < count; i++) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.unshift(byMonth.get(key) ?? { month: key, won: 0, wonValue: 0, paid: 0 });
    if (--month === 0) {
      month = 12;
      year--;
    }
  }
  return out;
}

interface Bar {
  label: string;
  value: number;
  text: string;
  kind: string;
  key: string;
  aria: string;
}

/** Horizontal bars: a label column, the bar, and its figure; one focusable row per bar. */
function horizontalBars(bars: readonly Bar[], cls: string): string {
  if (bars.length === 0) return '';
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 26;
  const rows = bars.map((b, i) => {
    const width = Math.max(b.value > 0 ? 0.5 : 0, (b.value / max) * 100);
    return (
      `<g class="bar ${cls}" tabindex="0" role="button" data-kind="${escapeHtml(b.kind)}" data-key="${escapeHtml(b.key)}" aria-label="${escapeHtml(b.aria)}" transform="translate(0 ${i * rowHeight})">` +
      `<title>${escapeHtml(b.aria)}</title>` +
      `<text class="bar-label" x="0" y="17">${escapeHtml(b.label)}</text>` +
      `<svg x="36%" y="0" width="44%" height="${rowHeight}" overflow="visible"><rect class="bar-fill" x="0" y="4" width="${width.toFixed(2)}%" height="18" rx="2"></rect></svg>` +
      `<text class="bar-value" x="100%" y="17" text-anchor="end">${escapeHtml(b.text)}</text>` +
      '</g>'
    );
  });
  return `<svg class="chart hbars" width="100%" height="${bars.length * rowHeight}" role="group">${rows.join('')}</svg>`;
}

function card(label: string, value: string, kind?: string, key?: string): string {
  const attrs = kind ? ` tabindex="0" role="button" data-kind="${escapeHtml(kind)}" data-key="${escapeHtml(key ?? '')}"` : '';
  return `<div class="card${kind ? ' bar' : ''}"${attrs}><div class="card-value">${escapeHtml(value)}</div><div class="card-label">${escapeHtml(label)}</div></div>`;
}

function monthChart(months: readonly MonthRow[], input: DashboardInput): string {
  const { labels, locale, report } = input;
  const max = Math.max(1, ...months.map((m) => Math.max(m.wonValue, m.paid)));
  const slot = 100 / months.length;
  const bars = months.map((m, i) => {
    const x = i * slot;
    const wonH = (m.wonValue / max) * 80;
    const paidH = (m.paid / max) * 80;
    const aria = `${m.month}: ${labels.won} ${formatNumber(m.won, locale)}, ${formatMoney(m.wonValue, report.currency, locale)}; ${labels.paid} ${formatMoney(m.paid, report.currency, locale)}`;
    return (
      `<g class="bar month" tabindex="0" role="button" data-kind="month" data-key="${escapeHtml(m.month)}" aria-label="${escapeHtml(aria)}"><title>${escapeHtml(aria)}</title>` +
      `<rect class="bar-fill won" x="${(x + slot * 0.12).toFixed(2)}%" y="${(85 - wonH).toFixed(2)}%" width="${(slot * 0.36).toFixed(2)}%" height="${wonH.toFixed(2)}%"></rect>` +
      `<rect class="bar-fill paid" x="${(x + slot * 0.5).toFixed(2)}%" y="${(85 - paidH).toFixed(2)}%" width="${(slot * 0.36).toFixed(2)}%" height="${paidH.toFixed(2)}%"></rect>` +
      `<text class="axis" x="${(x + slot / 2).toFixed(2)}%" y="97%" text-anchor="middle">${escapeHtml(m.month.slice(2))}</text></g>`
    );
  });
  const legend = `<div class="legend"><span class="swatch won"></span>${escapeHtml(labels.won)} <span class="swatch paid"></span>${escapeHtml(labels.paid)}</div>`;
  return `<svg class="chart months" width="100%" height="180" role="group">${bars.join('')}</svg>${legend}`;
}

function groupBars(rows: readonly GroupRow[], kind: string, input: DashboardInput): string {
  const { labels, locale, report } = input;
  return horizontalBars(
    rows.map((r) => {
      const rate = r.winRate === undefined ? '' : ` · ${labels.winRate} ${Math.round(r.winRate * 100)}%`;
      const text = `${formatNumber(r.clients, locale)} · ${labels.won} ${formatNumber(r.won, locale)}${rate}`;
      const key = r.key === '—' ? '' : r.key;
      return { label: r.key === '—' ? labels.none : r.key, value: r.clients, text, kind, key, aria: `${r.key === '—' ? labels.none : r.key}: ${text}, ${formatMoney(r.wonValue, report.currency, locale)}` };
    }),
    kind,
  );
}

/** A progress bar against a plan: the track is the plan, the fill what was won (full past 100%). */
function progress(label: string, actual: number, planned: number | undefined, text: string, kind?: string, key?: string): string {
  const width = planned !== undefined && planned > 0 ? Math.min(100, (actual / planned) * 100) : 0;
  const attrs = kind ? ` tabindex="0" role="button" data-kind="${escapeHtml(kind)}" data-key="${escapeHtml(key ?? '')}"` : '';
  const aria = `${label}: ${text}`;
  return (
    `<div class="plan-row${kind ? ' bar' : ''}"${attrs} aria-label="${escapeHtml(aria)}"><span class="plan-label">${escapeHtml(label)}</span>` +
    `<svg class="chart progress" width="100%" height="14" role="presentation"><rect class="track" x="0" y="2" width="100%" height="10" rx="2"></rect><rect class="bar-fill won" x="0" y="2" width="${width.toFixed(2)}%" height="10" rx="2"></rect></svg>` +
    `<span class="plan-value">${escapeHtml(text)}</span></div>`
  );
}

/** "This month: plan against actual": won against the plan, deals, paid, the forecast, per owner. */
function planSection(month: PlanMonthRow, input: DashboardInput): string {
  const { labels, locale, report } = input;
  const money = (n: number): string => formatMoney(n, report.currency, locale);
  const percent = (share: number | undefined): string => (share === undefined ? '' : ` (${formatNumber(Math.round(share * 100), locale)}%)`);
  const planned = (n: number | undefined): string => (n === undefined ? '—' : money(n));
  const parts = [`<section class="plan"><h2>${escapeHtml(labels.planTitle)} · ${escapeHtml(month.month)}</h2>`];
  parts.push(progress(labels.planRevenue, month.wonValue, month.plan.revenue, `${fill(labels.planWon, money(month.wonValue), planned(month.plan.revenue))}${percent(month.revenueShare)}`, 'month', month.month));
  parts.push(
    '<div class="cards">',
    card(labels.planDeals, `${formatNumber(month.won, locale)} / ${month.plan.deals === undefined ? '—' : formatNumber(month.plan.deals, locale)}${percent(month.dealsShare)}`),
    card(labels.planPaid, money(month.paid)),
    ...(month.forecast !== undefined ? [card(labels.forecast, money(month.forecast), 'open', '')] : []),
    '</div>',
  );
  for (const owner of month.owners) {
    const name = owner.owner === '—' ? labels.none : owner.owner;
    const forecast = owner.forecast ? ` · ${fill(labels.ownerForecast, money(owner.forecast))}` : '';
    parts.push(progress(name, owner.wonValue, owner.plan, `${fill(labels.planWon, money(owner.wonValue), planned(owner.plan))}${percent(owner.share)}${forecast}`, 'planOwner', owner.owner === '—' ? '' : owner.owner));
  }
  parts.push('</section>');
  return parts.join('');
}

/** Time: this month's hours, the hours not billed yet, and this month's effective rate. */
function timeSection(input: DashboardInput): string {
  const { labels, locale, report } = input;
  const time = report.time;
  const rate = time.thisMonth.rate === undefined ? '—' : fill(labels.perHour, formatMoney(time.thisMonth.rate, report.currency, locale));
  return (
    `<section class="time"><h2>${escapeHtml(labels.time)} · ${escapeHtml(time.thisMonth.month)}</h2><div class="cards">` +
    card(labels.hoursThisMonth, fill(labels.hours, formatHours(time.thisMonth.minutes))) +
    card(labels.unbilledHours, fill(labels.hours, formatHours(time.unbilledMinutes))) +
    card(labels.rateThisMonth, rate) +
    '</div></section>'
  );
}

function filterBar(input: DashboardInput): string {
  const { labels, segments, filter } = input;
  const options = [`<option value=""${filter.segment === '' ? ' selected' : ''}>${escapeHtml(labels.allClients)}</option>`, ...segments.map((s) => `<option value="${escapeHtml(s)}"${s === filter.segment ? ' selected' : ''}>${escapeHtml(s)}</option>`)];
  return (
    '<form class="filter" id="filter">' +
    `<label>${escapeHtml(labels.segment)} <select name="segment">${options.join('')}</select></label>` +
    `<label>${escapeHtml(labels.from)} <input type="date" name="from" value="${escapeHtml(filter.from)}"></label>` +
    `<label>${escapeHtml(labels.to)} <input type="date" name="to" value="${escapeHtml(filter.to)}"></label>` +
    '</form>'
  );
}

/** The whole dashboard body (without the document shell, which holds the CSP and the script). */
export function renderDashboard(input: DashboardInput): string {
  const { report, labels, locale } = input;
  const money = (n: number): string => formatMoney(n, report.currency, locale);
  const num = (n: number): string => formatNumber(n, locale);
  const parts: string[] = [`<h1>${escapeHtml(labels.title)}</h1>`, filterBar(input)];
  if (input.error !== undefined) return `${parts.join('')}<p class="error" role="alert">${escapeHtml(input.error)}</p>`;
  if (report.clients === 0) return `${parts.join('')}<p class="empty">${escapeHtml(labels.noData)}</p>`;
  const days = report.won.daysToWin.median;
  parts.push(
    '<section class="cards">',
    card(labels.clients, num(report.clients)),
    card(labels.wonDeals, `${num(report.won.deals)} · ${money(report.won.value)}`, 'won', ''),
    card(labels.averageDeal, report.won.average === undefined ? '—' : money(report.won.average)),
    card(labels.daysToDeal, days === undefined ? '—' : num(days)),
    card(labels.stale, num(report.stale.total), 'stale', ''),
    card(labels.unpaid, `${num(report.invoices.unpaid.count)} · ${money(report.invoices.unpaid.total)}`, 'unpaid', ''),
    card(labels.overdue, `${num(report.invoices.overdue.count)} · ${money(report.invoices.overdue.total)}`, 'overdue', ''),
    card(labels.forecast, money(report.forecast.total), 'open', ''),
    '</section>',
  );
  const planMonth = report.plan?.months.find((m) => m.month === report.plan!.currentMonth);
  if (planMonth) parts.push(planSection(planMonth, input));
  if (report.time.minutes > 0) parts.push(timeSection(input));
  const funnelBars = report.funnel.map((f) => {
    const extra = [
      f.reached === undefined ? '' : `${labels.reached} ${num(f.reached)}`,
      f.conversion === undefined ? '' : `${labels.conversion} ${Math.round(f.conversion * 100)}%`,
      f.closed || f.lostHere === 0 ? '' : `${labels.lostHere} ${num(f.lostHere)}`,
    ].filter(Boolean);
    const text = `${num(f.count)} · ${money(f.value)}`;
    return { label: f.label, value: f.count, text, kind: 'stage', key: f.id, aria: `${f.label}: ${text}${extra.length > 0 ? `; ${extra.join(', ')}` : ''}` };
  });
  parts.push(`<section><h2>${escapeHtml(labels.funnel)}</h2>${horizontalBars(funnelBars, 'stage')}`);
  const notes = report.funnel
    .filter((f) => f.reached !== undefined && !f.closed)
    .map((f) => `<li data-stage="${escapeHtml(f.id)}">${escapeHtml(f.label)}: ${escapeHtml(labels.reached)} ${escapeHtml(num(f.reached!))}${f.conversion === undefined ? '' : `, ${escapeHtml(labels.conversion)} ${Math.round(f.conversion * 100)}%`}${f.lostHere > 0 ? `, ${escapeHtml(labels.lostHere)} ${escapeHtml(num(f.lostHere))}` : ''}</li>`);
  parts.push(`<ul class="conversion">${notes.join('')}</ul>`);
  if (report.otherCurrency > 0) parts.push(`<p class="note">${escapeHtml(fill(labels.otherCurrency, report.otherCurrency))}</p>`);
  if (report.outsideFunnel > 0) parts.push(`<p class="note">${escapeHtml(fill(labels.outsideFunnel, report.outsideFunnel))}</p>`);
  parts.push('</section>');
  parts.push(`<section><h2>${escapeHtml(labels.months)}</h2>${monthChart(lastMonths(report.months, report.today), input)}</section>`);
  if (report.campaigns.length > 0) {
    const campaigns = report.campaigns.slice(-12).map((c) => ({ label: c.month, value: c.campaigns, text: `${num(c.campaigns)} · ${num(c.recipients)} ${labels.recipients}`, kind: 'campaigns', key: c.month, aria: `${c.month}: ${num(c.campaigns)}, ${num(c.recipients)} ${labels.recipients}` }));
    parts.push(`<section><h2>${escapeHtml(labels.campaigns)}</h2>${horizontalBars(campaigns, 'campaigns')}</section>`);
  }
  parts.push('<div class="columns">');
  parts.push(`<section><h2>${escapeHtml(labels.sources)}</h2>${groupBars(report.sources, 'source', input)}</section>`);
  parts.push(`<section><h2>${escapeHtml(labels.owners)}</h2>${groupBars(report.owners, 'owner', input)}</section>`);
  const reasons = report.lost.reasons.map((r) => ({ label: r.reason === '—' ? labels.none : r.reason, value: r.count, text: num(r.count), kind: 'lostReason', key: r.reason === '—' ? '' : r.reason, aria: `${r.reason}: ${num(r.count)}` }));
  parts.push(`<section><h2>${escapeHtml(labels.lostReasons)}</h2>${horizontalBars(reasons, 'lost') || `<p class="empty">${escapeHtml(labels.none)}</p>`}</section>`);
  parts.push('</div>');
  return parts.join('');
}
