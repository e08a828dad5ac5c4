// Money and counts formatted with Intl for the user's locale. Formatters are cached: a tree of
// hundreds of nodes formats on every refresh.
const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string, currency: string | undefined): Intl.NumberFormat {
  const key = `${locale}\u0000${currency ?? ''}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = currency
        ? new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: 0 })
        : new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    } catch {
      // A currency code Intl rejects (a typo in the config) or an unknown locale: plain digits.
      try {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
      } catch {
        format = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
      }
    }
    formatters.set(key, format);
  }
  return format;
}

/** `120 000 ₽` for ru-RU, `RUB 120,000` for en; an invalid currency code is printed after the number. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const format = formatter(locale, currency);
  return format.resolvedOptions().style === 'currency' ? format.format(amount) : `${format.format(amount)} ${currency}`;
}

export function formatNumber(n: number, locale: string): string {
  return formatter(locale, undefined).format(n);
}

const exactFormatters = new Map<string, Intl.NumberFormat>();

/**
 * An amount given in minor units with its currency's decimals, for documents: `1 234,50 ₽`
 * (ru-RU), `$1,234.50` (en-US). Views round to whole units with `formatMoney`; invoices never do.
 */
export function formatMinor(minor: number, currency: string, locale: string): string {
  const key = `${locale}\u0000${currency}`;
  let format = exactFormatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
    } catch {
      format = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    exactFormatters.set(key, format);
  }
  const text = format.format(minor / 100);
  return format.resolvedOptions().style === 'currency' ? text : `${text} ${currency}`;
}
