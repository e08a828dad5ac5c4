// The service catalogue (issue 19): `.crm/catalog.yaml` lists the services one sells, with their
// prices, under `services:`:
//   services:
//     - { id: landing, name: Лендинг, name_en: Landing page, unit: piece, price: 45000, currency: RUB, vat: none }
// An id names the service everywhere: an invoice or proposal item (`item: landing`), a purchase
// (`purchases[].item`), a time line's `#landing`, a query (`service:landing`). Parsed here into
// typed services; every mistake is an issue at its path, and a broken entry is left out.
import type { InvoiceLine } from './generate/invoiceTotals';
import { t } from './i18n';
import { formatMoney } from './money';
import { isMapping } from './recordFields';

export const CATALOG_FILE = '.crm/catalog.yaml';

export const SERVICE_UNITS = ['hour', 'piece', 'month'] as const;
export type ServiceUnit = (typeof SERVICE_UNITS)[number];

export interface Service {
  /** Letters, digits, `_` and `-`, starting with a letter or digit: it doubles as a `#tag`. */
  id: string;
  /** The Russian name (the invoice's line in Russian). */
  name: string;
  /** The English name, for invoices in English; `name` when absent. */
  name_en?: string;
  unit: ServiceUnit;
  price: number;
  /** An ISO currency code; the invoice's currency when absent. */
  currency?: string;
  /** VAT in percent, or `none` (no VAT, "без НДС"); the invoice's tax when absent. */
  vat?: number | 'none';
}

export interface CatalogIssue {
  /** Keys and list indices, as positions in the file need them. */
  path: (string | number)[];
  message: string;
}

const ID = /^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u;
const CURRENCY = /^[A-Za-z]{3}$/;
const KEYS = new Set(['id', 'name', 'name_en', 'unit', 'price', 'currency', 'vat']);

/** How a unit is written on an invoice line, in the invoice's language. */
export const UNIT_LABELS: Readonly<Record<'ru' | 'en', Readonly<Record<ServiceUnit, string>>>> = {
  ru: { hour: 'ч', piece: 'шт.', month: 'мес.' },
  en: { hour: 'h', piece: 'pcs', month: 'mo' },
};

function oneLine(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' && !/[\r\n]/.test(value) ? value.trim() : undefined;
}

function parseService(entry: unknown, path: (string | number)[], seen: Set<string>, issues: CatalogIssue[]): Service | undefined {
  if (!isMapping(entry)) {
    issues.push({ path, message: t('a service is a mapping {id, name, name_en, unit, price, currency, vat}') });
    return undefined;
  }
  const before = issues.length;
  const rawId = entry['id'];
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : '';
  if (!ID.test(id)) issues.push({ path: [...path, 'id'], message: t('expected an id of letters, digits, _ and - (it is also the #tag of time lines)') });
  else if (seen.has(id.toLowerCase())) issues.push({ path: [...path, 'id'], message: t('the id {0} is already used by another service', id) });
  const name = oneLine(entry['name']);
  if (name === undefined) issues.push({ path: [...path, 'name'], message: t('expected one line of text: the name of the service') });
  const nameEn = entry['name_en'];
  if (nameEn !== undefined && nameEn !== null && oneLine(nameEn) === undefined) issues.push({ path: [...path, 'name_en'], message: t('expected one line of text: the name of the service') });
  const unit = entry['unit'] ?? 'piece';
  if (typeof unit !== 'string' || !(SERVICE_UNITS as readonly string[]).includes(unit)) issues.push({ path: [...path, 'unit'], message: t('expected one of {0}', SERVICE_UNITS.join(', ')) });
  const price = entry['price'];
  if (typeof price !== 'number' || !Number.isFinite(price) || price < 0) issues.push({ path: [...path, 'price'], message: t('expected a price: a number, 0 or more') });
  const currency = entry['currency'];
  if (currency !== undefined && currency !== null && (typeof currency !== 'string' || !CURRENCY.test(currency.trim()))) issues.push({ path: [...path, 'currency'], message: t('expected a three-letter currency code like RUB') });
  const vat = entry['vat'];
  if (vat !== undefined && vat !== null && vat !== 'none' && (typeof vat !== 'number' || !Number.isFinite(vat) || vat < 0 || vat > 100)) issues.push({ path: [...path, 'vat'], message: t('expected VAT in percent (0 to 100) or none') });
  for (const key of Object.keys(entry)) if (!KEYS.has(key)) issues.push({ path: [...path, key], message: t('unknown key {0}; a service has {1}', key, [...KEYS].join(', ')) });
  if (ID.test(id)) seen.add(id.toLowerCase());
  if (issues.length > before) return undefined;
  return {
    id,
    name: name!,
    ...(oneLine(nameEn) !== undefined && { name_en: oneLine(nameEn)! }),
    unit: unit as ServiceUnit,
    price: price as number,
    ...(typeof currency === 'string' && { currency: currency.trim().toUpperCase() }),
    ...((typeof vat === 'number' || vat === 'none') && { vat }),
  };
}

/** The services of `.crm/catalog.yaml` (`services:`, a list), in file order, and the issues. */
export function parseCatalog(data: unknown): { services: Service[]; issues: CatalogIssue[] } {
  const services: Service[] = [];
  const issues: CatalogIssue[] = [];
  if (data === undefined || data === null) return { services, issues };
  const list = isMapping(data) ? data['services'] : undefined;
  if (!isMapping(data) || !(Array.isArray(list) || list === undefined || list === null)) {
    return { services, issues: [{ path: isMapping(data) ? ['services'] : [], message: t('expected services: a list of {id, name, unit, price}') }] };
  }
  for (const key of Object.keys(data)) if (key !== 'services') issues.push({ path: [key], message: t('unknown key {0}; the catalogue has services:', key) });
  const seen = new Set<string>();
  (Array.isArray(list) ? (list as unknown[]) : []).forEach((entry, i) => {
    const service = parseService(entry, ['services', i], seen, issues);
    if (service) services.push(service);
  });
  return { services, issues };
}

/** The service with this id (case-insensitive), if any. */
export function findService(services: readonly Service[], id: string): Service | undefined {
  const wanted = id.trim().toLowerCase();
  return services.find((s) => s.id.toLowerCase() === wanted);
}

/** The name of a service in a document's language: `name_en` in English when there is one. */
export function serviceName(service: Service, language: 'ru' | 'en'): string {
  return language === 'en' ? (service.name_en ?? service.name) : service.name;
}

/** `landing`, `landing:3`, `consulting:1,5`: a catalogue id and a quantity (1 when not given). */
export function parseServiceRef(text: string): { id: string; qty: number } | undefined {
  const match = /^([\p{L}\p{N}][\p{L}\p{N}_-]*)(?::(\d+(?:[.,]\d+)?))?$/u.exec(text.trim());
  if (!match) return undefined;
  const qty = match[2] === undefined ? 1 : Number(match[2].replace(',', '.'));
  return qty > 0 ? { id: match[1]!, qty } : undefined;
}

/** An invoice line for `qty` of a service, in the invoice's language; `item` keeps the id. */
export function serviceLine(service: Service, qty: number, language: 'ru' | 'en'): InvoiceLine {
  return {
    description: serviceName(service, language),
    item: service.id,
    qty,
    price: service.price,
    unit: UNIT_LABELS[language][service.unit],
    ...(service.vat !== undefined && { tax: service.vat === 'none' ? 0 : service.vat }),
  };
}

/** `id[:qty]` of a known service as an invoice line; undefined for any other text. */
export function catalogItem(text: string, catalog: readonly Service[], language: 'ru' | 'en'): InvoiceLine | undefined {
  const ref = text.includes(';') ? undefined : parseServiceRef(text);
  const service = ref && findService(catalog, ref.id);
  return ref && service ? serviceLine(service, ref.qty, language) : undefined;
}

/**
 * The invoice's currency given its lines: `wanted` (or else the currency of the first service
 * that names one); an error when a service is priced in another.
 */
export function catalogCurrency(items: readonly InvoiceLine[], catalog: readonly Service[], wanted: string | undefined): { currency?: string } | { error: string } {
  let currency = wanted?.trim().toUpperCase();
  for (const line of items) {
    const service = line.item === undefined ? undefined : findService(catalog, line.item);
    if (service?.currency === undefined) continue;
    if (currency !== undefined && currency !== service.currency) return { error: t('{0} is priced in {1}, the invoice is in {2}', service.id, service.currency, currency) };
    currency = service.currency;
  }
  return currency === undefined ? {} : { currency };
}

/** One line about a service for a hover or a pick: names, price per unit, VAT. */
export function serviceSummary(service: Service, defaultCurrency: string, locale: string): string {
  const language = locale.toLowerCase().startsWith('ru') ? 'ru' : 'en';
  const names = service.name_en !== undefined && service.name_en !== service.name ? `${service.name} (${service.name_en})` : service.name;
  const vat = service.vat === undefined ? '' : ` · ${service.vat === 'none' ? t('no VAT') : t('VAT {0} %', service.vat)}`;
  return `${names} · ${formatMoney(service.price, service.currency ?? defaultCurrency, locale)} / ${UNIT_LABELS[language][service.unit]}${vat}`;
}
