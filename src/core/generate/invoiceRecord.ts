// A new invoice as a record file: front matter that lint, queries and revenue read (PRODUCT.md §9:
// number, client, date, due, status, currency, items, tax, total) and a Markdown body a person can
// read in any viewer, formatted for the locale. Values from client records are escaped for the
// Markdown table, so a `|` or `<script>` in a name stays text.
import { addToIsoDate } from '../dates';
import { stringifyNumber, stringifyString } from '../edit/yamlScalar';
import type { CrmConfig, CrmRecord } from '../model';
import { formatMinor } from '../money';
import { recordName, recordString } from '../recordFields';
import { formatDocumentDate, INVOICE_LABELS, invoiceLanguage } from './invoiceLabels';
import { nextInvoiceNumber } from './invoiceNumber';
import { fromMinor, invoiceTotals, toMinor, type InvoiceLine } from './invoiceTotals';

export interface InvoiceDraft {
  number: string;
  client: CrmRecord;
  /** Issue date, YYYY-MM-DD. */
  date: string;
  due: string;
  currency: string;
  items: InvoiceLine[];
  /** Percent, for items without their own rate. */
  tax: number;
}


/** Text for a cell of a Markdown table or a line of Markdown: no pipes, no tags, one line. */
export function markdownText(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}


/** Where the invoice goes: `invoices/<year>/<number>.md`, the number made safe for a file name. */
export function invoiceFile(config: CrmConfig, draft: Pick<InvoiceDraft, 'number' | 'date'>): string {
  const safe = draft.number.replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^[-.]+|[-.]+$/g, '') || 'invoice';
  return `${config.folders.invoices}/${draft.date.slice(0, 4)}/${safe}.md`;
}

export function invoiceRecordText(draft: InvoiceDraft, config: CrmConfig, locale: string): string {
  const totals = invoiceTotals(draft.items, draft.tax);
  const l = INVOICE_LABELS[invoiceLanguage(locale)];
  const money = (minor: number): string => formatMinor(minor, draft.currency, locale);
  const item = (line: InvoiceLine): string => {
    const parts = [`description: ${stringifyString(line.description, 'flow', 'double')}`];
    if (line.item !== undefined) parts.push(`item: ${stringifyString(line.item, 'flow')}`);
    parts.push(`qty: ${stringifyNumber(line.qty)}`, `price: ${stringifyNumber(line.price)}`);
    if (line.unit !== undefined) parts.push(`unit: ${stringifyString(line.unit, 'flow')}`);
    if (line.tax !== undefined) parts.push(`tax: ${stringifyNumber(line.tax)}`);
    return `  - { ${parts.join(', ')} }`;
  };
  const front = [
    '---',
    `number: ${stringifyString(draft.number, 'block')}`,
    `client: ${stringifyString(draft.client.id, 'block')}`,
    `date: ${draft.date}`,
    `due: ${draft.due}`,
    'status: draft',
    `currency: ${stringifyString(draft.currency, 'block')}`,
    'items:',
    ...draft.items.map(item),
    `tax: ${stringifyNumber(draft.tax)}`,
    `total: ${stringifyNumber(fromMinor(totals.total))}`,
    '---',
  ];
  // A company record is named after the company: say it once. Its INN/KPP follow, as the seller's do.
  const buyer = [...new Set([recordString(draft.client, 'company'), recordName(draft.client)].filter((s): s is string => s !== undefined))];
  const requisites = draft.client.data.requisites;
  const buyerIds = typeof requisites === 'object' && requisites !== null ? (['inn', 'kpp'] as const).flatMap((key) => (typeof requisites[key] === 'string' || typeof requisites[key] === 'number' ? [`${key === 'inn' ? 'ИНН' : 'КПП'} ${markdownText(String(requisites[key]))}`] : [])) : [];
  const body = [
    `# ${l.title.replace('{number}', markdownText(draft.number)).replace('{date}', formatDocumentDate(draft.date, locale))}`,
    '',
    ...(config.seller.name ? [`**${l.seller}:** ${markdownText(config.seller.name)}${config.seller.inn ? `, ИНН ${markdownText(config.seller.inn)}` : ''}  `] : []),
    `**${l.buyer}:** ${markdownText(buyer.join(' — '))}${buyerIds.length > 0 ? `, ${buyerIds.join(', ')}` : ''}  `,
    `**${l.due}:** ${formatDocumentDate(draft.due, locale)}`,
    '',
    `| ${l.no} | ${l.item} | ${l.qty} | ${l.price} | ${l.sum} |`,
    '|---|---|---:|---:|---:|',
    ...totals.lines.map((lt, i) => `| ${i + 1} | ${markdownText(lt.line.description)} | ${lt.line.qty}${lt.line.unit ? ` ${markdownText(lt.line.unit)}` : ''} | ${money(toMinor(lt.line.price))} | ${money(lt.amount)} |`),
    `| | **${l.subtotal}** | | | ${money(totals.subtotal)} |`,
    ...totals.taxes.map((tax) => `| | ${l.tax.replace('{rate}', String(tax.rate))} | | | ${money(tax.amount)} |`),
    `| | **${l.total}** | | | **${money(totals.total)}** |`,
    '',
  ];
  return `${front.join('\n')}\n${body.join('\n')}`;
}

/** A new invoice's draft with the config's defaults: the next free number, due date, tax, currency. */
export function draftInvoice(
  input: { client: CrmRecord; items: InvoiceLine[]; date: string; due?: string; tax?: number; currency?: string },
  config: CrmConfig,
  takenNumbers: Iterable<string>,
): InvoiceDraft {
  const clientCurrency = typeof input.client.data.currency === 'string' && input.client.data.currency.trim() !== '' ? input.client.data.currency.trim() : undefined;
  return {
    number: nextInvoiceNumber(config.invoices.number_format, Number(input.date.slice(0, 4)), takenNumbers),
    client: input.client,
    date: input.date,
    due: input.due ?? addToIsoDate(input.date, config.invoices.due_days, 'd') ?? input.date,
    currency: (input.currency ?? clientCurrency ?? config.currency).toUpperCase(),
    items: input.items,
    tax: input.tax ?? config.invoices.tax,
  };
}
