// A line item typed as one line, the same in the CLI (`--item`) and in the editor's input box:
// `description;qty;price` or `description;qty;price;unit`. A `;` inside the description is fine,
// and numbers may use a decimal comma (`1500,50`).
import type { InvoiceLine } from './invoiceTotals';

/** A number as people type it: spaces between digits, a decimal comma (`1 500,50`). */
export function parseDecimal(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text.trim().replace(/\s/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** The item, or undefined when the text is not one. */
export function parseItem(text: string): InvoiceLine | undefined {
  const parts = text.split(';');
  let line: InvoiceLine | undefined;
  if (parts.length >= 4 && parseDecimal(parts.at(-3)) !== undefined && parseDecimal(parts.at(-2)) !== undefined && parseDecimal(parts.at(-1)) === undefined) {
    line = { description: parts.slice(0, -3).join(';').trim(), qty: parseDecimal(parts.at(-3))!, price: parseDecimal(parts.at(-2))!, unit: parts.at(-1)!.trim() };
  } else if (parts.length >= 3 && parseDecimal(parts.at(-2)) !== undefined && parseDecimal(parts.at(-1)) !== undefined) {
    line = { description: parts.slice(0, -2).join(';').trim(), qty: parseDecimal(parts.at(-2))!, price: parseDecimal(parts.at(-1))! };
  }
  return line && line.description !== '' && line.qty > 0 && line.price >= 0 ? line : undefined;
}
