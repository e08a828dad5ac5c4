// The Problems panel for the whole workspace (PRODUCT.md §4 Diagnostics): every record file, open
// or not, with the same codes and positions as `plain-crm lint`. A change re-lints only what it
// touched (`LiveLint`) and republishes only the files whose problems changed; the time rules are
// re-run when the date changes under a running window.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LiveLint } from '../../core/lint';
import type { Problem } from '../../core/model';
import { slicer } from '../../core/slices';
import type { StoreChange } from '../../core/store';
import type { FeatureContext } from '../featureContext';

export const DIAGNOSTIC_SOURCE = 'Plain CRM';
/** Edits come in bursts (typing in a record): lint once the burst settles. */
const SETTLE_MS = 250;
const DAY_CHECK_MS = 10 * 60 * 1000;
const SLICE_MS = 10;

/** For the integration tests: resolves when the problems of every change so far are published. */
export interface DiagnosticsHandle {
  settled(): Promise<void>;
  collection: vscode.DiagnosticCollection;
  /** Files whose record rules ran in the last lint (the others' problems came from the cache). */
  linted(): number;
}

function severity(p: Problem): vscode.DiagnosticSeverity {
  return p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
}

function signature(problems: readonly Problem[]): string {
  return problems.map((p) => `${p.range.start.line}:${p.range.start.column}:${p.range.end.column}:${p.severity}:${p.code}:${p.message}`).join('\n');
}

export function toDiagnostic(root: string, p: Problem): vscode.Diagnostic {
  const start = new vscode.Position(Math.max(0, p.range.start.line - 1), Math.max(0, p.range.start.column - 1));
  const end = new vscode.Position(Math.max(0, p.range.end.line - 1), Math.max(start.character, p.range.end.column - 1));
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), p.message, severity(p));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = p.code;
  if (p.related) {
    diagnostic.relatedInformation = p.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(vscode.Uri.file(path.join(root, r.file)), new vscode.Position(Math.max(0, r.line - 1), Math.max(0, r.column - 1))), r.message),
    );
  }
  return diagnostic;
}

export function registerDiagnostics(ctx: FeatureContext): vscode.Disposable[] {
  const { store } = ctx;
  const collection = vscode.languages.createDiagnosticCollection('plain-crm');
  const live = new LiveLint(store);
  // Record problems kept beside the model cache: a warm start lints only the files that changed.
  const storage = ctx.extension.storageUri;
  const cacheFile = storage?.scheme === 'file' ? path.join(storage.fsPath, 'lint.json') : undefined;
  const published = new Map<string, string>();
  const pending = new Set<string>();
  let full = true;
  let day = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();
  let loaded = false;

  const publish = async (): Promise<void> => {
    const byFile = new Map<string, Problem[]>();
    for (const p of live.problems()) {
      const list = byFile.get(p.file);
      if (list) list.push(p);
      else byFile.set(p.file, [p]);
    }
    for (const file of published.keys()) {
      if (!byFile.has(file)) {
        collection.delete(vscode.Uri.file(path.join(store.root, file)));
        published.delete(file);
      }
    }
    const pause = slicer(SLICE_MS);
    for (const [file, problems] of byFile) {
      const sig = signature(problems);
      if (published.get(file) === sig) continue;
      published.set(file, sig);
      collection.set(vscode.Uri.file(path.join(store.root, file)), problems.map((p) => toDiagnostic(store.root, p)));
      // The first publish at 10k records is 10k files: the host serves other work between slices.
      await pause();
    }
  };

  const lint = async (): Promise<void> => {
    const today = ctx.today();
    if (full || today !== day) {
      full = false;
      pending.clear();
      day = today;
      await (cacheFile === undefined ? live.run(today) : live.runCached(today, cacheFile, SLICE_MS));
    } else if (pending.size > 0) {
      const files = [...pending];
      pending.clear();
      await live.update(files);
    } else {
      return;
    }
    await publish();
  };

  const schedule = (delay = SETTLE_MS): void => {
    if (!loaded) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      running = running.then(lint).catch((error: unknown) => {
        ctx.output().appendLine(`lint failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      });
    }, delay);
  };

  const unsubscribe = store.onDidChange((change: StoreChange) => {
    if (change.reloaded) full = true;
    else for (const file of change.files) pending.add(file);
    schedule();
  });
  ctx.ready.then(
    () => {
      loaded = true;
      schedule(0);
    },
    () => undefined,
  );
  const dayCheck = setInterval(() => {
    if (ctx.today() !== day) schedule(0);
  }, DAY_CHECK_MS);

  ctx.exports.diagnostics = {
    collection,
    linted: () => live.linted,
    async settled() {
      await ctx.ready;
      // Whatever is scheduled or running now, then anything it scheduled in turn.
      for (;;) {
        const current = running;
        await current;
        if (timer === undefined && current === running) return;
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      }
    },
  };
  return [collection, new vscode.Disposable(unsubscribe), new vscode.Disposable(() => clearInterval(dayCheck)), new vscode.Disposable(() => timer && clearTimeout(timer))];
}
