// What every feature receives from `activate`: the store of the first workspace folder, a promise
// for its first load, and the few shared services (clock, locale, output channel).
import * as vscode from 'vscode';
import type { WorkspaceStore } from '../core/store';
import type { DashboardHandle } from './features/dashboard';
import type { DiagnosticsHandle } from './features/diagnostics';
import type { DocumentsHandle } from './features/documents';
import type { PipelineDragAndDrop } from './features/moveStage';
import type { NeedsAttentionProvider } from './features/needsAttentionView';
import type { PipelineProvider, PipelineTreeNode } from './features/pipelineView';
import type { SearchPickHandle } from './features/searchCommand';
import type { SegmentsProvider, SegmentTreeNode } from './features/segmentsView';
import type { TasksProvider } from './features/tasksView';
import type { WorkspaceQueries } from './workspaceQueries';

/** What features hand to the API `activate` returns (for integration tests and other extensions). */
export interface FeatureExports {
  pipelineProvider?: PipelineProvider;
  pipelineView?: vscode.TreeView<PipelineTreeNode>;
  pipelineDragAndDrop?: PipelineDragAndDrop;
  segmentsProvider?: SegmentsProvider;
  needsAttentionProvider?: NeedsAttentionProvider;
  tasksProvider?: TasksProvider;
  documents?: DocumentsHandle;
  segmentsView?: vscode.TreeView<SegmentTreeNode>;
  diagnostics?: DiagnosticsHandle;
  /** The open dashboard, if any. */
  dashboard?: DashboardHandle | undefined;
  /** The open "Search clients" quick pick, if any. */
  searchPick?: SearchPickHandle | undefined;
}

export interface FeatureContext {
  readonly extension: vscode.ExtensionContext;
  readonly store: WorkspaceStore;
  /** Resolves when the first load finished; rejects when it failed. */
  readonly ready: Promise<void>;
  /** Computed fields and the full-text index over the store, shared by views and commands. */
  readonly queries: WorkspaceQueries;
  /** Today's date as YYYY-MM-DD (local time; `PLAIN_CRM_TODAY` pins it, as in the CLI). */
  today(): string;
  /** The locale for numbers, money and dates: `locale` in the config, else VS Code's UI language. */
  locale(): string;
  /** The "Plain CRM" output channel, created on first use. */
  output(): vscode.OutputChannel;
  readonly exports: FeatureExports;
}

/** A feature registers itself and returns what to dispose on deactivation. */
export type Feature = (ctx: FeatureContext) => vscode.Disposable[];
