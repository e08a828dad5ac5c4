import type { Command } from 'commander';
import { type ComputeContext, createComputeContext } from '../../core/computed';
import type { CrmRecord, Segment } from '../../core/model';
import { toCsv } from '../../core/csv';
import { t } from '../../core/i18n';
import { formatNumber } from '../../core/money';
import { compileQuery, formatQueryError } from '../../core/query';
import { parseSort, recordRow, resolveQueryText, rowValue, sortRows, type RecordRow } from '../../core/query/results';
import type { WorkspaceStore } from '../../core/store';
import { chooseFormat, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';

const FORMATS = ['table', 'json', 'csv'] as const;
const TABLE_COLUMNS = ['name', 'stage', 'company', 'city', 'value'];
const CSV_COLUMNS = ['id', 'name', 'company', 'email', 'phone', 'city', 'stage', 'tags', 'value', 'file'];

interface QueryOptions {
  sort?: string;
  columns?: string;
}

/** The matching rows, sorted: what every format prints. Bad queries and sorts are usage errors. */
/** The clients a segment name or a query matches; a bad query is a usage error. */
export function matchingClients(store: WorkspaceStore, input: string, today: string): { records: CrmRecord[]; ctx: ComputeContext; segment?: Segment } {
  const { query, segment } = resolveQueryText(store.segments, input);
  const clients = store.clients({ includeArchived: true });
  const ctx = createComputeContext(clients, store.invoices(), store.config, today);
  const compiled = compileQuery(query, ctx);
  if (!compiled.ok) throw new UsageError(formatQueryError(compiled.error, query));
  return { records: compiled.query.run(clients), ctx, ...(segment && { segment }) };
}

export function queryRows(store: WorkspaceStore, input: string, today: string, sort = 'name'): RecordRow[] {
  const spec = parseSort(sort);
  const { records, ctx } = matchingClients(store, input, today);
  if (!spec) throw new UsageError(t('--sort: "{0}" is not a field name; use a name like value, or -value for descending', sort));
  return sortRows(
    records.map((record) => recordRow(record, ctx)),
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
export function queryTable(rows: readonly RecordRow[], columns: readonly string[]): string {
  const cells = rows.map((row) => columns.map((column) => cellForTable(rowValue(row, column), 'en-US')));
  const width = columns.map((column, i) => Math.max([...column].length, ...cells.map((line) => [...line[i]!].length)));
  const pad = (text: string, i: number): string => text + ' '.repeat(width[i]! - [...text].length);
  const lines = [columns.map(pad).join('  ').trimEnd(), ...cells.map((line) => line.map(pad).join('  ').trimEnd())];
  lines.push(rows.length === 1 ? t('{0} record', rows.length) : t('{0} records', rows.length));
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
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm query 'tag:vip stage:proposal,negotiation'\n  plain-crm query 'last_contact:<today-30d -stage:won,lost' --sort -value\n  plain-crm query vip --format csv --columns name,email`)
    .action(async (input: string, options: QueryOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'query');
      const store = await ctx.loadStore();
      const rows = queryRows(store, input, ctx.today, options.sort);
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      } else if (format === 'csv') {
        const columns = parseColumns(options.columns, CSV_COLUMNS);
        process.stdout.write(toCsv(columns, rows.map((row) => columns.map((c) => rowValue(row, c)))));
      } else {
        process.stdout.write(`${queryTable(rows, parseColumns(options.columns, TABLE_COLUMNS))}\n`);
      }
    });
}
