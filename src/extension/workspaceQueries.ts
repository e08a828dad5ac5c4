// What queries and search need beyond the store, shared by every view and command: the computed
// fields' context for the current snapshot and day, and the full-text index, built on first use
// and then kept in step with the store one file at a time.
import * as vscode from 'vscode';
import { type ComputeContext, createComputeContext } from '../core/computed';
import { SearchIndex } from '../core/search/searchIndex';
import type { CrmRecord } from '../core/model';
import type { StoreChange, WorkspaceStore } from '../core/store';

export class WorkspaceQueries implements vscode.Disposable {
  private context: { version: number; today: string; ctx: ComputeContext } | undefined;
  private index: Promise<SearchIndex> | undefined;
  private built: SearchIndex | undefined;
  private readonly unsubscribe: () => void;
  private owner: string | undefined;
  private readonly filterEmitter = new vscode.EventEmitter<void>();
  /** Fires when "My clients" is turned on or off. */
  readonly onDidChangeFilter = this.filterEmitter.event;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly ready: Promise<void>,
    private readonly today: () => string,
  ) {
    this.unsubscribe = store.onDidChange((change) => this.follow(change));
  }

  /** The computed-field context of the store as it is now; rebuilt after a change or at midnight. */
  computeContext(): ComputeContext {
    const today = this.today();
    const { version } = this.store;
    if (!this.context || this.context.version !== version || this.context.today !== today) {
      const clients = this.store.clients({ includeArchived: true });
      this.context = { version, today, ctx: createComputeContext(clients, this.store.invoices(), this.store.config, today) };
    }
    return this.context.ctx;
  }

  /** Shows only the clients whose `owner` is `email` (case-insensitive); `undefined` shows all. */
  setOwnerFilter(email: string | undefined): void {
    const next = email?.trim().toLowerCase() || undefined;
    if (next === this.owner) return;
    this.owner = next;
    this.filterEmitter.fire();
  }

  get ownerFilter(): string | undefined {
    return this.owner;
  }

  /** The clients views show, by name: not archived, and only the user's own when "My clients" is on. */
  visibleClients(): CrmRecord[] {
    const clients = this.store.clientsByName();
    return this.owner === undefined ? clients : clients.filter((r) => this.isVisible(r));
  }

  /** Whether views show this client (see `visibleClients`). */
  isVisible(record: CrmRecord): boolean {
    if (record.archived) return false;
    const owner = this.owner;
    return owner === undefined || (typeof record.data.owner === 'string' && record.data.owner.trim().toLowerCase() === owner);
  }

  /** True when `searchIndex()` would answer at once. */
  get isIndexReady(): boolean {
    return this.built !== undefined;
  }

  /** The full-text index of every client (archived included), built after the first load. */
  searchIndex(): Promise<SearchIndex> {
    this.index ??= this.ready.then(() => {
      // A macrotask first, so a caller that shows "Indexing…" gets painted before the build.
      return new Promise<SearchIndex>((resolve) =>
        setTimeout(() => {
          this.built = new SearchIndex(this.store.clients({ includeArchived: true }));
          resolve(this.built);
        }, 0),
      );
    });
    return this.index;
  }

  private follow(change: StoreChange): void {
    const index = this.built;
    if (!index) return;
    if (change.reloaded) {
      index.sync(this.store.clients({ includeArchived: true }));
      return;
    }
    for (const file of change.files) {
      const record = this.store.byFile(file);
      if (record?.kind === 'client') index.replace(record);
      else index.remove(file);
    }
  }

  dispose(): void {
    this.unsubscribe();
    this.filterEmitter.dispose();
  }
}
