// An invoice from a client's unbilled time (issue 19): the time lines without a billed mark
// (optionally of one month) become items at the client's `rate`, else the config's `hourly_rate`:
// one item per service (the `#tag`: a deal's title when it names a deal, else the tag; untagged
// time is "Work") or one item per line. The billed lines get ` → <number>` through the edit
// engine's line edit, so the rest of the file stays byte-identical and a second run bills nothing.
import { recordDeals } from '../deals';
import type { EditOp } from '../edit/recordEdit';
import { invoiceLanguage } from '../generate/invoiceLabels';
import type { InvoiceLine } from '../generate/invoiceTotals';
import { t } from '../i18n';
import type { CrmConfig, CrmRecord } from '../model';
import { lineOf } from '../tasks/taskEdit';
import { markBilled, parseTimeLine, recordTimeLines } from './timeLog';

export type TimeItemsMode = 'per-service' | 'per-line';

export interface TimeInvoiceOptions {
  /** `YYYY-MM`: only this month's time. */
  month?: string;
  mode?: TimeItemsMode;
  config: CrmConfig;
  /** The invoice's locale: the language of "Work" and of the unit. */
  locale: string;
}

export interface TimeInvoicePlan {
  items: InvoiceLine[];
  /** The billed lines: 1-based file line and its text as read. */
  lines: { line: number; raw: string }[];
  minutes: number;
  rate: number;
}

/** `{ plan: undefined }`: nothing to bill. */
export type TimeInvoiceResult = { ok: true; plan: TimeInvoicePlan | undefined } | { ok: false; error: string };

const WORDS = { ru: { work: 'Работы', unit: 'ч' }, en: { work: 'Work', unit: 'h' } } as const;

/** The price of an hour for the client: its `rate`, else the config's `hourly_rate`. */
export function hourlyRate(client: CrmRecord, config: CrmConfig): number | undefined {
  const own = client.data.rate;
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return own;
  return config.hourly_rate;
}

const hours = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

/**
 * What an invoice of the client's unbilled time holds. `text` is the record file's current text:
 * each line to bill must still read as it did when the record was loaded.
 */
export function planTimeInvoice(client: CrmRecord, text: string, options: TimeInvoiceOptions): TimeInvoiceResult {
  const open = recordTimeLines(client).filter(({ entry }) => entry.invoice === undefined && (options.month === undefined || entry.date.startsWith(`${options.month}-`)));
  if (open.length === 0) return { ok: true, plan: undefined };
  const rate = hourlyRate(client, options.config);
  if (rate === undefined) return { ok: false, error: t('no price of an hour for {0}: set `rate:` on the client or `hourly_rate:` in .crm/config.yaml', client.id) };
  const words = WORDS[invoiceLanguage(options.locale)];
  const deals = new Map(recordDeals(client).flatMap((d) => (d.deal ? [[d.deal.id.toLowerCase(), d.deal.title ?? d.deal.id] as const] : [])));
  const lines: TimeInvoicePlan['lines'] = [];
  const groups = new Map<string, { description: string; minutes: number }>();
  let minutes = 0;
  for (const { line, entry } of open) {
    const raw = line > 0 ? lineOf(text, line) : undefined;
    const again = raw === undefined ? undefined : parseTimeLine(raw);
    if (line === 0) return { ok: false, error: t('{0}: the notes are not a literal block (`notes: |`), so time lines cannot be marked as billed', client.file) };
    if (!again || again.date !== entry.date || again.minutes !== entry.minutes || again.invoice !== undefined) {
      return { ok: false, error: t('{0}: line {1} has changed since it was read; save the file and try again', client.file, line) };
    }
    lines.push({ line, raw: raw! });
    minutes += entry.minutes;
    const label = entry.tag === undefined ? words.work : (deals.get(entry.tag.toLowerCase()) ?? entry.tag);
    const key = options.mode === 'per-line' ? `${line}` : label.toLowerCase();
    const description = options.mode === 'per-line' ? `${entry.date} ${entry.text === '' ? label : entry.text}` : label;
    const group = groups.get(key) ?? { description, minutes: 0 };
    group.minutes += entry.minutes;
    groups.set(key, group);
  }
  const items = [...groups.values()].map((g) => ({ description: g.description, qty: hours(g.minutes), price: rate, unit: words.unit }));
  return { ok: true, plan: { items, lines, minutes, rate } };
}

/** The line edits that mark the plan's lines billed on invoice `number`. */
export function markBilledOps(plan: TimeInvoicePlan, number: string): EditOp[] {
  return plan.lines.map(({ line, raw }) => ({ op: 'line', line, expect: raw, text: markBilled(raw, number) }));
}
