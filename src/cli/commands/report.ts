// `plain-crm report [segment or query]`: the funnel, conversion, revenue, sources, owners, lost
// reasons, stale clients, unpaid invoices and the forecast (PRODUCT.md §4), as the dashboard shows.
import type { Command } from 'commander';
import { isIsoDate } from '../../core/dates';
import { t } from '../../core/i18n';
import { withPlan } from '../../core/reports/plan';
import { buildReport } from '../../core/reports/report';
import { reportCsv, reportText } from '../../core/reports/reportText';
import { chooseFormat, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';
import { matchingClients } from './query';

const FORMATS = ['text', 'json', 'csv'] as const;

interface ReportOptions {
  from?: string;
  to?: string;
}

export function registerReport(program: Command, context: () => CliContext): void {
  program
    .command('report [segment-or-query]')
    .description(t('sales report of all clients, a segment or a query: funnel, conversion, revenue by month, sources, owners, forecast'))
    .option('--from <YYYY-MM-DD>', t('only clients created on or after this day (a cohort)'))
    .option('--to <YYYY-MM-DD>', t('only clients created on or before this day'))
    .addHelpText('after', formatsHelp(FORMATS))
    .action(async (input: string | undefined, options: ReportOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'report');
      for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
        if (value !== undefined && !isIsoDate(value)) throw new UsageError(t('{0}: "{1}" is not a date; expected YYYY-MM-DD', name, value));
      }
      if (options.from && options.to && options.from > options.to) throw new UsageError(t('--from {0} is after --to {1}', options.from, options.to));
      const store = await ctx.loadStore();
      const { records, ctx: compute } = matchingClients(store, input ?? '', ctx.today);
      const range = { ...(options.from ? { from: options.from } : {}), ...(options.to ? { to: options.to } : {}) };
      const report = withPlan(buildReport(records, store.invoices(), compute, { ...range, campaigns: store.campaigns(), catalog: store.catalog }), records, store.invoices(), compute, range);
      process.stdout.write(format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : format === 'csv' ? reportCsv(report) : reportText(report));
    });
}
