// What every tree over the store shares: it stays empty until the first load, and it refreshes
// (dropping its cached roots) whenever the store or the "My clients" filter changes.
import * as vscode from 'vscode';
import type { StoreChange } from '../core/store';
import type { FeatureContext } from './featureContext';

export abstract class StoreTreeProvider<T> implements vscode.TreeDataProvider<T>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<T | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private loaded = false;
  private readonly unsubscribe: () => void;
  private readonly filterListener: vscode.Disposable;

  constructor(protected readonly ctx: FeatureContext) {
    this.unsubscribe = ctx.store.onDidChange((change) => this.refresh(change));
    this.filterListener = ctx.queries.onDidChangeFilter(() => this.refresh());
    ctx.ready.then(
      () => {
        this.loaded = true;
        this.refresh();
      },
      () => undefined,
    );
  }

  /** True once the first load finished (before that the view shows "Loading…"). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /** `change` names the files that changed; without it everything is rebuilt. */
  refresh(change?: StoreChange): void {
    this.invalidate(change);
    this.changeEmitter.fire(undefined);
  }

  /** Forgets cached nodes (or patches them for the files of `change`); called before every refresh. */
  protected abstract invalidate(change?: StoreChange): void;

  abstract getChildren(node?: T): T[] | Promise<T[]>;
  abstract getTreeItem(node: T): vscode.TreeItem;

  dispose(): void {
    this.unsubscribe();
    this.filterListener.dispose();
    this.changeEmitter.dispose();
  }
}
