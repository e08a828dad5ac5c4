import type { Command } from 'commander';
import { type ComputeContext, createComputeContext } from '../../core/computed';
import type { CrmRecord, Segment } from '../../core/model';
import { toCsv } from '../../core/csv';
import { allDeals, type DealRow, dealRow } from '../../core/deals';
import { t } from '../../core/i18n';
import { formatNumber } from '../../core/money';
import { compileQuery, formatQueryError } from '../../core/query';
import { parseSort, recordRow, resolveQueryText, rowValue, sortRows, type RecordRow, type SortSpec } from '../../core/query/results';
import type { WorkspaceStore } from '../../core/store';
import { chooseFormat, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['table', 'json', 'csv'] as const;
const TABLE_COLUMNS = ['name', 'stage', 'company', 'city', 'value'];
const CSV_COLUMNS = ['id', 'name', 'company', 'email', 'phone', 'city', 'stage', 'tags', 'value', 'file'];

const DEAL_TABLE_COLUMNS = ['id', 'name', 'title', 'stage', 'value'];
const DEAL_CSV_COLUMNS = ['id', 'client', 'name', 'title', 'stage', 'value', 'currency', 'pipeline', 'stage_since', 'next_action.date', 'next_action.what', 'closed_on', 'file'];

interface QueryOptions {
  sort?: string;
  columns?: string;
  deals?: boolean;
}

/** The clients a segment name or a query matches; a bad query is a usage error. */
export function matchingClients(store: WorkspaceStore, input: string, today: string): { records: CrmRecord[]; ctx: ComputeContext; segment?: Segment } {
  const { query, segment } = resolveQueryText(store.segments, input);
  const clients = store.clients({ includeArchived: true });
  const ctx = createComputeContext(clients, store.invoices(), store.config, today, store.campaigns());
  const compiled = compileQuery(query, ctx);
  if (!compiled.ok) throw new UsageError(formatQueryError(compiled.error, query));
  return { records: compiled.query.run(clients), ctx, ...(segment && { segment }) };
}

function sortSpec(sort: string): SortSpec {
  const spec = parseSort(sort);
  if (!spec) throw new UsageError(t('--sort: "{0}" is not a field name; use a name like value, or -value for descending', sort));
  return spec;
}

/** The matching rows, sorted: what every format prints. Bad queries and sorts are usage errors. */
export function queryRows(store: WorkspaceStore, input: string, today: string, sort = 'name'): RecordRow[] {
  const spec = sortSpec(sort);
  const { records, ctx } = matchingClients(store, input, today);
  return sortRows(
    records.map((record) => recordRow(record, ctx)),
    spec,
  );
}

/**
 * One row per deal of the matching clients (`--deals`), keeping only the deals the query matches
 * on their own (`stage:proposal` leaves out the client's won deal); by client name, then list order.
 */
export function dealRows(store: WorkspaceStore, input: string, today: string, sort = 'name'): DealRow[] {
  const spec = sortSpec(sort);
  const { query } = resolveQueryText(store.segments, input);
  const { records, ctx } = matchingClients(store, input, today);
  const compiled = compileQuery(query, ctx);
  if (!compiled.ok) throw new UsageError(formatQueryError(compiled.error, query));
  const deals = compiled.query.run(allDeals(records));
  return sortRows(
    deals.map((deal) => dealRow(deal, store.config) as DealRow & RecordRow),
    spec,
  );
}

function cellForTable(value: unknown, locale: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return formatNumber(value, locale);
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value).replace(/\s+/g, ' ');
}

/** Columns padded to their widest cell (by code points, so Cyrillic lines up), then a count. */
export function queryTable(rows: readonly RecordRow[], columns: readonly string[], deals = false): string {
  const cells = rows.map((row) => columns.map((column) => cellForTable(rowValue(row, column), 'en-US')));
  const width = columns.map((column, i) => Math.max([...column].length, ...cells.map((line) => [...line[i]!].length)));
  const pad = (text: string, i: number): string => text + ' '.repeat(width[i]! - [...text].length);
  const lines = [columns.map(pad).join('  ').trimEnd(), ...cells.map((line) => line.map(pad).join('  ').trimEnd())];
  if (deals) lines.push(rows.length === 1 ? t('{0} deal', rows.length) : t('{0} deals', rows.length));
  else lines.push(rows.length === 1 ? t('{0} record', rows.length) : t('{0} records', rows.length));
  return lines.join('\n');
}

function parseColumns(text: string | undefined, fallback: readonly string[]): string[] {
  if (text === undefined) return [...fallback];
  const columns = text.split(',').map((c) => c.trim()).filter((c) => c !== '');
  if (columns.length === 0) throw new UsageError(t('--columns: give at least one field name, e.g. --columns name,email'));
  return columns;
}

export function registerQuery(program: Command, context: () => CliContext): void {
  program
    .command('query')
    .argument('<query>', t('a query (README "Query language") or the name of a saved segment'))
    .description(t('list the clients that match a query or a saved segment'))
    .option('--sort <field>', t('sort by a field or computed field; prefix with - for descending (default: name)'))
    .option('--columns <list>', t('comma-separated fields for table and csv output'))
    .option('--deals', t('one row per deal ("<client>#<deal id>") instead of one per client'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm query 'tag:vip stage:proposal,negotiation'\n  plain-crm query 'last_contact:<today-30d -stage:won,lost' --sort -value\n  plain-crm query vip --format csv --columns name,email\n  plain-crm query 'stage:proposal' --deals --format json`)
    .action(async (input: string, options: QueryOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'query');
      const store = await ctx.loadStore();
      const deals = options.deals === true;
      const rows = deals ? dealRows(store, input, ctx.today, options.sort) : queryRows(store, input, ctx.today, options.sort);
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else if (format === 'csv') {
        const columns = parseColumns(options.columns, deals ? DEAL_CSV_COLUMNS : CSV_COLUMNS);
        process.stdout.write(toCsv(columns, rows.map((row) => columns.map((c) => rowValue(row, c)))));
      } else {
        process.stdout.write(`${queryTable(rows, parseColumns(options.columns, deals ? DEAL_TABLE_COLUMNS : TABLE_COLUMNS), deals)}\n`);
      }
    });
}
