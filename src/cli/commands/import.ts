// `plain-crm import csv <file>`: client records from a spreadsheet's CSV (PRODUCT.md §4, §9). The
// whole plan is computed first; then every file is written atomically, and if one write fails the
// ones already written are put back, so an import lands whole or not at all.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { createComputeContext } from '../../core/computed';
import { mapColumns, mappingText, parseMapOption } from '../../core/import/columnMap';
import { CSV_ENCODINGS, type CsvEncoding, readCsvTable } from '../../core/import/csvTable';
import { type ImportPlan, importCounts, importSummary, planImport, planLines } from '../../core/import/importPlan';
import { planSuppressions, readAddressList, suppressionSummary } from '../../core/import/suppressions';
import { t } from '../../core/i18n';
import { createFileAtomic, replaceFileAtomic } from '../atomicWrite';
import type { CliContext } from '../context';
import { UsageError } from '../usageError';

interface ImportOptions {
  dryRun?: boolean;
  map?: string;
  encoding?: string;
  delimiter?: string;
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ';': ';', ',': ',', tab: '\t', '\\t': '\t', '\t': '\t' };

/** A file an import writes: a new one (no `base`), or a replacement of the text it was planned from. */
interface FileWrite {
  file: string;
  text: string;
  base?: string;
}

/** Writes the files; on a failure, undoes what was written and rethrows. */
async function writeFiles(root: string, writes: readonly FileWrite[]): Promise<void> {
  const undo: (() => Promise<void>)[] = [];
  try {
    for (const w of writes) {
      const file = path.join(root, w.file);
      if (w.base === undefined) {
        if (!(await createFileAtomic(file, w.text))) throw new Error(t('{0} appeared while importing; nothing was imported', w.file));
        undo.push(() => fs.promises.rm(file, { force: true }));
      } else {
        const before = await fs.promises.readFile(file);
        // Someone saved the record since the plan read it: their version wins, nothing is imported.
        if (before.toString('utf8') !== w.base) throw new Error(t('{0} changed on disk while importing; nothing was imported', w.file));
        await replaceFileAtomic(file, w.text);
        undo.push(() => replaceFileAtomic(file, before));
      }
    }
  } catch (error) {
    for (const step of undo.reverse()) await step().catch(() => undefined);
    throw error;
  }
}

/** Writes the plan's files; on a failure, undoes what was written and rethrows. */
export async function writePlan(root: string, plan: ImportPlan): Promise<void> {
  await writeFiles(
    root,
    plan.outcomes.flatMap((o): FileWrite[] => (o.kind === 'create' ? [{ file: o.file, text: o.text }] : o.kind === 'update' ? [{ file: o.file, text: o.text, base: o.base }] : [])),
  );
}

async function readInput(input: string): Promise<Buffer> {
  try {
    return await fs.promises.readFile(path.resolve(input));
  } catch (error) {
    throw new UsageError((error as NodeJS.ErrnoException).code === 'ENOENT' ? t('{0}: file not found', input) : `${input}: ${(error as Error).message}`);
  }
}

function encodingOption(encoding: string | undefined): CsvEncoding | undefined {
  if (encoding !== undefined && !CSV_ENCODINGS.includes(encoding.toLowerCase() as CsvEncoding)) {
    throw new UsageError(t('--encoding: "{0}" is not one of {1}', encoding, CSV_ENCODINGS.join(', ')));
  }
  return encoding?.toLowerCase() as CsvEncoding | undefined;
}

/** `import unsubscribes|bounces <file>`: marks the people on the service's list, nothing else. */
function registerSuppressions(importCommand: Command, context: () => CliContext): void {
  for (const kind of ['unsubscribes', 'bounces'] as const) {
    importCommand
      .command(`${kind} <file>`)
      .description(
        kind === 'unsubscribes'
          ? t('mark the addresses of a mailing service\'s unsubscribe list: unsubscribed: true and unsubscribed_on, nothing else changes')
          : t('mark the addresses of a mailing service\'s bounce list: email_status: bounced and email_status_on, nothing else changes'),
      )
      .option('--dry-run', t('print what would change and write nothing'))
      .option('--encoding <encoding>', t("the file's encoding: {0} (default: detected)", CSV_ENCODINGS.join(', ')))
      .addHelpText('after', `\n${t('The file: a CSV with an e-mail column, or one address per line.')}`)
      .action(async (input: string, options: { dryRun?: boolean; encoding?: string }) => {
        const ctx = context();
        const encoding = encodingOption(options.encoding);
        const list = readAddressList(await readInput(input), encoding);
        if ('error' in list) throw new UsageError(`${input}: ${list.error}`);
        const store = await ctx.loadStore();
        const plan = await planSuppressions(kind, list.addresses, store.clients({ includeArchived: true }), ctx.today, (file) => store.textOf(file));
        for (const change of plan.changes) process.stdout.write(`${change.file}: ${change.people.join(', ')}\n`);
        if (!options.dryRun) {
          try {
            await writeFiles(ctx.root, plan.changes);
          } catch (error) {
            throw new UsageError(t('nothing was imported: {0}', error instanceof Error ? error.message : String(error)));
          }
        }
        const summary = suppressionSummary(kind, plan);
        process.stderr.write(`${options.dryRun ? t('dry run, nothing written: {0}', summary) : summary}\n`);
        if (plan.notFound.length > 0) process.stderr.write(`  ${t('not found: {0}', plan.notFound.join(', '))}\n`);
        if (list.invalid.length > 0) process.stderr.write(`  ${t('not an e-mail address: {0}', list.invalid.join(', '))}\n`);
        for (const refused of plan.refused) process.stderr.write(`  ${t('{0} was not changed: {1}', refused.file, refused.error)}\n`);
        if (plan.refused.length > 0) process.exitCode = 1;
      });
  }
}

export function registerImport(program: Command, context: () => CliContext): void {
  const importCommand = program.command('import').description(t('add or update client records from other tools'));
  importCommand
    .command('csv <file>')
    .description(t('one record per row of a CSV (Excel, Google Sheets); rows that match a record by e-mail or phone fill its empty fields'))
    .option('--dry-run', t('print what would change and write nothing'))
    .option('--map <"Column=field,…">', t('map columns to fields ("Column=-" skips one); the rest are guessed from the headers'))
    .option('--encoding <encoding>', t("the file's encoding: {0} (default: detected)", CSV_ENCODINGS.join(', ')))
    .option('--delimiter <char>', t('the cell delimiter: ";", "," or tab (default: detected from the header line)'))
    .addHelpText('after', `\n${t('Exit code: 0 when every row was imported, 1 when rows were skipped (see the reasons), 2 on bad arguments or an unreadable file.')}`)
    .action(async (input: string, options: ImportOptions) => {
      const ctx = context();
      const encoding = encodingOption(options.encoding);
      const delimiter = options.delimiter === undefined ? undefined : DELIMITER_NAMES[options.delimiter];
      if (options.delimiter !== undefined && delimiter === undefined) throw new UsageError(t('--delimiter: "{0}" is not ";", "," or tab', options.delimiter));
      const overrides = options.map === undefined ? new Map<string, string>() : parseMapOption(options.map);
      if ('error' in overrides) throw new UsageError(String(overrides.error));

      const bytes = await readInput(input);
      const table = readCsvTable(bytes, { ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) });
      if ('error' in table) throw new UsageError(`${input}: ${table.error}`);
      const mappings = mapColumns(table.header, overrides);
      if ('error' in mappings) throw new UsageError(`${input}: ${mappings.error}`);

      const store = await ctx.loadStore();
      const plan = await planImport(table, mappings, {
        config: store.config,
        records: store.clients({ includeArchived: true }),
        textOf: (file) => store.textOf(file),
        exists: (file) => fs.existsSync(path.join(ctx.root, file)),
        today: ctx.today,
        playbooks: { rules: store.playbooks, context: createComputeContext(store.clients({ includeArchived: true }), store.invoices(), store.config, ctx.today, store.campaigns()) },
      });
      const delimiterName = table.delimiter === '\t' ? 'tab' : table.delimiter;
      const read = [input, table.encoding, delimiterName, table.rows.length, mappingText(mappings)] as const;
      process.stderr.write(`${table.rows.length === 1 ? t('{0}: {1}, "{2}"-separated, {3} row; columns: {4}', ...read) : t('{0}: {1}, "{2}"-separated, {3} rows; columns: {4}', ...read)}\n`);
      const lines = planLines(plan);
      if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
      if (!options.dryRun) {
        try {
          await writePlan(ctx.root, plan);
        } catch (error) {
          throw new UsageError(t('nothing was imported: {0}', error instanceof Error ? error.message : String(error)));
        }
      }
      process.stderr.write(`${options.dryRun ? t('dry run, nothing written: {0}', importSummary(plan)) : importSummary(plan)}\n`);
      if (importCounts(plan).skipped > 0) process.exitCode = 1;
    });
  registerSuppressions(importCommand, context);
}
