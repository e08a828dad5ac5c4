// Invoice arithmetic in integer minor units (kopecks, cents): a sum of floats drifts
// (0.1 + 0.2), a sum of integers does not. Each line is rounded once, tax once per rate.

export interface InvoiceLine {
  description: string;
  /** The catalogue id of the service (`.crm/catalog.yaml`), when the line is one. */
  item?: string;
  qty: number;
  price: number;
  unit?: string;
  /** Percent; the invoice's `tax` when absent. */
  tax?: number;
}

export interface LineTotal {
  line: InvoiceLine;
  /** qty × price, in minor units. */
  amount: number;
}

export interface InvoiceTotals {
  lines: LineTotal[];
  /** Sum of line amounts before tax, minor units. */
  subtotal: number;
  /** Tax per rate (percent → minor units), in order of first use. */
  taxes: { rate: number; amount: number }[];
  /** Subtotal plus taxes, minor units. */
  total: number;
}

/** A decimal amount in minor units, rounded half away from zero (`1.005` → 101, not 100). */
export function toMinor(amount: number): number {
  const sign = amount < 0 ? -1 : 1;
  // Shifting the decimal point in the string form avoids 1.005 * 100 = 100.49999…
  return sign * Math.round(Number(`${Math.abs(amount)}e2`));
}

export function fromMinor(minor: number): number {
  return minor / 100;
}

function roundHalfUp(value: number): number {
  return Math.sign(value) * Math.round(Math.abs(value));
}

export function invoiceTotals(lines: readonly InvoiceLine[], defaultTax = 0): InvoiceTotals {
  const totals: LineTotal[] = lines.map((line) => ({ line, amount: roundHalfUp(line.qty * toMinor(line.price)) }));
  const byRate = new Map<number, number>();
  for (const { line, amount } of totals) {
    const rate = line.tax ?? defaultTax;
    byRate.set(rate, (byRate.get(rate) ?? 0) + amount);
  }
  const taxes = [...byRate].filter(([rate]) => rate > 0).map(([rate, base]) => ({ rate, amount: roundHalfUp((base * rate) / 100) }));
  const subtotal = totals.reduce((sum, line) => sum + line.amount, 0);
  return { lines: totals, subtotal, taxes, total: subtotal + taxes.reduce((sum, tax) => sum + tax.amount, 0) };
}
