// Invoice numbers: `INV-{YYYY}-{NNNN}` by default (`invoices.number_format` in the config). The
// next number is one past the highest of the year among the invoices on disk, so numbers stay
// sequential; two branches that both issue "the next" one collide, and lint says so.

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The number for `year` and sequence `n`; the sequence is zero-padded to the run of `N`s. */
export function formatInvoiceNumber(format: string, year: number, n: number): string {
  return format.replace(/\{YYYY\}/g, String(year)).replace(/\{(N+)\}/g, (_, run: string) => String(n).padStart(run.length, '0'));
}

/** The sequence of `number` when it follows `format` for `year`, else undefined. Case-insensitive. */
export function invoiceSequence(format: string, year: number, number: string): number | undefined {
  let pattern = '';
  let rest = format;
  for (;;) {
    const match = /\{YYYY\}|\{N+\}/.exec(rest);
    if (!match) break;
    pattern += escapeRegExp(rest.slice(0, match.index)) + (match[0] === '{YYYY}' ? String(year) : '(\\d+)');
    rest = rest.slice(match.index + match[0].length);
  }
  pattern += escapeRegExp(rest);
  const found = new RegExp(`^${pattern}$`, 'i').exec(number.trim());
  return found?.[1] === undefined ? undefined : Number(found[1]);
}

/** The next free number of `year`, given every invoice number in the workspace. */
export function nextInvoiceNumber(format: string, year: number, existing: Iterable<string>): string {
  let highest = 0;
  for (const number of existing) {
    const n = invoiceSequence(format, year, number);
    if (n !== undefined && n > highest) highest = n;
  }
  return formatInvoiceNumber(format, year, highest + 1);
}
