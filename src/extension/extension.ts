// activate(): builds the store of the first workspace folder, registers each feature, and returns
// at once; the workspace loads after activate returns (PRODUCT.md §5: activation ≤ 50 ms).
import * as path from 'node:path';
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { CONFIG_FILE } from '../core/config';
import { languageOf, useLanguage } from '../core/i18n';
import { WorkspaceStore } from '../core/store';
import { today } from './clock';
import type { Feature, FeatureContext, FeatureExports } from './featureContext';
import { registerContactPersons } from './contactPersonItems';
import { registerDiagnostics } from './features/diagnostics';
import { registerQuickFixes } from './features/quickFixes';
import { registerCleanUpPipeline } from './features/cleanUpPipeline';
import { registerMergeDuplicates } from './features/mergeDuplicates';
import { registerCreateWorkspace } from './features/createWorkspace';
import { registerDashboard } from './features/dashboard';
import { registerExportSegment } from './features/exportSegment';
import { registerCalendarExports } from './features/calendarExports';
import { registerImportCsv } from './features/importCsv';
import { registerImportSuppressions } from './features/importSuppressions';
import { registerInvoices } from './features/invoices';
import { registerTimeTracking } from './features/timeTracking';
import { registerLogContact } from './features/logContact';
import { registerMoveStage } from './features/moveStage';
import { registerDeals } from './features/deals';
import { registerMyClients } from './features/myClients';
import { registerNeedsAttentionView } from './features/needsAttentionView';
import { registerDocuments } from './features/documents';
import { registerRecordConsent } from './features/recordConsent';
import { registerRunPlaybooks } from './features/runPlaybooks';
import { registerSortClients } from './features/sortClients';
import { registerTaskCommands } from './features/taskCommands';
import { registerTasksView } from './features/tasksView';
import { registerNewClient } from './features/newClient';
import { registerPipelineView } from './features/pipelineView';
import { registerRecordCompletion } from './features/recordCompletion';
import { registerSearchCommand } from './features/searchCommand';
import { registerSegmentsView } from './features/segmentsView';
import { registerStatsCommand } from './features/statsCommand';
import { registerStoreSync } from './features/storeSync';
import { userSettings } from './settings';
import { WorkspaceQueries } from './workspaceQueries';

/** When this module's own code starts: every bundled dependency has been evaluated by then. */
const modulesReady = performance.now();

/** Features in registration order; each lives in its own file under features/. */
const FEATURES: readonly Feature[] = [
  registerStoreSync,
  registerPipelineView,
  registerSegmentsView,
  registerNeedsAttentionView,
  registerContactPersons,
  registerTasksView,
  registerMoveStage,
  registerDeals,
  registerLogContact,
  registerTaskCommands,
  registerRunPlaybooks,
  registerNewClient,
  registerCleanUpPipeline,
  registerMyClients,
  registerSortClients,
  registerSearchCommand,
  registerStatsCommand,
  registerDiagnostics,
  registerQuickFixes,
  registerRecordConsent,
  registerMergeDuplicates,
  registerInvoices,
  registerTimeTracking,
  registerDocuments,
  registerExportSegment,
  registerCalendarExports,
  registerImportCsv,
  registerImportSuppressions,
  registerDashboard,
  registerRecordCompletion,
  registerCreateWorkspace,
];

/** What `activate` returns: used by the integration tests (and open to other extensions). */
export interface PlainCrmApi extends FeatureExports {
  store: WorkspaceStore;
  queries: WorkspaceQueries;
  /** Resolves when the first load finished. */
  ready: Promise<void>;
  /** Milliseconds from the bundle's first statement to the end of activate() (PRODUCT.md §5: ≤ 50). */
  activationMs: number;
  /** The parts: evaluating the bundle, waiting for VS Code to call activate(), activate() itself. */
  activationParts: { load: number; wait: number; activate: number };
  /** `performance.now()` when the first load started and ended (the end is set once it has). */
  loadTimes: { start: number; end?: number };
  /**
   * The extension host's event-loop delay since activation, only when the environment has
   * PLAIN_CRM_MEASURE_LOOP=1 (`npm run bench -- --host`): a 5 ms timer is not free to keep running.
   */
  loopDelay?: IntervalHistogram;
}

export function activate(extension: vscode.ExtensionContext): PlainCrmApi | undefined {
  const activateStart = performance.now();
  // The core's messages (Problems panel, hovers) follow the UI language, as vscode.l10n does.
  useLanguage(languageOf(vscode.env.language));
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    registerWithoutFolder(extension);
    return undefined;
  }

  const storage = extension.storageUri?.scheme === 'file' ? extension.storageUri.fsPath : undefined;
  // The parsed model is cached beside the search index: a warm start parses only changed files.
  const store = new WorkspaceStore(folder.uri.fsPath, undefined, storage === undefined ? {} : { cacheFile: path.join(storage, 'model-cache.bin') });
  let output: vscode.OutputChannel | undefined;
  const loopDelay = process.env['PLAIN_CRM_MEASURE_LOOP'] === '1' ? monitorEventLoopDelay({ resolution: 5 }) : undefined;
  loopDelay?.enable();
  const loadTimes: PlainCrmApi['loadTimes'] = { start: Number.NaN };
  // Started after activate returns, so the window never waits for the disk.
  const ready = new Promise<void>((resolve, reject) =>
    setTimeout(() => {
      loadTimes.start = performance.now();
      store.load().then(() => {
        loadTimes.end = performance.now();
        resolve();
      }, reject);
    }, 0),
  );
  const cache = storage === undefined ? undefined : path.join(storage, 'search-index.json');
  const queries = new WorkspaceQueries(store, ready, today, cache, (line) => ctx.output().appendLine(line));
  extension.subscriptions.push(queries);
  // The index is built in a worker as soon as the records are there, so the first search is instant.
  void ready.then(() => queries.searchIndex()).catch(() => undefined);
  // Views format money and dates when they refresh: a new locale setting refreshes everything.
  extension.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('plainCrm.locale')) void ready.then(() => store.updateFile(CONFIG_FILE));
    }),
  );
  const ctx: FeatureContext = {
    extension,
    store,
    ready,
    queries,
    today,
    locale: () => userSettings().locale ?? store.config.locale ?? vscode.env.language,
    output: () => {
      if (!output) {
        output = vscode.window.createOutputChannel('Plain CRM');
        extension.subscriptions.push(output);
      }
      return output;
    },
    exports: {},
  };
  ctx.ready.catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    ctx.output().appendLine(`load failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Plain CRM could not load the workspace: {0}', message));
  });

  for (const feature of FEATURES) extension.subscriptions.push(...feature(ctx));
  // A getter view of `exports`, so the API sees what features set later (the open search pick).
  const loadStart = (globalThis as { __plainCrmLoadStart?: number }).__plainCrmLoadStart ?? activateStart;
  const end = performance.now();
  const activationParts = { load: modulesReady - loadStart, wait: activateStart - modulesReady, activate: end - activateStart };
  return Object.assign(Object.create(ctx.exports) as FeatureExports, { store, queries, ready: ctx.ready, activationMs: end - loadStart, activationParts, loadTimes, ...(loopDelay && { loopDelay }) });
}

/** With no folder open, the commands explain what they need instead of failing. */
function registerWithoutFolder(extension: vscode.ExtensionContext): void {
  const contributes = (extension.extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes;
  for (const { command } of contributes?.commands ?? []) {
    extension.subscriptions.push(
      vscode.commands.registerCommand(command, () =>
        vscode.window.showWarningMessage(vscode.l10n.t('Plain CRM works on a folder of client records. Open a folder first.')),
      ),
    );
  }
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
