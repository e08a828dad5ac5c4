// `plain-crm render <template> <client>` fills a document or message template from a record (and
// an invoice); `render <template> --segment <name|query> --out file.csv` writes one personalized
// message per consenting client for a mailing service. `plain-crm templates init` copies the
// bundled templates into `.crm/templates/` for editing. Nothing is sent (issue 16).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { toCsv } from '../../core/csv';
import { summaryLine } from '../../core/generate/contactExport';
import { t } from '../../core/i18n';
import type { CrmRecord } from '../../core/model';
import type { WorkspaceStore } from '../../core/store';
import { bundledTemplates, templateLanguage } from '../../core/templates/bundled';
import { documentHtml } from '../../core/templates/documentHtml';
import { renderDocumentPdf } from '../../core/templates/documentPdf';
import { segmentMessages } from '../../core/templates/segmentMessages';
import { parseTemplate, renderTemplate, type Template, TEMPLATES_FOLDER } from '../../core/templates/template';
import { createFileAtomic, replaceFileAtomic } from '../atomicWrite';
import { chooseFormat, clientRecord, formatsHelp, type CliContext } from '../context';
import { cliFonts } from '../pdfFonts';
import { UsageError } from '../usageError';
import { matchingClients } from './query';

const FORMATS = ['md', 'html', 'pdf'] as const;

interface RenderOptions {
  invoice?: string;
  segment?: string;
  out?: string;
  force?: boolean;
}

/** `.crm/templates/<name>.md`, else the bundled template of the workspace's language. */
function loadTemplate(root: string, store: WorkspaceStore, name: string): Template {
  const file = `${TEMPLATES_FOLDER}/${name.replace(/\.md$/i, '')}.md`;
  const full = path.join(root, file);
  const bundled = bundledTemplates(templateLanguage(store.config.locale))[`${name.replace(/\.md$/i, '')}.md`];
  const text = fs.existsSync(full) ? fs.readFileSync(full, 'utf8') : bundled;
  if (text === undefined) {
    const known = [...new Set([...Object.keys(bundledTemplates('ru')), ...(fs.existsSync(path.join(root, TEMPLATES_FOLDER)) ? fs.readdirSync(path.join(root, TEMPLATES_FOLDER)) : [])])].filter((f) => f.endsWith('.md')).map((f) => f.slice(0, -3));
    throw new UsageError(t('render: no template "{0}" in {1} (known: {2})', name, TEMPLATES_FOLDER, known.sort().join(', ')));
  }
  const { template, problems } = parseTemplate(file, text);
  if (!template) throw new UsageError(problems.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
  return template;
}

function invoiceFor(store: WorkspaceStore, number: string): CrmRecord {
  const found = store.invoices().filter((r) => r.data.number === number || r.id === number);
  if (found.length !== 1) throw new UsageError(found.length === 0 ? t('render: no invoice {0}', number) : t('render: {0} invoices carry the number {1}', found.length, number));
  return found[0]!;
}

async function writeOut(root: string, out: string, text: string | Buffer, force: boolean | undefined): Promise<string> {
  const file = path.resolve(root, out);
  const written = force ? (await replaceFileAtomic(file, text), true) : await createFileAtomic(file, text);
  if (!written) throw new UsageError(t('{0} exists; use --force to replace it or --out for another file', path.relative(root, file)));
  return file;
}

export function registerRender(program: Command, context: () => CliContext): void {
  program
    .command('render')
    .argument('<template>', t('a template of .crm/templates/ (or a bundled one): proposal, contract, act, birthday…'))
    .argument('[client]', t('the client id (the file name without .md)'))
    .description(t('fill a document or message template from a client record; nothing is sent'))
    .option('--invoice <number>', t('the invoice the template speaks of (an act, a payment reminder)'))
    .option('--segment <segment-or-query>', t('one message per consenting client of a segment or query, as CSV for a mailing service (with --out)'))
    .option('--out <file>', t('write to this file instead of standard output'))
    .option('--force', t('replace the output file when it exists'))
    .addHelpText('after', `${formatsHelp(FORMATS)}\n${t('Examples:')}\n  plain-crm render proposal anna-smirnova --format html --out exports/proposal.html\n  plain-crm render act yulia-tarasova --invoice INV-2026-0001\n  plain-crm render birthday --segment 'birthday-soon' --out exports/birthday.csv`)
    .action(async (name: string, clientId: string | undefined, options: RenderOptions) => {
      const ctx = context();
      const format = chooseFormat(ctx.format, FORMATS, 'render');
      const store = await ctx.loadStore();
      const template = loadTemplate(ctx.root, store, name);
      const invoice = options.invoice === undefined ? undefined : invoiceFor(store, options.invoice);
      const missing = new Set<string>();

      if (options.segment !== undefined) {
        if (options.out === undefined) throw new UsageError(t('render --segment writes a CSV: give --out <file.csv>'));
        const { records } = matchingClients(store, options.segment, ctx.today);
        const messages = segmentMessages(template, records, store.config, ctx.today, (id) => store.get(id));
        for (const m of messages.missing) missing.add(m);
        const file = await writeOut(ctx.root, options.out, toCsv(messages.header, messages.rows, { bom: true }), options.force);
        process.stderr.write(`${path.relative(ctx.root, file)}: ${summaryLine(messages.summary)}\n`);
      } else {
        if (clientId === undefined) throw new UsageError(t('render: give a client id, or --segment for a CSV of messages'));
        const client = clientRecord(store, clientId);
        const rendered = renderTemplate(template, { client, config: store.config, today: ctx.today, ...(invoice && { invoice }) }, format === 'html');
        for (const m of rendered.missing) missing.add(m);
        if (format === 'pdf') {
          if (options.out === undefined) throw new UsageError(t('render --format pdf writes a file: give --out <file.pdf>'));
          const pdf = await renderDocumentPdf(rendered.text, template.meta.title, await cliFonts());
          process.stderr.write(`${path.relative(ctx.root, await writeOut(ctx.root, options.out, pdf, options.force))}\n`);
        } else {
          const text = format === 'html' ? documentHtml(template.meta.title, rendered.text, template.meta.lang) : `${rendered.subject !== undefined ? `${rendered.subject}\n\n` : ''}${rendered.text}`;
          if (options.out === undefined) process.stdout.write(text);
          else process.stderr.write(`${path.relative(ctx.root, await writeOut(ctx.root, options.out, text, options.force))}\n`);
        }
      }
      if (missing.size > 0) process.stderr.write(`${t('render: no value for {0}: marked in the text', [...missing].join(', '))}\n`);
    });

  const templates = program.command('templates').description(t('document and message templates'));
  templates
    .command('init')
    .description(t('copy the bundled templates into .crm/templates/ to edit them (existing files are kept)'))
    .option('--lang <language>', t('ru or en (default: the workspace locale)'))
    .action(async (options: { lang?: string }) => {
      const ctx = context();
      const store = await ctx.loadStore();
      const lang = options.lang ?? templateLanguage(store.config.locale);
      if (lang !== 'ru' && lang !== 'en') throw new UsageError(t('--lang: "{0}" is not supported; use en or ru', lang));
      for (const [file, text] of Object.entries(bundledTemplates(lang))) {
        const target = path.join(ctx.root, TEMPLATES_FOLDER, file);
        const created = await createFileAtomic(target, text);
        process.stdout.write(`${created ? '+' : '='} ${TEMPLATES_FOLDER}/${file}\n`);
      }
    });
}
