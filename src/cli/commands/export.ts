// `plain-crm export mailing|phones <segment or query>`: a CSV for a mailing or SMS service, with
// consent respected and a summary of who was left out and why on stderr (PRODUCT.md §4, §7).
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { slugify } from '../../core/actions/newClient';
import { toCsv } from '../../core/csv';
import { campaignFile, campaignText } from '../../core/campaigns';
import { capOptions, type ContactExport, mailingExport, phoneExport, summaryLine } from '../../core/generate/contactExport';
import { resolveQueryText } from '../../core/query/results';
import { contactsVcf, vcardSummary } from '../../core/generate/vcardExport';
import { t } from '../../core/i18n';
import { createFileAtomic, replaceFileAtomic } from '../atomicWrite';
import type { CliContext } from '../context';
import { UsageError } from '../usageError';
import { matchingClients } from './query';

interface ExportOptions {
  out?: string;
  bom?: boolean;
  columns?: string;
  force?: boolean;
  campaign?: string;
}

/**
 * Writes an export to `--out` (`-`: standard output) or `fallback` in the workspace, never over an
 * existing file without `--force`, and prints where it went.
 */
export async function writeExport(ctx: CliContext, options: { out?: string; force?: boolean }, fallback: string, content: string): Promise<void> {
  if (options.out === '-') {
    process.stdout.write(content);
    return;
  }
  const out = path.resolve(ctx.root, options.out ?? fallback);
  const written = options.force ? (await replaceFileAtomic(out, content), true) : await createFileAtomic(out, content);
  if (!written) throw new UsageError(t('{0} exists; use --force to replace it or --out for another file', path.relative(ctx.root, out)));
  const shown = path.relative(ctx.root, out);
  // Inside the workspace: the path from its root, as other commands print; outside: absolute.
  process.stdout.write(`${shown.startsWith('..') || path.isAbsolute(shown) ? out : shown.split(path.sep).join('/')}\n`);
}

export function registerExport(program: Command, context: () => CliContext): void {
  const exportCommand = program.command('export').description(t('CSV for a mailing or SMS service, consent respected'));
  for (const kind of ['mailing', 'phones'] as const) {
    exportCommand
      .command(`${kind} <segment-or-query>`)
      .description(kind === 'mailing' ? t('e-mails of a segment or query: consent.email, not unsubscribed, valid, once each') : t('phones in E.164 of a segment or query: consent.sms, not unsubscribed, once each'))
      .option('--out <file>', t('where to write ("-" for standard output; default: exports/<kind>-<segment>-<today>.csv)'))
      .option('--bom', t('start with a UTF-8 byte order mark (for Excel)'))
      .option('--columns <a,b,…>', kind === 'mailing' ? t('columns (default: exports.mailing.columns in the config)') : t('columns (default: phone,first_name,last_name)'))
      .option('--force', t('replace the output file when it exists'))
      .option('--campaign <name>', t('log the export as a campaign in campaigns/YYYY/ (who was mailed, for last_mailed and the mailing.min_days_between cap)'))
      .action(async (input: string, options: ExportOptions) => {
        const ctx = context();
        const store = await ctx.loadStore();
        const { records, segment } = matchingClients(store, input, ctx.today);
        const columns = options.columns?.split(',').map((c) => c.trim()).filter(Boolean);
        if (columns?.length === 0) throw new UsageError(t('--columns: give column names separated by commas, e.g. email,first_name'));
        const campaign = options.campaign?.replace(/\s+/g, ' ').trim();
        if (campaign === '') throw new UsageError(t('--campaign: give the campaign a name'));
        const cap = capOptions(store.config, store.campaigns(), ctx.today);
        const result: ContactExport = kind === 'mailing' ? mailingExport(records, store.config, columns, cap) : phoneExport(records, store.config, columns, cap);
        const csv = toCsv(result.header, result.rows, { bom: options.bom === true });
        await writeExport(ctx, options, path.join(store.config.folders.exports, `${kind}-${slugify(segment?.name ?? 'query')}-${ctx.today}.csv`), csv);
        process.stderr.write(`${summaryLine(result.summary)}\n`);
        for (const m of result.summary.merged) process.stderr.write(`  ${t('duplicate {0}: kept {1}, left out {2}', m.address, m.kept, m.dropped.join(', '))}\n`);
        if (campaign !== undefined && result.recipients.length === 0) process.stderr.write(`${t('nobody exported: no campaign logged')}\n`);
        else if (campaign !== undefined) {
          // The log, not the client files: who was sent this, for the cap and `last_mailed`.
          const file = campaignFile(store.config, ctx.today, campaign, (f) => existsSync(path.join(ctx.root, f)));
          const query = resolveQueryText(store.segments, input).query;
          const fields = { name: campaign, date: ctx.today, channel: kind === 'mailing' ? ('email' as const) : ('sms' as const), ...(segment && { segment: segment.name }), query, recipients: result.recipients };
          await createFileAtomic(path.join(ctx.root, file), campaignText(fields, summaryLine(result.summary)));
          process.stderr.write(`${t('campaign logged in {0}', file)}\n`);
        }
      });
  }  exportCommand
    .command('vcf <segment-or-query>')
    .description(t('an address book (vCard 3.0) of a segment or query: each client and contact person whose consent.processing is not false'))
    .option('--out <file>', t('where to write ("-" for standard output; default: exports/contacts-<segment>-<today>.vcf)'))
    .option('--force', t('replace the output file when it exists'))
    .action(async (input: string, options: { out?: string; force?: boolean }) => {
      const ctx = context();
      const store = await ctx.loadStore();
      const { records, segment } = matchingClients(store, input, ctx.today);
      const result = contactsVcf(records, store.config, ctx.today);
      await writeExport(ctx, options, path.join(store.config.folders.exports, `contacts-${slugify(segment?.name ?? 'query')}-${ctx.today}.vcf`), result.text);
      process.stderr.write(`${vcardSummary(result)}\n`);
    });
}
