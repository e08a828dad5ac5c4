// Keeps the store in step with the disk: VS Code's file watcher feeds changed and deleted files to
// the store in small batches (a `git pull` touching 500 files is one update, one view refresh).
import * as vscode from 'vscode';
import type { FeatureContext } from '../featureContext';
import { workspaceFile } from '../workspaceFile';

/** How long to gather events before applying them. */
const BATCH_MS = 50;

export function registerStoreSync(ctx: FeatureContext): vscode.Disposable[] {
  const { store } = ctx;
  const changed = new Set<string>();
  const removed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const relative = (uri: vscode.Uri): string | undefined => {
    const file = workspaceFile(store.root, uri);
    return file === undefined || store.kindOf(file) === undefined ? undefined : file;
  };

  /** The unsaved text of an open editor of `file`, which the views follow rather than the disk. */
  const unsavedText = (file: string): string | undefined => vscode.workspace.textDocuments.find((d) => d.isDirty && relative(d.uri) === file)?.getText();

  const flush = (): void => {
    timer = undefined;
    // A file changed on disk while its editor has unsaved edits (a late watcher event, a tool
    // writing the file): the store keeps the editor's text, as it shows what the user sees.
    const edited = [...changed].flatMap((file): [string, string][] => {
      const text = unsavedText(file);
      return text === undefined ? [] : [[file, text]];
    });
    const toChange = [...changed].filter((file) => !edited.some(([f]) => f === file));
    const toRemove = [...removed];
    changed.clear();
    removed.clear();
    // One batch at a time, and never before the first load: it would be overwritten.
    running = running
      .then(() => ctx.ready)
      .then(async () => {
        await store.updateFiles(toChange, toRemove);
        for (const [file, text] of edited) await store.updateFile(file, text);
      })
      .catch((error: unknown) => ctx.output().appendLine(`update failed: ${error instanceof Error ? error.message : String(error)}`));
  };

  const queue = (uri: vscode.Uri, deleted: boolean): void => {
    const file = relative(uri);
    if (file === undefined) return;
    if (deleted) {
      changed.delete(file);
      removed.add(file);
    } else {
      removed.delete(file);
      changed.add(file);
    }
    timer ??= setTimeout(flush, BATCH_MS);
  };

  // Unsaved edits in an editor count too: the views follow what the user sees. Closing an
  // unsaved editor without saving goes back to the disk's version.
  const typed = new Map<string, string>();
  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const flushTyped = (): void => {
    typingTimer = undefined;
    const batch = [...typed];
    typed.clear();
    running = running
      .then(() => ctx.ready)
      .then(async () => {
        for (const [file, text] of batch) await store.updateFile(file, text);
      })
      .catch((error: unknown) => ctx.output().appendLine(`update failed: ${error instanceof Error ? error.message : String(error)}`));
  };
  const onType = (document: vscode.TextDocument): void => {
    const file = relative(document.uri);
    if (file === undefined) return;
    if (!document.isDirty) {
      // A change that leaves the editor clean is a revert (or an undo back to the saved text):
      // the unsaved text the store was following is gone, so it goes back to the disk's version.
      typed.delete(file);
      queue(document.uri, false);
      return;
    }
    typed.set(file, document.getText());
    typingTimer ??= setTimeout(flushTyped, BATCH_MS * 4);
  };

  const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(store.root, '**/*.{md,yaml,yml}'));
  return [
    vscode.workspace.onDidChangeTextDocument((event) => onType(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.isDirty) queue(document.uri, false);
    }),
    watcher,
    watcher.onDidCreate((uri) => queue(uri, false)),
    watcher.onDidChange((uri) => queue(uri, false)),
    watcher.onDidDelete((uri) => queue(uri, true)),
    new vscode.Disposable(() => {
      if (timer) clearTimeout(timer);
      if (typingTimer) clearTimeout(typingTimer);
    }),
  ];
}
