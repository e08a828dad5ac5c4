// `plain-crm invoice create|list`: numbered invoice records from the command line, written
// atomically and never over an existing file (PRODUCT.md §4 Invoices, §6).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { createComputeContext } from '../../core/computed';
import { isIsoDate } from '../../core/dates';
import { t } from '../../core/i18n';
import { editRecord, isEditError, type EditOp } from '../../core/edit/recordEdit';
import { invoiceNumber } from '../../core/lint/invoiceNumberRule';
import { draftInvoice, invoiceFile, invoiceRecordText } from '../../core/generate/invoiceRecord';
import { renderInvoiceHtml } from '../../core/generate/invoiceHtml';
import { renderInvoicePdf } from '../../core/generate/invoicePdf';
import { invoiceView } from '../../core/generate/invoiceView';
import { parseDecimal, parseItem } from '../../core/generate/invoiceItems';
import { invoiceLanguage } from '../../core/generate/invoiceLabels';
import { CATALOG_FILE, catalogCurrency, catalogItem, parseServiceRef, type Service } from '../../core/catalog';
import type { InvoiceLine } from '../../core/generate/invoiceTotals';
import type { CrmRecord } from '../../core/model';
import { invoicePaidFirings } from '../../core/playbooks/fire';
import { markBilledOps, planTimeInvoice } from '../../core/time/timeInvoice';
import { formatHours, isMonth } from '../../core/time/timeLog';
import { createFileAtomic, replaceFileAtomic } from '../atomicWrite';
import { cliFonts } from '../pdfFonts';
import { chooseFormat, formatsHelp, type CliContext } from '../context';
import { UsageError } from '../usageError';
import { firingLines } from './playbooks';

const INVOICE_STATUSES = ['draft', 'sent', 'paid'];

/**
 * One `--item`: `description;qty;price[;unit]`, or `<catalogue id>[:qty]` for a service of
 * `.crm/catalog.yaml`, named in the invoice's language.
 */
function itemOption(text: string, catalog: readonly Service[], language: 'ru' | 'en'): InvoiceLine {
  const service = catalogItem(text, catalog, language);
  if (service) return service;
  const ref = text.includes(';') ? undefined : parseServiceRef(text);
  if (ref) {
    throw new UsageError(
      catalog.length === 0
        ? t('--item: "{0}" is no catalogue service: {1} lists none; or give "description;qty;price"', text, CATALOG_FILE)
        : t('--item: no service "{0}" in {1}; known: {2}', ref.id, CATALOG_FILE, catalog.map((c) => c.id).join(', ')),
    );
  }
  const line = parseItem(text);
  if (!line) throw new UsageError(t('--item: "{0}" is not "description;qty;price" (or "description;qty;price;unit")', text));
  return line;
}

interface CreateOptions {
  item?: string[];
  date?: string;
  due?: string;
  tax?: string;
  currency?: string;
  fromTime?: boolean;
  month?: string;
  perLine?: boolean;
}

/** The one invoice with this number (case-insensitive); a usage error for none or a collision. */
function uniqueInvoice(invoices: readonly CrmRecord[], wanted: string, command: string): CrmRecord {
  const matches = invoices.filter((r) => invoiceNumber(r) === wanted.trim().toUpperCase());
  if (matches.length === 1) return matches[0]!;
  throw new UsageError(
    matches.length === 0
      ? t('{0}: no invoice {1}', command, wanted)
      : t('{0}: {1} is on {2} invoices ({3}); renumber one first', command, wanted, matches.length, matches.map((m) => m.file).join(', ')),
  );
}

function findClient(clients: readonly CrmRecord[], ref: string): CrmRecord | undefined {
  const wanted = ref.replace(/\\/g, '/').replace(/\.(md|ya?ml)$/i, '');
  return clients.find((r) => r.id === wanted || r.file.replace(/\.(md|ya?ml)$/i, '') === wanted);
}

export function registerInvoice(program: Command, context: () => CliContext): void {
  const invoice = program.command('invoice').description(t('create and list invoices'));

  invoice
    .command('create <client>')
    .description(t('write the next numbered invoice for a client (its id, e.g. anna-smirnova) as a draft record'))
    .option('--item <description;qty;price[;unit] | id[:qty]>', t('a line item, or a service of .crm/catalog.yaml by its id; repeat for more'), (value: string, list: string[] = []) => [...list, value])
    .option('--date <YYYY-MM-DD>', t('issue date (default: today)'))
    .option('--due <YYYY-MM-DD>', t('due date (default: date + invoices.due_days)'))
    .option('--tax <percent>', t('tax rate (default: invoices.tax)'))
    .option('--currency <code>', t("currency (default: the client's, else the config's)"))
    .option('--from-time', t("bill the client's unbilled time lines at its rate (else hourly_rate) and mark them billed"))
    .option('--month <YYYY-MM>', t('with --from-time: only this month\'s time'))
    .option('--per-line', t('with --from-time: one item per time line (default: one per service, the #tag)'))
    .addHelpText('after', `${formatsHelp(['text', 'json'])}\n${t('Example:')}\n  plain-crm invoice create anna-smirnova --item "Лендинг;1;65000" --item "Правки;3;2500;ч"\n  plain-crm invoice create anna-smirnova --item landing --item consulting:2\n  plain-crm invoice create ooo-meridian --from-time --month 2026-11`)
    .action(async (clientRef: string, options: CreateOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['text', 'json'] as const, 'invoice create');
      if ((options.month !== undefined || options.perLine) && !options.fromTime) throw new UsageError(t('invoice create: --month and --per-line go with --from-time'));
      if ((options.item ?? []).length === 0 && !options.fromTime) throw new UsageError(t('invoice create: give at least one --item "description;qty;price"'));
      if (options.month !== undefined && !isMonth(options.month)) throw new UsageError(t('--month: "{0}" is not a month; expected YYYY-MM', options.month));
      const date = options.date ?? ctx.today;
      if (!isIsoDate(date)) throw new UsageError(t('{0}: "{1}" is not a date; expected YYYY-MM-DD', '--date', date));
      const store = await ctx.loadStore();
      const items = (options.item ?? []).map((text) => itemOption(text, store.catalog, invoiceLanguage(store.config.locale ?? 'ru-RU')));
      const client = findClient(store.clients({ includeArchived: true }), clientRef);
      if (!client) throw new UsageError(t('invoice create: no client "{0}" (use its id, the file name without .md)', clientRef));
      if (options.due !== undefined && !isIsoDate(options.due)) throw new UsageError(t('{0}: "{1}" is not a date; expected YYYY-MM-DD', '--due', options.due));
      const tax = options.tax === undefined ? undefined : parseDecimal(options.tax);
      if (options.tax !== undefined && (tax === undefined || tax < 0 || tax > 100)) throw new UsageError(t('--tax: "{0}" is not a percentage', options.tax));
      const taken = store.invoices().map(invoiceNumber).filter((n): n is string => n !== undefined);
      // From time: the client's unbilled lines become items, and get their billed mark below.
      const recordFile = path.join(ctx.root, client.file);
      const recordText = options.fromTime ? await fs.promises.readFile(recordFile, 'utf8') : '';
      const planned = options.fromTime
        ? planTimeInvoice(client, recordText, { config: store.config, locale: store.config.locale ?? 'ru-RU', mode: options.perLine ? 'per-line' : 'per-service', ...(options.month !== undefined && { month: options.month }) })
        : undefined;
      if (planned && !planned.ok) throw new UsageError(`invoice create: ${planned.error}`);
      if (planned?.ok && !planned.plan) {
        process.stderr.write(`${t('nothing to bill: {0} has no unbilled time{1}; nothing was written', client.id, options.month === undefined ? '' : ` (${options.month})`)}\n`);
        return;
      }
      const plan = planned?.ok ? planned.plan : undefined;
      if (plan) items.push(...plan.items);
      const priced = catalogCurrency(items, store.catalog, options.currency);
      if ('error' in priced) throw new UsageError(`invoice create: ${priced.error}`);
      const currency = priced.currency;
      const draft = draftInvoice({ client, items, date, ...(options.due !== undefined && { due: options.due }), ...(tax !== undefined && { tax }), ...(currency !== undefined && { currency }) }, store.config, taken);
      const file = invoiceFile(store.config, draft);
      const text = invoiceRecordText(draft, store.config, store.config.locale ?? 'ru-RU');
      const marked = plan ? editRecord(recordText, markBilledOps(plan, draft.number), { format: client.format }) : undefined;
      if (marked && isEditError(marked)) throw new UsageError(`invoice create: ${client.file}: ${marked.error}`);
      if (!(await createFileAtomic(path.join(ctx.root, file), text))) throw new UsageError(t('invoice create: {0} already exists; nothing was written', file));
      if (marked) {
        try {
          await replaceFileAtomic(recordFile, marked.text);
        } catch (error) {
          // The time stays unbilled, so the invoice goes too: running again gives the same result.
          await fs.promises.rm(path.join(ctx.root, file), { force: true });
          throw error;
        }
      }
      const total = Number(/^total: (.+)$/m.exec(text)?.[1]);
      process.stdout.write(format === 'json' ? `${JSON.stringify({ number: draft.number, file, client: client.id, total, currency: draft.currency }, null, 2)}\n` : `${file}  ${draft.number}  ${total} ${draft.currency}\n`);
      if (plan) process.stderr.write(`${t('billed {0} time lines ({1} h at {2}): {3}', plan.lines.length, formatHours(plan.minutes), plan.rate, client.file)}\n`);
    });

  invoice
    .command('mark <number> <status>')
    .description(t("set an invoice's status: draft, sent or paid (paid also sets paid_on; a paid invoice counts as revenue)"))
    .option('--on <YYYY-MM-DD>', t('the payment date for paid (default: today)'))
    .option('--no-playbooks', t('paid: do not apply the invoice_paid and orders rules of .crm/playbooks.yaml'))
    .action(async (wanted: string, status: string, options: { on?: string; playbooks: boolean }) => {
      const ctx = context();
      const next = status.trim().toLowerCase();
      if (!INVOICE_STATUSES.includes(next)) throw new UsageError(t('invoice mark: "{0}" is not one of {1}', status, INVOICE_STATUSES.join(', ')));
      const on = options.on ?? ctx.today;
      if (!isIsoDate(on)) throw new UsageError(t('{0}: "{1}" is not a date; expected YYYY-MM-DD', '--on', on));
      const store = await ctx.loadStore();
      const record = uniqueInvoice(store.invoices(), wanted, 'invoice mark');
      const full = path.join(ctx.root, record.file);
      const text = await fs.promises.readFile(full, 'utf8');
      const ops: EditOp[] = [{ op: 'set', path: ['status'], value: next }];
      if (next === 'paid') ops.push({ op: 'set', path: ['paid_on'], value: on });
      else if (record.data.paid_on !== undefined) ops.push({ op: 'remove', path: ['paid_on'] });
      const result = editRecord(text, ops, { format: 'md' });
      if (isEditError(result)) throw new UsageError(`invoice mark: ${record.file}: ${result.error}`);
      // The rules of the payment see the client as it was before it (the order count before this one).
      const client = typeof record.data.client === 'string' ? store.get(record.data.client) : undefined;
      const firings =
        next === 'paid' && options.playbooks && client?.kind === 'client' && store.playbooks.length > 0
          ? invoicePaidFirings(store.playbooks, record, client, createComputeContext(store.clients({ includeArchived: true }), store.invoices(), store.config, ctx.today, store.campaigns()))
          : [];
      await replaceFileAtomic(full, result.text);
      process.stdout.write(`${record.file}  ${invoiceNumber(record)}  ${next}${next === 'paid' ? ` ${on}` : ''}\n`);
      if (client && firings.length > 0) {
        const clientFile = path.join(ctx.root, client.file);
        const edited = editRecord(await fs.promises.readFile(clientFile, 'utf8'), firings.flatMap((f) => f.ops), { format: client.format });
        if (isEditError(edited)) throw new UsageError(`invoice mark: ${client.file}: ${edited.error}`);
        await replaceFileAtomic(clientFile, edited.text);
        for (const firing of firings) process.stdout.write(`${firingLines(client.file, firing).join('\n')}\n`);
      }
    });

  invoice
    .command('render <number>')
    .description(t('write the invoice as printable HTML and as PDF (embedded Cyrillic font) into the exports folder'))
    .option('--out <dir>', t('folder for the files (default: <exports>/invoices)'))
    .option('--no-pdf', t('HTML only'))
    .action(async (wanted: string, options: { out?: string; pdf: boolean }) => {
      const ctx = context();
      const store = await ctx.loadStore();
      const record = uniqueInvoice(store.invoices(), wanted, 'invoice render');
      const client = typeof record.data.client === 'string' ? store.get(record.data.client) : undefined;
      const view = invoiceView(record, client, store.config, store.config.locale ?? 'ru-RU');
      const templateFile = path.join(ctx.root, '.crm', 'templates', 'invoice.html');
      const template = fs.existsSync(templateFile) ? await fs.promises.readFile(templateFile, 'utf8') : undefined;
      let html: string;
      try {
        html = renderInvoiceHtml(view, template);
      } catch (error) {
        throw new UsageError(`.crm/templates/invoice.html: ${error instanceof Error ? error.message : String(error)}`);
      }
      const out = path.resolve(ctx.root, options.out ?? path.join(store.config.folders.exports, 'invoices'));
      const base = path.join(out, path.basename(record.file, '.md'));
      const started = process.hrtime.bigint();
      await replaceFileAtomic(`${base}.html`, html);
      const written = [`${base}.html`];
      if (options.pdf) {
        await replaceFileAtomic(`${base}.pdf`, await renderInvoicePdf(view, await cliFonts()));
        written.push(`${base}.pdf`);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      process.stdout.write(`${written.map((f) => path.relative(ctx.root, f).split(path.sep).join('/')).join('\n')}\n`);
      process.stderr.write(`${t('rendered {0} in {1} ms', view.number, ms.toFixed(0))}\n`);
    });

  invoice
    .command('list')
    .description(t('every invoice: number, client, dates, status, total'))
    .addHelpText('after', formatsHelp(['table', 'json']))
    .action(async () => {
      const ctx = context();
      const format = chooseFormat(ctx.format, ['table', 'json'] as const, 'invoice list');
      const store = await ctx.loadStore();
      const rows = store.invoices().map((r) => ({
        number: invoiceNumber(r) ?? '',
        client: typeof r.data.client === 'string' ? r.data.client : '',
        date: typeof r.data.date === 'string' ? r.data.date : '',
        due: typeof r.data.due === 'string' ? r.data.due : '',
        status: typeof r.data.status === 'string' ? r.data.status : '',
        total: typeof r.data.total === 'number' ? r.data.total : null,
        currency: typeof r.data.currency === 'string' ? r.data.currency : store.config.currency,
        file: r.file,
      }));
      rows.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : a.file < b.file ? -1 : 1));
      if (format === 'json') {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const table = [[t('number'), t('client'), t('date'), t('due'), t('status'), t('total')], ...rows.map((r) => [r.number, r.client, r.date, r.due, r.status, r.total === null ? '' : `${r.total} ${r.currency}`])];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      process.stdout.write(`${table.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`);
    });
}
