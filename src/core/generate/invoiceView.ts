// What an invoice document shows, computed once from the invoice record, its client and the
// config, with every amount and date already formatted for the locale: the HTML template and the
// PDF layout only place strings, so both print the same figures.
import type { CrmConfig, CrmRecord } from '../model';
import { formatMinor } from '../money';
import { recordName, recordString } from '../recordFields';
import { formatDocumentDate, INVOICE_LABELS, invoiceLanguage } from './invoiceLabels';
import { rubles } from 'rubles';
import { fromMinor, invoiceTotals, toMinor, type InvoiceLine } from './invoiceTotals';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export interface PartyView {
  name: string;
  lines: string[];
}

export interface InvoiceView {
  lang: 'ru' | 'en';
  title: string;
  number: string;
  date: string;
  due: string;
  status: string;
  seller: PartyView;
  buyer: PartyView;
  labels: Record<'seller' | 'buyer' | 'due' | 'no' | 'item' | 'qty' | 'price' | 'sum' | 'subtotal' | 'total' | 'inWords', string>;
  lines: { n: number; description: string; qty: string; price: string; amount: string }[];
  subtotal: string;
  taxes: { label: string; amount: string }[];
  total: string;
  /** "Восемьдесят четыре тысячи рублей 00 копеек" when `invoices.amount_in_words` is on and the currency is RUB. */
  totalInWords: string;
  notes: string;
}


function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}

/** The invoice's items as numbers; entries that are not `{description, qty, price}` are skipped. */
export function invoiceLines(invoice: CrmRecord): InvoiceLine[] {
  const items = invoice.data.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown): InvoiceLine[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { description, qty, price, unit, tax } = item as Record<string, unknown>;
    if (typeof price !== 'number') return [];
    const line: InvoiceLine = { description: text(description) ?? '', qty: typeof qty === 'number' ? qty : 1, price };
    if (text(unit) !== undefined) line.unit = text(unit)!;
    if (typeof tax === 'number') line.tax = tax;
    return [line];
  });
}

export function invoiceView(invoice: CrmRecord, client: CrmRecord | undefined, config: CrmConfig, locale: string): InvoiceView {
  const lang = invoiceLanguage(locale);
  const l = INVOICE_LABELS[lang];
  const currency = text(invoice.data.currency)?.toUpperCase() ?? config.currency;
  const money = (minor: number): string => formatMinor(minor, currency, locale);
  const date = (value: unknown): string => (typeof value === 'string' ? formatDocumentDate(value, locale) : '');
  const tax = typeof invoice.data.tax === 'number' ? invoice.data.tax : 0;
  const totals = invoiceTotals(invoiceLines(invoice), tax);
  const number = text(invoice.data.number) ?? invoice.id;
  const requisites = (p: Record<string, unknown>): string[] => {
    const out: string[] = [];
    for (const key of ['address', 'email', 'phone']) if (text(p[key])) out.push(text(p[key])!);
    const ids = [text(p['inn']) && `${l.inn} ${text(p['inn'])}`, text(p['kpp']) && `${l.kpp} ${text(p['kpp'])}`, text(p['tax_id'])].filter(Boolean);
    if (ids.length > 0) out.push(ids.join(', '));
    const bik = text(p['bik']) && `${l.bik} ${text(p['bik'])}`;
    if (text(p['bank'])) out.push(`${l.bank}: ${text(p['bank'])}${bik ? `, ${bik}` : ''}`);
    else if (bik) out.push(bik);
    const accounts = [text(p['account']) && `${l.account} ${text(p['account'])}`, text(p['corr_account']) && `${l.corr} ${text(p['corr_account'])}`].filter(Boolean);
    if (accounts.length > 0) out.push(accounts.join(', '));
    return out;
  };
  // The buyer: the client's fields, its `requisites:` (the legal address first), then the invoice's `buyer:`.
  const object = (value: unknown): Record<string, unknown> => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const buyerRequisites = object(client?.data['requisites']);
  const legalAddress = text(buyerRequisites['legal_address']);
  const buyerData: Record<string, unknown> = { ...(client?.data ?? {}), ...buyerRequisites, ...(legalAddress ? { address: legalAddress } : {}), ...object(invoice.data.buyer) };
  const buyerName = client ? (recordString(client, 'company') ?? recordName(client)) : (text(invoice.data.client) ?? '');
  return {
    lang,
    title: l.title.replace('{number}', number).replace('{date}', date(invoice.data.date)),
    number,
    date: date(invoice.data.date),
    due: date(invoice.data.due),
    status: text(invoice.data.status) ?? '',
    seller: { name: text(config.seller.name) ?? '', lines: requisites(config.seller as Record<string, unknown>) },
    buyer: { name: buyerName, lines: requisites(buyerData) },
    labels: { seller: l.seller, buyer: l.buyer, due: l.due, no: l.no, item: l.item, qty: l.qty, price: l.price, sum: l.sum, subtotal: l.subtotal, total: l.total, inWords: l.inWords },
    lines: totals.lines.map((lt, i) => ({ n: i + 1, description: lt.line.description, qty: `${lt.line.qty}${lt.line.unit ? ` ${lt.line.unit}` : ''}`, price: money(toMinor(lt.line.price)), amount: money(lt.amount) })),
    subtotal: money(totals.subtotal),
    taxes: totals.taxes.map((tax) => ({ label: l.tax.replace('{rate}', String(tax.rate)), amount: money(tax.amount) })),
    total: money(totals.total),
    totalInWords: config.invoices.amount_in_words && currency === 'RUB' ? capitalize(rubles(fromMinor(totals.total)) || '') : '',
    notes: text(invoice.data.notes) ?? '',
  };
}
