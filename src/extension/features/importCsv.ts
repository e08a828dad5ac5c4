// "Import Clients from CSV…": a spreadsheet's CSV (picked, or right-clicked in the Explorer) becomes
// client records through the core's import plan (core/import). The plan goes to the output channel
// and the user confirms it, may edit the column mapping first, and the whole import is one
// `WorkspaceEdit`: every file or none, one undo step, unsaved editors respected.
import * as vscode from 'vscode';
import { mapColumns, mappingText, parseMapOption } from '../../core/import/columnMap';
import { readCsvTable, type CsvTable } from '../../core/import/csvTable';
import { type ImportPlan, importCounts, importSummary, planImport, planLines } from '../../core/import/importPlan';
import type { TextEdit } from '../../core/edit/textEdit';
import type { FeatureContext } from '../featureContext';
import { registerWriteCommand } from '../trust';

/** What the command returns (for tests and other extensions): the files it created and updated. */
export interface ImportResult {
  created: string[];
  updated: string[];
  skipped: number;
}

interface ImportOptions {
  /** `--map` syntax: `Column=field, Other=-`. */
  map?: string;
  /** Import without asking (integration tests, scripts). */
  assumeYes?: boolean;
}

function countsText(plan: ImportPlan): string {
  const c = importCounts(plan);
  return vscode.l10n.t('Create {0}, update {1}, unchanged {2}, skipped {3}, conflicts {4}.', c.created, c.updated, c.unchanged, c.skipped, c.conflicts);
}

async function pickCsv(ctx: FeatureContext): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: vscode.l10n.t('Import clients from CSV'),
    defaultUri: vscode.Uri.file(ctx.store.root),
    canSelectMany: false,
    filters: { [vscode.l10n.t('CSV files')]: ['csv', 'txt', 'tsv'] },
    openLabel: vscode.l10n.t('Import'),
  });
  return picked?.[0];
}

/** The file's current text: an open editor's (maybe unsaved), else what the store read. */
export async function currentText(ctx: FeatureContext, file: string): Promise<string | undefined> {
  const uri = vscode.Uri.joinPath(vscode.Uri.file(ctx.store.root), file);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  return open ? open.getText() : ctx.store.textOf(file);
}

/** A file an import changes: a new one, or edits of the text it was planned from. */
export type FileChange = { kind: 'create'; file: string; text: string } | { kind: 'update'; file: string; base: string; edits: readonly TextEdit[] };

/**
 * Applies an import as one WorkspaceEdit (every file or none, one undo step); false when a file
 * changed since it was planned or VS Code refused. Files without unsaved work are saved after.
 */
export async function applyChanges(ctx: FeatureContext, changes: readonly (FileChange | { kind: 'unchanged' | 'skipped' })[], label: string): Promise<boolean> {
  const root = vscode.Uri.file(ctx.store.root);
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = { label, needsConfirmation: false };
  const wasClean: vscode.Uri[] = [];
  const written: string[] = [];
  for (const o of changes) {
    if (o.kind === 'create' || o.kind === 'update') written.push(o.file);
    if (o.kind === 'create') {
      edit.createFile(vscode.Uri.joinPath(root, o.file), { contents: new TextEncoder().encode(o.text), overwrite: false }, metadata);
    } else if (o.kind === 'update') {
      const uri = vscode.Uri.joinPath(root, o.file);
      const document = await vscode.workspace.openTextDocument(uri);
      // Edited while the user read the plan: the edits' offsets no longer fit; import nothing.
      if (document.getText() !== o.base) return false;
      if (!document.isDirty) wasClean.push(uri);
      for (const e of o.edits) edit.replace(uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.newText, metadata);
    }
  }
  if (!(await vscode.workspace.applyEdit(edit))) return false;
  // Save what had no unsaved work before (as every other edit of ours); an editor the user was
  // typing in keeps the import's change unsaved along with theirs.
  for (const uri of wasClean) {
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
  }
  for (const file of written) await ctx.store.updateFile(file, await currentText(ctx, file));
  return true;
}

/** The column mapping as `--map` text, for the user to edit; undefined when they cancel. */
function askMapping(file: string, value: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ title: vscode.l10n.t('Columns of {0}', file), value, prompt: vscode.l10n.t('Column=field, separated by commas; Column=- skips a column.') });
}

async function readTable(uri: vscode.Uri): Promise<CsvTable | string> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  const table = readCsvTable(bytes);
  return 'error' in table ? table.error : table;
}

export function registerImportCsv(ctx: FeatureContext): vscode.Disposable[] {
  const run = async (target?: vscode.Uri, options: ImportOptions = {}): Promise<ImportResult | undefined> => {
    await ctx.ready;
    const uri = target instanceof vscode.Uri ? target : await pickCsv(ctx);
    if (!uri) return undefined;
    const name = vscode.workspace.asRelativePath(uri);
    const table = await readTable(uri);
    if (typeof table === 'string') {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not imported: {1}', name, table));
      return undefined;
    }
    let map = options.map ?? '';
    for (;;) {
      const overrides = parseMapOption(map);
      const mappings = 'error' in overrides ? overrides : mapColumns(table.header, overrides);
      if ('error' in mappings) {
        const edit = vscode.l10n.t('Edit Column Mapping…');
        if (options.assumeYes || (await vscode.window.showErrorMessage(vscode.l10n.t('{0}: {1}', name, mappings.error), edit)) !== edit) return undefined;
        const next = await askMapping(name, map || table.header.map((h) => `${h}=`).join(', '));
        if (next === undefined) return undefined;
        map = next;
        continue;
      }
      const taken = new Set(ctx.store.files().map((f) => f.file.toLowerCase()));
      const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Planning the import of {0}…', name) }, () =>
        planImport(table, mappings, {
          config: ctx.store.config,
          records: ctx.store.clients({ includeArchived: true }),
          textOf: (file) => currentText(ctx, file),
          exists: (file) => taken.has(file.toLowerCase()),
          today: ctx.today(),
          playbooks: { rules: ctx.store.playbooks, context: ctx.queries.computeContext() },
        }),
      );
      const output = ctx.output();
      output.appendLine(`${name}: ${table.encoding}, "${table.delimiter === '\t' ? 'tab' : table.delimiter}", ${table.rows.length} rows; ${mappingText(mappings)}`);
      for (const line of planLines(plan)) output.appendLine(`  ${line}`);
      output.appendLine(`  ${importSummary(plan)}`);
      const counts = importCounts(plan);
      const result: ImportResult = {
        created: plan.outcomes.flatMap((o) => (o.kind === 'create' ? [o.file] : [])),
        updated: plan.outcomes.flatMap((o) => (o.kind === 'update' ? [o.file] : [])),
        skipped: counts.skipped,
      };
      const showPlan = vscode.l10n.t('Show Plan');
      if (counts.created + counts.updated === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('{0}: nothing to import. {1}', name, countsText(plan)), showPlan).then((c) => c === showPlan && output.show(true));
        return result;
      }
      if (!options.assumeYes) {
        const importLabel = vscode.l10n.t('Import');
        const editLabel = vscode.l10n.t('Edit Column Mapping…');
        let choice: string | undefined;
        do {
          choice = await vscode.window.showInformationMessage(
            vscode.l10n.t('Import {0} rows from {1}?', table.rows.length, name),
            { modal: true, detail: `${countsText(plan)}\n\n${mappingText(mappings)}` },
            importLabel,
            editLabel,
            showPlan,
          );
          if (choice === showPlan) output.show(true);
        } while (choice === showPlan);
        if (choice === editLabel) {
          const next = await askMapping(name, mappingText(mappings));
          if (next === undefined) return undefined;
          map = next;
          continue;
        }
        if (choice !== importLabel) return undefined;
      }
      if (!(await applyChanges(ctx, plan.outcomes, vscode.l10n.t('Import {0}', name)))) {
        void vscode.window.showErrorMessage(vscode.l10n.t('VS Code did not apply the import of {0}; nothing was changed.', name));
        return undefined;
      }
      void vscode.window.showInformationMessage(vscode.l10n.t('Imported {0}. {1}', name, countsText(plan)), showPlan).then((c) => c === showPlan && output.show(true));
      return result;
    }
  };
  // From the Explorer the second argument is the list of selected files, not options.
  return [registerWriteCommand('plainCrm.importCsv', (uri?: vscode.Uri, options?: ImportOptions | vscode.Uri[]) => run(uri, Array.isArray(options) ? {} : options))];
}
