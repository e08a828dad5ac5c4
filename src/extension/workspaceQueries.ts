// What queries and search need beyond the store, shared by every view and command: the computed
// fields' context for the current snapshot and day, and the full-text index, built on first use
// and then kept in step with the store one file at a time.
import * as vscode from 'vscode';
import { type ComputeContext, createComputeContext } from '../core/computed';
import { writeIndexCache } from '../core/search/indexCache';
import { type BackgroundIndex, indexInBackground } from '../core/search/backgroundIndex';
import type { SearchIndex } from '../core/search/searchIndex';
import type { CrmRecord, Segment } from '../core/model';
import { compileQuery, formatQueryError } from '../core/query';
import { recordValue } from '../core/recordFields';
import type { StoreChange, WorkspaceStore } from '../core/store';

/** Quiet time after the last change before the index cache is rewritten. */
const CACHE_SAVE_DELAY_MS = 30_000;

/** The order of clients in the Pipeline and Segments views. */
export type ClientOrder = 'name' | 'score' | 'value';

export class WorkspaceQueries implements vscode.Disposable {
  private context: { version: number; today: string; ctx: ComputeContext } | undefined;
  private index: Promise<SearchIndex> | undefined;
  private built: SearchIndex | undefined;
  private source: BackgroundIndex['source'] | undefined;
  private readyAt: number | undefined;
  private readonly unsubscribe: () => void;
  private owner: string | undefined;
  private order: ClientOrder = 'name';
  private saveTimer: NodeJS.Timeout | undefined;
  private readonly filterEmitter = new vscode.EventEmitter<void>();
  /** Fires when "My clients" is turned on or off, or the clients' order changes. */
  readonly onDidChangeFilter = this.filterEmitter.event;

  constructor(
    private readonly store: WorkspaceStore,
    private readonly ready: Promise<void>,
    private readonly today: () => string,
    /** Where the index is cached between sessions (in the extension's workspace storage). */
    private readonly cacheFile?: string,
    /** Where notes for the curious go (the output channel). */
    private readonly log: (line: string) => void = () => undefined,
  ) {
    this.unsubscribe = store.onDidChange((change) => this.follow(change));
  }

  /** The computed-field context of the store as it is now; rebuilt after a change or at midnight. */
  computeContext(): ComputeContext {
    const today = this.today();
    const { version } = this.store;
    if (!this.context || this.context.version !== version || this.context.today !== today) {
      const clients = this.store.clients({ includeArchived: true });
      this.context = { version, today, ctx: createComputeContext(clients, this.store.invoices(), this.store.config, today, this.store.campaigns()) };
    }
    return this.context.ctx;
  }

  /**
   * The clients a saved segment's query matches (archived ones only when the query asks for
   * them), or the query's error with its column: what the Segments view, exports and the
   * dashboard all show for a segment.
   */
  segmentClients(segment: Segment): { records: CrmRecord[] } | { error: string } {
    const compiled = compileQuery(segment.query, this.computeContext());
    if (!compiled.ok) return { error: formatQueryError(compiled.error, segment.query) };
    return { records: compiled.query.run(this.store.clients({ includeArchived: true })) };
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

  /** How the Pipeline and Segments views order a stage's or a segment's clients. */
  setClientOrder(order: ClientOrder): void {
    if (order === this.order) return;
    this.order = order;
    this.filterEmitter.fire();
  }

  get clientOrder(): ClientOrder {
    return this.order;
  }

  /** `records` (given by name) in the views' order: by name, or highest score / value first. */
  ordered(records: readonly CrmRecord[]): readonly CrmRecord[] {
    if (this.order === 'name') return records;
    const ctx = this.computeContext();
    const key = (record: CrmRecord): number => (this.order === 'score' ? ctx.field(record, 'score') : recordValue(record)) ?? Number.NEGATIVE_INFINITY;
    // A stable sort: equal keys keep the name order.
    return records
      .map((record) => ({ record, key: key(record) }))
      .sort((a, b) => (b.key === a.key ? 0 : b.key > a.key ? 1 : -1))
      .map((entry) => entry.record);
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

  /** Where the index came from: the on-disk cache, the worker thread, or this thread (no worker could run). */
  get indexSource(): BackgroundIndex['source'] | undefined {
    return this.source;
  }

  /** `performance.now()` when the index was ready (undefined until it is). */
  get indexReadyAt(): number | undefined {
    return this.readyAt;
  }

  /** True when `searchIndex()` would answer at once. */
  get isIndexReady(): boolean {
    return this.built !== undefined;
  }

  /**
   * The full-text index of every client (archived included), after the first load: from the
   * on-disk cache when it is usable (only changed records re-indexed), else built.
   */
  searchIndex(): Promise<SearchIndex> {
    this.index ??= this.ready.then(async () => {
      // A macrotask first, so a caller that shows "Indexing…" gets painted before the build.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const version = this.store.version;
      const records = this.store.clients({ includeArchived: true });
      const title = vscode.l10n.t('Indexing {0} clients…', records.length.toLocaleString(vscode.env.language));
      const built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => indexInBackground(this.cacheFile, records));
      if (built.fallback !== undefined) this.log(`search index built on the extension host: ${built.fallback}`);
      const { index } = built;
      this.source = built.source;
      this.readyAt = performance.now();
      // Edits made while the worker ran: only the records that are new objects are re-indexed.
      const synced = this.store.version === version ? undefined : index.sync(this.store.clients({ includeArchived: true }));
      const changed = synced !== undefined && synced.added + synced.updated + synced.removed > 0;
      this.built = index;
      if (built.stale) this.scheduleSave(0);
      else if (changed) this.scheduleSave();
      return index;
    });
    return this.index;
  }

  /** Writes the index a while after the last change: one write for a burst of edits or a pull. */
  private scheduleSave(delayMs = CACHE_SAVE_DELAY_MS): void {
    if (!this.cacheFile || !this.built) return;
    clearTimeout(this.saveTimer);
    const file = this.cacheFile;
    const index = this.built;
    this.saveTimer = setTimeout(() => void writeIndexCache(file, index), delayMs);
  }

  private follow(change: StoreChange): void {
    const index = this.built;
    if (!index) return;
    if (change.reloaded) {
      index.sync(this.store.clients({ includeArchived: true }));
      this.scheduleSave();
      return;
    }
    for (const file of change.files) {
      const record = this.store.byFile(file);
      if (record?.kind === 'client') index.replace(record);
      else index.remove(file);
    }
    this.scheduleSave();
  }

  dispose(): void {
    // A pending save is dropped: the next start re-indexes what changed since the last one.
    clearTimeout(this.saveTimer);
    this.unsubscribe();
    this.filterEmitter.dispose();
  }
}
