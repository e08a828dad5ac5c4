// `plain-crm time`: the time lines logged in client notes (`- 2026-11-10 2h30m Design review`),
// with totals per client and month (issue 19). JSON is the array of lines; the text adds totals.
import type { Command } from 'commander';
import { t } from '../../core/i18n';
import { formatHours, isMonth, listTime, timeTotals, type TimeItem } from '../../core/time/timeLog';
import { chooseFormat, clientRecord, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['text', 'json'] as const;

/** What scripts read: one object a time line. */
export function toJsonTime(item: TimeItem): { id: string; file: string; line: number; date: string; minutes: number; text: string; tag: string | null; billed: string | null } {
  return { id: item.id, file: item.file, line: item.line, date: item.date, minutes: item.minutes, text: item.text, tag: item.tag ?? null, billed: item.billed ?? null };
}

export function timeText(items: readonly TimeItem[]): string {
  if (items.length === 0) return t('no time logged');
  const out = items.map((i) => `${i.date}  ${formatHours(i.minutes).padStart(5)}  ${i.name} — ${i.text}${i.billed ? `  → ${i.billed}` : ''}  ${i.line > 0 ? `${i.file}:${i.line}` : i.file}`);
  const totals = timeTotals(items);
  out.push('', ...totals.rows.map((r) => `${r.month}  ${formatHours(r.minutes).padStart(6)}  ${r.name}`));
  out.push(t('total: {0} h ({1} lines)', formatHours(totals.minutes), items.length));
  return out.join('\n');
}

export function registerTime(program: Command, context: () => CliContext): void {
  program
    .command('time')
    .description(t('time logged in the notes ("- 2026-11-10 2h30m Design review"), with totals per client and month'))
    .option('--client <id>', t('only this client'))
    .option('--month <YYYY-MM>', t('only this month'))
    .option('--unbilled', t('only time not yet on an invoice (no "→ INV-…" mark)'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm time --month 2026-11\n  plain-crm time --client ooo-meridian --unbilled --format json`)
    .action(async (options: { client?: string; month?: string; unbilled?: boolean }) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'time');
      if (options.month !== undefined && !isMonth(options.month)) throw new UsageError(t('--month: "{0}" is not a month; expected YYYY-MM', options.month));
      const store = await ctx.loadStore();
      const client = options.client === undefined ? undefined : clientRecord(store, options.client).id;
      const items = listTime(store.clients({ includeArchived: client !== undefined }), {
        ...(client !== undefined && { client }),
        ...(options.month !== undefined && { month: options.month }),
        ...(options.unbilled && { unbilled: true }),
      });
      for (const day of timeTotals(items).longDays) process.stderr.write(`${t('warning: {0} has {1} h logged on {2}', day.name, formatHours(day.minutes), day.date)}\n`);
      process.stdout.write(format === 'json' ? `${JSON.stringify(items.map(toJsonTime), null, 2)}\n` : `${timeText(items)}\n`);
    });
}
