// The in-memory workspace: loads config, segments, client and invoice records; updates or removes
// one file at a time and tells listeners which files changed. No `vscode` here: the extension
// feeds it from its FileSystemWatcher and open editors, the CLI from Node's fs.
import { CATALOG_FILE, parseCatalog, type Service } from './catalog';
import { CONFIG_FILE, defaultConfig, resolveConfig, SEGMENTS_FILE, severityOf } from './config';
import { currentLanguage, t } from './i18n';
import type { CrmConfig, CrmRecord, Problem, RecordKind, Segment } from './model';
import { parsePlaybooks, PLAYBOOKS_FILE, type Playbook } from './playbooks/playbook';
import { parseTemplate, TEMPLATES_FOLDER } from './templates/template';
import { formatOf, MAX_RECORD_BYTES, parseRecordText } from './parse/recordText';
import { type CachedFile, type FileStamp, modelCacheKey, readModelCache, recordStamp, writeModelCache } from './modelCache';
import { recordName } from './recordFields';
import { readInParallel, type ReadOutcome } from './parallelRead';
import { type FileStats, statInWorker } from './statWorker';
import { slicer } from './slices';
import { SortedList } from './sortedList';
import { clientIssues, type FieldIssue, positionIssues, schemaIssues } from './validate';
import { nodeFs, type ReadOptions, type ReadResult, type WorkspaceFs } from './workspaceFs';

export type FileKind = RecordKind | 'config' | 'segments' | 'playbooks' | 'catalog' | 'template';

export interface FileEntry {
  file: string;
  kind: FileKind;
  record?: CrmRecord;
  problems: Problem[];
}

export interface StoreChange {
  /** Workspace-relative files whose entry was added, changed or removed. */
  files: string[];
  /** True when the config changed and everything was reloaded. */
  reloaded: boolean;
}

type Listener = (change: StoreChange) => void;

/** How many files are read at once: enough to keep the disk busy, few enough to bound memory. */
const READ_CONCURRENCY = 64;
/** Longest stretch of synchronous reading and parsing before the store yields to the event loop. */
const READ_SLICE_MS = 20;
/** More changed files than this at once rebuild the sorted lists instead of patching them. */
const BULK_CHANGE = 256;
/**
 * From this many files on, a load (or a bulk update) reads on two threads: below it, starting the
 * worker (~0.25 s of module load and schema compile) costs more than it saves.
 */
const PARALLEL_FROM = 2500;

interface RecordLists {
  all: SortedList<CrmRecord>;
  active: SortedList<CrmRecord>;
  /**
   * Sorted on first use: a collator sort of 50k names costs ~0.5 s, which the views pay once and
   * `lint` or a query never needs.
   */
  byName?: { all: SortedList<CrmRecord>; active: SortedList<CrmRecord> };
  invoices: SortedList<CrmRecord>;
  campaigns: SortedList<CrmRecord>;
}

/** The kinds of files the store reads and parses (the settings files have loaders of their own). */
function isReadKind(kind: FileKind | undefined): kind is RecordKind | 'template' {
  return kind === 'client' || kind === 'invoice' || kind === 'campaign' || kind === 'template';
}

/** The sorted lists a record of this kind is in. */
function listsOf(lists: RecordLists, kind: FileKind | undefined, archived: boolean): SortedList<CrmRecord>[] {
  if (kind === 'invoice') return [lists.invoices];
  if (kind === 'campaign') return [lists.campaigns];
  if (kind !== 'client') return [];
  const out = archived ? [lists.all] : [lists.all, lists.active];
  if (lists.byName) out.push(...(archived ? [lists.byName.all] : [lists.byName.all, lists.byName.active]));
  return out;
}

function byFile(a: CrmRecord, b: CrmRecord): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : 0;
}

function under(file: string, folder: string): boolean {
  return folder === '' || file === folder || file.startsWith(`${folder}/`);
}

/** A read of a file that is not there (any language; other file systems may set only the English message). */
function isNotFound(read: ReadResult & { ok: false }): boolean {
  return read.notFound === true || read.message === 'file not found';
}

function parseProblem(file: string, line: number, column: number, message: string): Problem {
  return { file, range: { start: { line, column }, end: { line, column: column + 1 } }, severity: 'error', code: 'parse-error', message };
}

export class WorkspaceStore {
  config: CrmConfig = defaultConfig();
  segments: Segment[] = [];
  /** The rules of `.crm/playbooks.yaml` that parse (the others are problems of that file). */
  playbooks: Playbook[] = [];
  /** The services of `.crm/catalog.yaml` that parse (the others are problems of that file). */
  catalog: Service[] = [];
  /** Increases on every change: caches keyed on it know when to rebuild. */
  version = 0;

  private readonly entries = new Map<string, FileEntry>();
  private readonly clientsById = new Map<string, CrmRecord>();
  private readonly listeners = new Set<Listener>();
  /** Texts given by editors with unsaved changes: they win over the disk until saved or closed. */
  private readonly overrides = new Map<string, string>();
  /** Built on first use, then patched record by record (see `SortedList`). */
  private lists: RecordLists | undefined;
  /** While loading, lists read halfway are dropped rather than patched 50k times. */
  private loading = false;

  /** Record texts as read, when `retainTexts` is on (see the constructor). */
  private readonly texts = new Map<string, string>();
  /** The disk's mtime and size behind each entry read from disk (not an editor's text): what the model cache keys on. */
  private readonly stamps = new Map<string, FileStamp>();
  /** The model cache being written after a load, if one is. */
  private cacheWrite: Promise<boolean> | undefined;
  /** How the last load used the model cache: files taken from it, and files parsed. */
  cacheUse: { hits: number; parsed: number } | undefined;

  /**
   * `retainTexts` keeps every record's text after parsing: a one-shot CLI run that reports
   * thousands of positions then needs no second read of those files (about 25% of `lint` at
   * 10k records), at the cost of memory a long-running extension should not pay.
   */
  constructor(
    readonly root: string,
    private readonly fs: WorkspaceFs = nodeFs,
    private readonly options: {
      retainTexts?: boolean;
      /** Files from which reads are shared with a worker (tests force it low); default PARALLEL_FROM. */
      parallelFrom?: number;
      /** Another worker script (tests: one that fails). */
      loadWorker?: string;
      /**
       * Where the parsed model is cached between runs (see modelCache.ts): a load then parses
       * only the files whose mtime or size changed. Without it, every load parses everything.
       */
      cacheFile?: string;
    } = {},
  ) {}

  /**
   * Reads config, segments and every record. Never throws for bad files: they become problems.
   * A reload reads into a new store and then takes its state over at once, so views and queries
   * keep the old records until the new ones are all there (no empty moment mid-read).
   */
  async load(): Promise<void> {
    if (this.version === 0 && this.entries.size === 0) {
      await this.loadFresh();
      return;
    }
    const next = new WorkspaceStore(this.root, this.fs, this.options);
    await next.loadFresh();
    this.config = next.config;
    this.segments = next.segments;
    this.playbooks = next.playbooks;
    this.catalog = next.catalog;
    for (const [target, source] of [
      [this.entries, next.entries],
      [this.clientsById, next.clientsById],
      [this.texts, next.texts],
      [this.stamps, next.stamps],
    ] as [Map<string, unknown>, Map<string, unknown>][]) {
      target.clear();
      for (const [key, value] of source) target.set(key, value);
    }
    this.cacheUse = next.cacheUse;
    this.cacheWrite = next.cacheWrite;
    this.invalidate();
    this.version++;
  }

  private async loadFresh(): Promise<void> {
    this.entries.clear();
    this.texts.clear();
    this.stamps.clear();
    this.clientsById.clear();
    this.invalidate();
    this.loading = true;
    const cacheFile = this.fs.readSync && this.fs.stampSync ? this.options.cacheFile : undefined;
    try {
      await this.loadConfig();
      await this.loadSegments();
      await this.loadPlaybooks();
      await this.loadCatalog();
      const files = await this.recordFiles();
      if (cacheFile === undefined) {
        await this.readAll(files);
      } else {
        const key = modelCacheKey(this.config, currentLanguage());
        // Many files: stat them on another thread while this one decodes the cache (only once the
        // cache is known to be this model's, so a cold load does not pay for stats it never uses).
        let stats: Promise<FileStats | undefined> | undefined;
        const statAhead = this.fs === nodeFs && files.length >= (this.options.parallelFrom ?? PARALLEL_FROM);
        const cached = await readModelCache(cacheFile, key, READ_SLICE_MS, statAhead ? () => (stats = statInWorker(this.root, files)) : undefined);
        const hits = cached ? await this.cacheHits(files, cached, await stats) : new Map<string, ReadOutcome>();
        await this.readAll(files, hits);
        this.cacheUse = { hits: hits.size, parsed: files.length - hits.size };
        // Rewritten when anything differs from it: a parsed file, a removed one.
        if (hits.size !== files.length || cached?.size !== hits.size) {
          this.cacheWrite = writeModelCache(cacheFile, key, this.cacheRows(), { sliceMs: READ_SLICE_MS });
        }
      }
    } finally {
      this.loading = false;
      this.invalidate();
    }
    this.version++;
  }

  /** Client records sorted by file path; archived ones only when asked. */
  clients(options: { includeArchived?: boolean } = {}): CrmRecord[] {
    const lists = this.recordLists();
    return (options.includeArchived ? lists.all : lists.active).items;
  }

  /** Client records sorted by name in the config's locale (then by file), as views list them. */
  clientsByName(options: { includeArchived?: boolean } = {}): CrmRecord[] {
    const lists = this.recordLists();
    lists.byName ??= this.nameLists(lists);
    return (options.includeArchived ? lists.byName.all : lists.byName.active).items;
  }

  invoices(): CrmRecord[] {
    return this.recordLists().invoices.items;
  }

  /** The campaign logs (`campaigns/YYYY/*.md`), by file: oldest first, as their names sort. */
  campaigns(): CrmRecord[] {
    return this.recordLists().campaigns.items;
  }

  private recordLists(): RecordLists {
    if (!this.lists) {
      const clients: CrmRecord[] = [];
      const invoices: CrmRecord[] = [];
      const campaigns: CrmRecord[] = [];
      for (const entry of this.entries.values()) {
        if (entry.record && entry.kind === 'client') clients.push(entry.record);
        else if (entry.record && entry.kind === 'invoice') invoices.push(entry.record);
        else if (entry.record && entry.kind === 'campaign') campaigns.push(entry.record);
      }
      // Sorted once: the active list is filtered from the sorted one, so its own sort (TimSort on
      // ordered input) costs one comparison a record.
      const all = new SortedList(byFile, clients);
      this.lists = {
        all,
        active: new SortedList(byFile, all.items.filter((r) => !r.archived)),
        invoices: new SortedList(byFile, invoices),
        campaigns: new SortedList(byFile, campaigns),
      };
    }
    return this.lists;
  }

  private nameLists(lists: RecordLists): NonNullable<RecordLists['byName']> {
    const collator = new Intl.Collator(this.config.locale ?? 'ru', { sensitivity: 'base' });
    // Records never change (an edit makes a new one), so each name is worked out once, not per comparison.
    const names = new WeakMap<CrmRecord, string>();
    const nameOf = (r: CrmRecord): string => {
      let name = names.get(r);
      if (name === undefined) names.set(r, (name = recordName(r)));
      return name;
    };
    const byName = (a: CrmRecord, b: CrmRecord): number => collator.compare(nameOf(a), nameOf(b)) || byFile(a, b);
    const all = new SortedList(byName, lists.all.items);
    return { all, active: new SortedList(byName, all.items.filter((r) => !r.archived)) };
  }

  get(id: string): CrmRecord | undefined {
    return this.clientsById.get(id);
  }

  byFile(file: string): CrmRecord | undefined {
    return this.entries.get(file)?.record;
  }

  entry(file: string): FileEntry | undefined {
    return this.entries.get(file);
  }

  /** Every file the store tracks, records and the ones that failed to parse. */
  files(): FileEntry[] {
    return [...this.entries.values()];
  }

  /** Problems found while loading: parse errors, merge conflicts, schema and field checks. */
  problems(): Problem[] {
    const out: Problem[] = [];
    for (const entry of this.entries.values()) out.push(...entry.problems);
    return out;
  }

  /** The kind of workspace file a path is, or undefined when the store does not track it. */
  kindOf(file: string): FileKind | undefined {
    if (file === CONFIG_FILE) return 'config';
    if (file === SEGMENTS_FILE) return 'segments';
    if (file === PLAYBOOKS_FILE) return 'playbooks';
    if (file === CATALOG_FILE) return 'catalog';
    const format = formatOf(file);
    if (!format) return undefined;
    if (under(file, TEMPLATES_FOLDER)) return format === 'md' ? 'template' : undefined;
    const { clients, archive, invoices, campaigns } = this.config.folders;
    if (under(file, clients) || under(file, archive)) return 'client';
    if (under(file, invoices) && format === 'md') return 'invoice';
    if (under(file, campaigns) && format === 'md') return 'campaign';
    return undefined;
  }

  /**
   * Re-reads one file (from disk, or from `text` when an editor holds unsaved content). A change
   * to the config reloads everything, since stages and folders decide what every record means.
   */
  async updateFile(file: string, text?: string): Promise<void> {
    const kind = this.kindOf(file);
    if (kind === undefined) return;
    if (kind === 'config') {
      await this.load();
      this.emit({ files: [file], reloaded: true });
      return;
    }
    if (kind === 'segments') {
      await this.loadSegments(text);
    } else if (kind === 'playbooks') {
      await this.loadPlaybooks(text);
    } else if (kind === 'catalog') {
      await this.loadCatalog(text);
    } else if (text !== undefined) {
      this.overrides.set(file, text);
      this.stamps.delete(file);
      this.setEntry(this.analyze(file, kind, text));
    } else {
      this.overrides.delete(file);
      await this.readAll([file]);
    }
    this.version++;
    this.emit({ files: [file], reloaded: false });
  }

  /** Applies many changes as one (a `git pull` or branch switch): one event, one version. */
  async updateFiles(changed: readonly string[], removed: readonly string[] = []): Promise<void> {
    if (changed.some((f) => f === CONFIG_FILE) || removed.some((f) => f === CONFIG_FILE)) {
      await this.load();
      this.emit({ files: [...changed, ...removed], reloaded: true });
      return;
    }
    // A branch switch can change thousands of files: one sort beats thousands of splices.
    if (changed.length + removed.length > BULK_CHANGE) this.invalidate();
    for (const file of removed) {
      this.overrides.delete(file);
      this.deleteEntry(file);
    }
    for (const file of changed) this.overrides.delete(file);
    if (changed.includes(SEGMENTS_FILE)) await this.loadSegments();
    if (changed.includes(PLAYBOOKS_FILE) || removed.includes(PLAYBOOKS_FILE)) await this.loadPlaybooks();
    if (changed.includes(CATALOG_FILE) || removed.includes(CATALOG_FILE)) await this.loadCatalog();
    await this.readAll(changed.filter((f) => {
      const kind = this.kindOf(f);
      return isReadKind(kind);
    }));
    this.version++;
    this.emit({ files: [...changed, ...removed], reloaded: false });
  }

  /** The text a record was parsed from: an editor's unsaved text, else the disk's. */
  async textOf(file: string): Promise<string | undefined> {
    const override = this.overrides.get(file) ?? this.texts.get(file);
    if (override !== undefined) return override;
    const read = await this.fs.read(this.root, file, MAX_RECORD_BYTES);
    return read.ok ? read.text : undefined;
  }

  /**
   * `textOf` for many files (lint reads every file it points into): synchronous reads in slices
   * of about 20 ms when the file system has them. Ten thousand promise reads at once took 2 s at
   * 10k records and held Node's thread pool, which the editor's own file access also waits on.
   */
  async textsOf(files: Iterable<string>, options?: ReadOptions): Promise<Map<string, string | undefined>> {
    const texts = new Map<string, string | undefined>();
    const readSync = this.fs.readSync?.bind(this.fs);
    const pause = slicer(READ_SLICE_MS);
    for (const file of files) {
      const known = this.overrides.get(file) ?? this.texts.get(file);
      if (known !== undefined || !readSync) {
        texts.set(file, known ?? (await this.textOf(file)));
        continue;
      }
      const read = readSync(this.root, file, MAX_RECORD_BYTES, options);
      texts.set(file, read.ok ? read.text : undefined);
      await pause();
    }
    return texts;
  }

  removeFile(file: string): void {
    this.overrides.delete(file);
    if (file === SEGMENTS_FILE) this.segments = [];
    if (file === PLAYBOOKS_FILE) this.playbooks = [];
    if (file === CATALOG_FILE) this.catalog = [];
    if (!this.deleteEntry(file) && file !== SEGMENTS_FILE && file !== PLAYBOOKS_FILE && file !== CATALOG_FILE) return;
    this.version++;
    this.emit({ files: [file], reloaded: false });
  }

  onDidChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private invalidate(): void {
    this.lists = undefined;
  }

  /** Keeps the sorted lists in step with one entry replaced (`old` → `entry`). */
  private patchLists(old: FileEntry | undefined, entry: FileEntry | undefined): void {
    const lists = this.lists;
    if (!lists) return;
    if (this.loading) {
      this.invalidate();
      return;
    }
    const previous = old?.record;
    const next = entry?.record;
    if (previous && next && old?.kind === entry?.kind && previous.archived === next.archived) {
      // The same file edited: each list keeps its place for the record when it can.
      for (const list of listsOf(lists, entry?.kind, next.archived)) list.replace(previous, next);
      return;
    }
    if (previous) for (const list of listsOf(lists, old?.kind, previous.archived)) list.remove(previous);
    if (next) for (const list of listsOf(lists, entry?.kind, next.archived)) list.insert(next);
  }

  private deleteEntry(file: string): boolean {
    const old = this.entries.get(file);
    if (!old) return false;
    this.entries.delete(file);
    this.texts.delete(file);
    this.stamps.delete(file);
    if (old.record && old.kind === 'client') this.unindexClient(old.record);
    this.patchLists(old, undefined);
    return true;
  }

  private unindexClient(record: CrmRecord): void {
    if (this.clientsById.get(record.id) !== record) return;
    this.clientsById.delete(record.id);
    // Another file may share the slug (same name in two folders): it takes over the id.
    for (const entry of this.entries.values()) {
      if (entry.kind === 'client' && entry.record?.id === record.id) {
        this.clientsById.set(record.id, entry.record);
        break;
      }
    }
  }

  private setEntry(entry: FileEntry): void {
    const old = this.entries.get(entry.file);
    // A file edited in place keeps its id: the new record takes the old one's place without the
    // scan for another owner of the id (a pass over 50k entries on every keystroke).
    const sameId = old?.record !== undefined && old.kind === 'client' && entry.kind === 'client' && entry.record?.id === old.record.id;
    if (old?.record && old.kind === 'client' && !sameId) this.unindexClient(old.record);
    this.entries.set(entry.file, entry);
    if (entry.record && entry.kind === 'client') {
      const current = this.clientsById.get(entry.record.id);
      if (!current || current === old?.record || current.file >= entry.record.file) this.clientsById.set(entry.record.id, entry.record);
    }
    this.patchLists(old, entry);
  }

  private async recordFiles(): Promise<string[]> {
    const { clients, archive, invoices, campaigns } = this.config.folders;
    const folders = [clients, invoices, campaigns, TEMPLATES_FOLDER];
    if (!under(archive, clients)) folders.push(archive);
    const lists = await Promise.all(folders.map((folder) => this.fs.list(this.root, folder)));
    const files = new Set<string>();
    // 50k paths to classify held the extension host ~100 ms in one go: served between slices.
    const tick = slicer(READ_SLICE_MS);
    for (const list of lists) {
      for (const file of list) {
        if (this.kindOf(file)) files.add(file);
        const wait = tick();
        if (wait) await wait;
      }
    }
    return [...files].sort();
  }

  /** The cached entries whose files still have the mtime and size they were parsed from (a stat each). */
  private async cacheHits(files: readonly string[], cached: ReadonlyMap<string, CachedFile>, stats?: FileStats): Promise<Map<string, ReadOutcome>> {
    const hits = new Map<string, ReadOutcome>();
    const tick = slicer(READ_SLICE_MS);
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      const hit = cached.get(file);
      const stamp = hit && (stats ? stats.at(i) : this.fs.stampSync?.(this.root, file));
      if (hit && stamp && stamp.mtimeMs === hit.stamp.mtimeMs && stamp.size === hit.stamp.size) hits.set(file, { entry: hit.entry, stamp });
      await tick();
    }
    return hits;
  }

  /** The entries as the disk has them, for the model cache; read lazily, each entry with its own stamp. */
  private *cacheRows(): Generator<[string, CachedFile]> {
    for (const [file, entry] of this.entries) {
      const stamp = this.stamps.get(file);
      if (stamp && isReadKind(entry.kind)) yield [file, { stamp, entry }];
    }
  }

  /** Resolves when the model cache a load started writing is on disk (true) or could not be written (false). */
  async cacheWritten(): Promise<boolean | undefined> {
    return this.cacheWrite;
  }

  /** Reads the files (`known`: outcomes already at hand, from the model cache) and applies them in file order. */
  private async readAll(files: readonly string[], known?: ReadonlyMap<string, ReadOutcome>): Promise<void> {
    const readSync = this.fs.readSync?.bind(this.fs);
    const toRead = known && known.size > 0 ? files.filter((file) => !known.has(file)) : files;
    if (readSync && this.fs === nodeFs && toRead.length >= (this.options.parallelFrom ?? PARALLEL_FROM)) {
      const outcomes = await readInParallel(
        { root: this.root, files: toRead, config: this.config, language: currentLanguage(), retainTexts: this.options.retainTexts === true },
        (index) => this.readOutcome(toRead[index]!),
        { sliceMs: READ_SLICE_MS, ...(this.options.loadWorker !== undefined && { workerPath: this.options.loadWorker }) },
      );
      // In file order, as a sequential read would: Map order, problems() and which file owns a shared id.
      const tick = slicer(READ_SLICE_MS);
      let next = 0;
      for (const file of files) {
        const outcome = known?.get(file) ?? outcomes[next++];
        if (outcome) this.applyOutcome(file, outcome);
        await tick();
      }
      return;
    }
    if (readSync) {
      // Synchronous reads in slices of about 20 ms, yielding between them: several times faster
      // than the promise API for small files, and the extension host stays responsive.
      const tick = slicer(READ_SLICE_MS);
      for (const file of files) {
        const outcome = known?.get(file) ?? this.readOutcome(file);
        if (outcome) this.applyOutcome(file, outcome);
        await tick();
      }
      return;
    }
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < files.length) {
        const file = files[next++]!;
        const kind = this.kindOf(file);
        if (!isReadKind(kind)) continue;
        this.applyOutcome(file, this.outcomeOf(file, kind, await this.fs.read(this.root, file, MAX_RECORD_BYTES)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  }

  /**
   * Reads and analyzes one file synchronously without touching the store (so a load worker can
   * run it too); null when the store does not read that kind of file.
   */
  readOutcome(file: string): ReadOutcome | null {
    const kind = this.kindOf(file);
    if (!isReadKind(kind) || !this.fs.readSync) return null;
    return this.outcomeOf(file, kind, this.fs.readSync(this.root, file, MAX_RECORD_BYTES));
  }

  /** A read's meaning for the store; `text` null: forget the retained text. Pure. */
  private outcomeOf(file: string, kind: RecordKind | 'template', read: ReadResult): ReadOutcome {
    if (read.ok) {
      const entry = this.analyzeText(file, kind, read.text);
      const stamp = { mtimeMs: read.mtimeMs, size: read.size };
      return this.options.retainTexts && kind !== 'template' ? { entry, text: read.text, stamp } : { entry, stamp };
    }
    if (isNotFound(read)) return { gone: true };
    return { entry: { file, kind, problems: [parseProblem(file, 1, 1, read.message)] }, text: null };
  }

  private applyOutcome(file: string, outcome: ReadOutcome): void {
    if ('gone' in outcome) {
      this.deleteEntry(file);
      return;
    }
    if (outcome.text === null) this.texts.delete(file);
    else if (outcome.text !== undefined) this.texts.set(file, outcome.text);
    if (outcome.stamp) {
      this.stamps.set(file, outcome.stamp);
      // Records are new for each read (a cache hit's too), so this marks no one else's.
      if (outcome.entry.record) outcome.entry.record.stamp = recordStamp(outcome.stamp);
    } else {
      this.stamps.delete(file);
    }
    this.setEntry(outcome.entry);
  }

  /** Parses and validates one record file's text. */
  analyze(file: string, kind: RecordKind | 'template', text: string): FileEntry {
    if (kind !== 'template' && this.options.retainTexts) this.texts.set(file, text);
    return this.analyzeText(file, kind, text);
  }

  /** `analyze` without retaining the text: the same for any store with this config, on any thread. */
  private analyzeText(file: string, kind: RecordKind | 'template', text: string): FileEntry {
    if (kind === 'template') return { file, kind, problems: this.templateProblems(file, text) };
    const parsed = parseRecordText(file, text, { kind, archived: kind === 'client' && under(file, this.config.folders.archive) });
    const problems = parsed.problems.filter((p) => severityOf(this.config, p.code) !== 'off');
    if (parsed.record && parsed.yamlText !== undefined && parsed.yamlLine !== undefined) {
      const issues: FieldIssue[] = kind === 'client' ? clientIssues(parsed.record, this.config) : schemaIssues(kind, parsed.record.data);
      problems.push(...positionIssues(file, issues, parsed.yamlText, parsed.yamlLine, (code) => severityOf(this.config, code)));
    }
    const entry: FileEntry = { file, kind, problems };
    if (parsed.record) entry.record = parsed.record;
    return entry;
  }

  /** A template is no record: only its problems are kept (front matter, Mustache syntax). */
  private templateProblems(file: string, text: string): Problem[] {
    const parsed = parseRecordText(file, text, { kind: 'client', archived: false });
    const problems = [...parsed.problems];
    if (parsed.record && parsed.yamlText !== undefined && parsed.yamlLine !== undefined) {
      problems.push(...positionIssues(file, schemaIssues('template', parsed.record.data), parsed.yamlText, parsed.yamlLine, () => 'warning'));
      for (const p of parseTemplate(file, text).problems) problems.push(parseProblem(file, p.line, p.column, p.message));
    }
    return problems;
  }

  /** Reads a `.yaml` workspace file with the record parser's messages (YAML errors with positions, conflict markers). */
  private async readYamlFile(file: string, text?: string): Promise<{ data: Record<string, unknown>; text: string } | { problem: Problem } | undefined> {
    let source = text;
    if (source === undefined) {
      const read = await this.fs.read(this.root, file, MAX_RECORD_BYTES);
      if (!read.ok) return isNotFound(read) ? undefined : { problem: parseProblem(file, 1, 1, read.message) };
      source = read.text;
    }
    const parsed = parseRecordText(file, source, { kind: 'client', archived: false });
    if (!parsed.record) return { problem: parsed.problems[0] ?? parseProblem(file, 1, 1, t('cannot parse')) };
    return { data: parsed.record.data, text: source.replace(/^\uFEFF/, '') };
  }

  private async loadConfig(): Promise<void> {
    this.config = defaultConfig();
    const read = await this.readYamlFile(CONFIG_FILE);
    if (!read) return;
    if ('problem' in read) {
      this.entries.set(CONFIG_FILE, { file: CONFIG_FILE, kind: 'config', problems: [read.problem] });
      return;
    }
    const { config, issues } = resolveConfig(read.data);
    this.config = config;
    // Unknown keys and bad values never fail the load: the defaults stand in (PRODUCT.md §9).
    const byPath = new Map<string, FieldIssue>();
    for (const issue of schemaIssues('config', read.data)) byPath.set(issue.path.join('.'), { ...issue, code: 'schema', severity: 'warning' });
    for (const issue of issues) {
      const key = issue.path.join('.');
      if (!byPath.has(key)) byPath.set(key, { path: issue.path, code: 'schema', message: issue.message, severity: 'warning' });
    }
    const problems = positionIssues(CONFIG_FILE, [...byPath.values()], read.text, 1, () => 'warning');
    this.entries.set(CONFIG_FILE, { file: CONFIG_FILE, kind: 'config', problems });
  }

  /**
   * A `.crm/*.yaml` file of the workspace (segments, playbooks): its data and text, or undefined
   * when it is missing or does not parse (then that is its problem).
   */
  private async readSettingsFile(file: string, kind: FileKind, text?: string): Promise<{ data: Record<string, unknown>; text: string } | undefined> {
    this.entries.delete(file);
    const read = await this.readYamlFile(file, text);
    if (!read) return undefined;
    if ('problem' in read) {
      this.entries.set(file, { file, kind, problems: [read.problem] });
      return undefined;
    }
    return read;
  }

  private async loadSegments(text?: string): Promise<void> {
    this.segments = [];
    const read = await this.readSettingsFile(SEGMENTS_FILE, 'segments', text);
    if (!read) return;
    const data = read.data;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
      for (const [name, value] of Object.entries(data)) {
        if (typeof value === 'string') {
          this.segments.push({ name, query: value });
        } else if (typeof value === 'object' && value !== null && typeof (value as { query?: unknown }).query === 'string') {
          const v = value as { query: string; description?: unknown };
          const segment: Segment = { name, query: v.query };
          if (typeof v.description === 'string') segment.description = v.description;
          this.segments.push(segment);
        }
      }
    }
    const problems = positionIssues(SEGMENTS_FILE, schemaIssues('segments', data), read.text, 1, (code) => severityOf(this.config, code));
    this.entries.set(SEGMENTS_FILE, { file: SEGMENTS_FILE, kind: 'segments', problems });
  }

  private async loadPlaybooks(text?: string): Promise<void> {
    this.playbooks = [];
    this.playbooks = await this.loadRules(PLAYBOOKS_FILE, 'playbooks', text, (data) => {
      const { playbooks, issues } = parsePlaybooks(data);
      return { items: playbooks, issues };
    });
  }

  private async loadCatalog(text?: string): Promise<void> {
    this.catalog = [];
    this.catalog = await this.loadRules(CATALOG_FILE, 'catalog', text, (data) => {
      const { services, issues } = parseCatalog(data);
      return { items: services, issues };
    });
  }

  /** A settings file parsed into typed entries; its issues become `schema` problems on their keys. */
  private async loadRules<T>(file: string, kind: FileKind, text: string | undefined, parse: (data: unknown) => { items: T[]; issues: readonly { path: readonly (string | number)[]; message: string }[] }): Promise<T[]> {
    const read = await this.readSettingsFile(file, kind, text);
    if (!read) return [];
    const { items, issues } = parse(read.data);
    this.setSettingsProblems(file, kind, issues, read.text);
    return items;
  }

  /** A settings file's issues (`{path, message}`) as `schema` problems on their keys. */
  private setSettingsProblems(file: string, kind: FileKind, issues: readonly { path: readonly (string | number)[]; message: string }[], text: string): void {
    const fieldIssues: FieldIssue[] = issues.map((issue) => ({ path: issue.path, code: 'schema', message: issue.message }));
    const problems = positionIssues(file, fieldIssues, text, 1, (code) => severityOf(this.config, code));
    this.entries.set(file, { file, kind, problems });
  }
}
