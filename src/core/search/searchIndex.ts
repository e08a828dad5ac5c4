// The full-text index over client records (PRODUCT.md §4 "Search", §8 why MiniSearch): BM25
// ranking, Russian/English stems, prefix and fuzzy matching, in-place updates, snippets, and a
// JSON form for the on-disk cache. Pure: the caller feeds records and decides where the JSON
// lives. The engine is `termIndex.ts`; what it indexes of a record is `indexedFields.ts`.
import type { CrmRecord } from '../model';
import { RACY_MS, stampMtime } from '../fileStamp';
import { nextTurn, runInSlices, runToEnd } from '../slices';
import { contactTexts, type FieldText, fieldTexts, FIELDS, fingerprint, type IndexedField, joined, otherTexts, toDoc } from './indexedFields';
import { DEFAULT_SNIPPET_LENGTH, makeSnippet, type Snippet, termsMatcher, type TokenMatcher } from './snippet';
import { type CompactIndex, type QueryWord, type ScoredDoc, TermIndex } from './termIndex';
import { isEmailToken, stem, tokenize } from './text';

export { MAX_FIELD_CHARS } from './indexedFields';

/** A query longer than this many words is cut: nobody types more, and each word costs a lookup. */
export const MAX_QUERY_WORDS = 32;

/** Hits returned when the caller gives no `limit`; snippets are computed for returned hits only. */
export const DEFAULT_SEARCH_LIMIT = 100;

/** Fuzzy matches allow this many edits per letter of the stem (MiniSearch's usual 0.2). */
const FUZZINESS = 0.2;

/**
 * Bumped whenever what goes into the index or its cache changes (fields, tokenizer, stemmer,
 * caps, layout), so a cache written by an older version is detected and rebuilt instead of
 * giving wrong results.
 */
export const SEARCH_INDEX_FORMAT_VERSION = 3;
const FORMAT_TAG = 'plain-crm-search-index';

/**
 * When several fields matched equally well, the snippet comes from the first of these. Notes
 * come before the other fields: "…the revised proposal…" says more than "stage: proposal".
 */
const FIELD_PRIORITY: readonly IndexedField[] = ['name', 'company', 'contacts', 'tags', 'email', 'phone', 'city', 'body', 'other'];

export interface SearchHit {
  /** The record's slug. */
  id: string;
  /** Workspace-relative path: the index's key, since slugs may repeat in different folders. */
  file: string;
  score: number;
  /** Display text around the best match (see `snippet.ts`); empty if the record is not attached. */
  snippet: string;
  /** `[start, end)` offsets in `snippet` of the matched words, for highlighting. */
  highlights: [number, number][];
  /** Where the snippet comes from: a front-matter key (`name`, `next_action.what`, …) or `notes`. */
  field: string;
  /** 1-based line of the match in the file, when known (matches in a Markdown body). */
  line?: number;
}

export interface TextSearchOptions {
  /**
   * Also match misspelled words (≤ 20% of the stem's letters edited; stems of 4+ letters).
   * Tried only when the exact and prefix matches give fewer than `limit` hits: a typo has few
   * exact matches, and a word that has plenty needs no guesses. Default true.
   */
  fuzzy?: boolean;
  /** Words of 3+ characters also match as a prefix (PRODUCT.md §9), for search-as-you-type. Default true. */
  prefix?: boolean;
  /** At most this many hits, best first. Default `DEFAULT_SEARCH_LIMIT`. */
  limit?: number;
  /** Keeps only the files it returns true for (e.g. leave out archived records). */
  filter?: (file: string) => boolean;
}

export interface SearchIndexJson {
  format: typeof FORMAT_TAG;
  version: number;
  index: CompactIndex;
  /** Fingerprint of each file in `index.files`, so `sync` re-indexes only what changed. */
  fingerprints: number[];
  /** Each file's record `stamp` when it was indexed ('' when unknown or too recent to trust). */
  stamps: string[];
}

export interface SyncSummary {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Unchanged files whose cached stamp was missing or another: a cache written now would know them. */
  restamped: number;
}

/** One indexed file: its record, its fingerprint, or both (never neither). */
interface DocEntry {
  /** The record, for snippets; absent for documents restored from a cache until `sync`. */
  record?: CrmRecord;
  /** Computed when first needed (writing or syncing a cache), not on every build. */
  fingerprint?: number;
  /** The stamp the cache gave, until `sync` attaches a record. */
  stamp?: string | undefined;
}

/**
 * A stamp a cache may keep: a file modified less than `RACY_MS` before the write might be
 * modified again within its mtime's resolution at the same size (git's "racily clean" case).
 */
function trustedStamp(stamp: string | undefined, now: number): string {
  return stamp !== undefined && stampMtime(stamp) <= now - RACY_MS ? stamp : '';
}

function entryFingerprint(entry: DocEntry): number {
  if (entry.fingerprint === undefined) entry.fingerprint = entry.record ? fingerprint(toDoc(entry.record)) : 0;
  return entry.fingerprint;
}

function slugOfFile(file: string): string {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

function hasDigit(s: string): boolean {
  return /\p{N}/u.test(s);
}

/**
 * The query's words. Each matches by its stem (exactly, or within a few edits when fuzzy), and
 * by the word as typed as a prefix. The prefix is taken on the typed word, not on its stem: the
 * stem of a short or half-typed word can be much shorter (`анна` → `ан`, `прое` → `про`) and as
 * a prefix would match half the vocabulary, while the typed word is a prefix of the stems it
 * should find (`дого` → `договор`). A whole email address stands for its parts.
 */
function queryWords(text: string, prefix: boolean, fuzzy: boolean): QueryWord[] {
  const tokens = tokenize(text);
  const partsOfEmails = new Set<string>();
  for (const token of tokens) if (isEmailToken(token)) for (const part of tokenize(token.replace(/@/g, ' '))) partsOfEmails.add(part);
  const words = [...new Set(tokens.filter((token) => !partsOfEmails.has(token) || isEmailToken(token)))].slice(0, MAX_QUERY_WORDS);
  return words.map((word) => {
    const stemmed = stem(word);
    const email = isEmailToken(word);
    const useFuzzy = fuzzy && stemmed.length >= 4 && !email && !hasDigit(word);
    return {
      word,
      stem: stemmed,
      prefix: prefix && word.length >= 3 && !email,
      fuzzy: useFuzzy ? Math.round(stemmed.length * FUZZINESS) : 0,
    };
  });
}

/** The field to show: the one where the most query words matched, ties broken by `FIELD_PRIORITY`. */
function bestField(fieldWords: readonly number[]): IndexedField {
  let best: IndexedField = 'body';
  let bestCount = 0;
  for (const field of FIELD_PRIORITY) {
    let mask = fieldWords[FIELDS.indexOf(field)] ?? 0;
    let count = 0;
    for (; mask !== 0; mask &= mask - 1) count++;
    if (count > bestCount) {
      best = field;
      bestCount = count;
    }
  }
  return best;
}

interface HitSnippet {
  snippet: Snippet;
  field: string;
}

function prefixed(label: string, snippet: Snippet): Snippet {
  const shift = label.length + 2;
  return {
    text: `${label}: ${snippet.text}`,
    highlights: snippet.highlights.map(([s, e]) => [s + shift, e + shift]),
    lineIndex: snippet.lineIndex,
  };
}

function snippetFor(record: CrmRecord, field: IndexedField, isMatch: TokenMatcher, distinctTerms: number): HitSnippet {
  const options = { maxLength: DEFAULT_SNIPPET_LENGTH, distinctTerms };
  if (field === 'body') return { snippet: makeSnippet(record.body, isMatch, options), field: 'notes' };
  if (field === 'other' || field === 'contacts') {
    // Show the one value that matched, labelled with its key: "source: referral"; of equal
    // matches the longer value, which gives more context ("Send revised proposal" over "proposal").
    // A contact person shows as one line: "contacts.0: Анна Бухгалтерова, Бухгалтер, buh@…".
    const entries = field === 'other' ? otherTexts(record) : contactTexts(record);
    let best: { entry: FieldText; snippet: Snippet } | undefined;
    for (const entry of entries) {
      const snippet = makeSnippet(entry.text, isMatch, options);
      const count = snippet.highlights.length;
      const bestCount = best?.snippet.highlights.length ?? 0;
      if (count > bestCount || (count > 0 && count === bestCount && entry.text.length > (best?.entry.text.length ?? 0))) {
        best = { entry, snippet };
      }
    }
    if (best) return { snippet: prefixed(best.entry.path, best.snippet), field: best.entry.path };
    // Matched through a person's run-together phone digits, which the written form does not show.
    const first = entries[0];
    if (field === 'contacts' && first) return { snippet: prefixed(first.path, makeSnippet(first.text, isMatch, options)), field: first.path };
    return { snippet: { text: '', highlights: [], lineIndex: 0 }, field };
  }
  const text = joined(fieldTexts(record.data[field], field), field === 'tags' ? ', ' : ' ');
  const snippet = makeSnippet(text, isMatch, options);
  if (field === 'phone' && snippet.highlights.length === 0 && text.length > 0) {
    // Matched through the run-together digits, which the written form does not show.
    return { snippet: { ...snippet, highlights: [[0, snippet.text.length]] }, field };
  }
  return { snippet, field };
}

/**
 * The index keeps the records it is given (for snippets) and treats them as immutable values,
 * as the store does: a changed file is a new record passed to `replace`, never an old one
 * mutated in place. Records are keyed by `file`; callers pass client records.
 */
export class SearchIndex {
  private terms = new TermIndex();
  private readonly docs = new Map<string, DocEntry>();

  constructor(records: Iterable<CrmRecord> = []) {
    this.addAll(records);
  }

  /** Number of indexed records. */
  get size(): number {
    return this.docs.size;
  }

  has(file: string): boolean {
    return this.docs.has(file);
  }

  /** Indexes a record; a record already indexed under the same file is replaced. */
  add(record: CrmRecord): void {
    if (this.docs.has(record.file)) this.terms.discard(record.file);
    this.terms.add(toDoc(record));
    this.docs.set(record.file, { record });
  }

  /** Re-indexes a changed record (the old version is discarded in place: no rebuild). */
  replace(record: CrmRecord): void {
    this.add(record);
  }

  /** Forgets a file; unknown files are ignored (a delete event may repeat). */
  remove(file: string): void {
    if (!this.docs.has(file)) return;
    this.terms.discard(file);
    this.docs.delete(file);
  }

  /** Indexes many records; into an empty index (a cold build) several times faster than `add`. */
  addAll(records: Iterable<CrmRecord>): void {
    if (this.docs.size > 0) {
      for (const record of records) this.add(record);
      return;
    }
    const byFile = new Map<string, CrmRecord>();
    for (const record of records) byFile.set(record.file, record);
    if (byFile.size === 0) return;
    for (const [file, record] of byFile) this.docs.set(file, { record });
    this.terms.bulkLoad([...byFile.values()].map(toDoc));
  }

  /**
   * Gives a restored index the records it was built from in another thread (see `indexInWorker`),
   * for snippets. Nothing is hashed: the caller vouches that these are the indexed records, and a
   * later `sync` with the store's current records then re-indexes only those that are new objects.
   */
  attach(records: Iterable<CrmRecord>): void {
    for (const record of records) {
      const entry = this.docs.get(record.file);
      if (entry) entry.record = record;
    }
  }

  /**
   * Makes the index hold exactly `records`: re-indexes only those whose indexed text changed
   * since the cache was written, removes the rest, and attaches records for snippets.
   */
  sync(records: Iterable<CrmRecord>): SyncSummary {
    return runToEnd(this.syncSteps(records));
  }

  /** `sync` in slices of about `sliceMs` (it hashes every record: ~0.5 s at 10k). */
  syncInSlices(records: Iterable<CrmRecord>, sliceMs: number): Promise<SyncSummary> {
    return runInSlices(this.syncSteps(records), sliceMs);
  }

  private *syncSteps(records: Iterable<CrmRecord>): Generator<void, SyncSummary, void> {
    const summary: SyncSummary = { added: 0, updated: 0, removed: 0, unchanged: 0, restamped: 0 };
    const seen = new Set<string>();
    for (const record of records) {
      seen.add(record.file);
      const entry = this.docs.get(record.file);
      if (entry?.record === record) {
        summary.unchanged++;
        continue;
      }
      // The file as it was indexed (the same mtime, size and build): nothing to hash. At 10k
      // records, hashing every text was 0.45 s of a 0.6 s warm start.
      if (entry && record.stamp !== undefined && entry.stamp === record.stamp) {
        entry.record = record;
        entry.stamp = undefined;
        summary.unchanged++;
        continue;
      }
      if ((summary.updated + summary.added + summary.unchanged) % 64 === 0) yield;
      const doc = toDoc(record);
      const print = fingerprint(doc);
      if (entry && entryFingerprint(entry) === print) {
        if (record.stamp !== undefined) summary.restamped++;
        entry.record = record;
        entry.stamp = undefined;
        summary.unchanged++;
        continue;
      }
      if (entry) {
        this.terms.discard(record.file);
        summary.updated++;
      } else {
        summary.added++;
      }
      this.terms.add(doc);
      this.docs.set(record.file, { record, fingerprint: print });
    }
    for (const file of [...this.docs.keys()]) {
      if (!seen.has(file)) {
        this.remove(file);
        summary.removed++;
      }
    }
    return summary;
  }

  /** Ranked hits for free text (all words must match), best first, each with a snippet. */
  search(text: string, options: TextSearchOptions = {}): SearchHit[] {
    const limit = Math.max(0, Math.floor(options.limit ?? DEFAULT_SEARCH_LIMIT));
    const prefix = options.prefix ?? true;
    const words = queryWords(text, prefix, false);
    if (words.length === 0 || limit === 0) return [];
    let result = this.terms.query(words, limit, options.filter);
    if ((options.fuzzy ?? true) && result.hits.length < limit) {
      const fuzzyWords = queryWords(text, prefix, true);
      if (fuzzyWords.some((w) => w.fuzzy > 0)) result = this.terms.query(fuzzyWords, limit, options.filter);
    }
    // One matcher for all hits: a word is highlighted when its stem is a term the query reached.
    const isMatch = termsMatcher(result.terms);
    return result.hits.map((hit) => this.toHit(hit, isMatch, words.length));
  }

  private toHit(scored: ScoredDoc, isMatch: TokenMatcher, distinctTerms: number): SearchHit {
    const { file, score } = scored;
    const record = this.docs.get(file)?.record;
    const field = bestField(scored.fieldWords);
    const hit: SearchHit = { id: record?.id ?? slugOfFile(file), file, score, snippet: '', highlights: [], field: field === 'body' ? 'notes' : field };
    if (!record) return hit;
    const { snippet, field: shown } = snippetFor(record, field, isMatch, distinctTerms);
    hit.snippet = snippet.text;
    hit.highlights = snippet.highlights;
    hit.field = shown;
    if (field === 'body' && record.bodyLine > 0) hit.line = record.bodyLine + snippet.lineIndex;
    return hit;
  }

  /** The on-disk cache form; `JSON.stringify(index)` calls it. */
  toJSON(): SearchIndexJson {
    return this.toCompactJson();
  }

  /** The cache form; `binary` keeps the postings as bytes (for another thread, not for JSON). */
  toCompactJson(options: { binary?: boolean } = {}): SearchIndexJson {
    const index = this.terms.toCompact(options);
    const fingerprints = index.files.map((file) => {
      const entry = this.docs.get(file);
      return entry ? entryFingerprint(entry) : 0;
    });
    const now = Date.now();
    const stamps = index.files.map((file) => {
      const entry = this.docs.get(file);
      return trustedStamp(entry?.record ? entry.record.stamp : entry?.stamp, now);
    });
    return { format: FORMAT_TAG, version: SEARCH_INDEX_FORMAT_VERSION, index, fingerprints, stamps };
  }

  /**
   * Restores a cached index, or `undefined` when the cache is corrupt or from another format
   * version (the caller then rebuilds). Call `sync(records)` next: it attaches the records for
   * snippets and re-indexes files changed since the cache was written.
   */
  static fromJSON(json: string | SearchIndexJson): SearchIndex | undefined {
    let data: unknown;
    try {
      data = typeof json === 'string' ? JSON.parse(json) : json;
    } catch {
      return undefined;
    }
    if (!isIndexJson(data)) return undefined;
    try {
      return SearchIndex.restored(data, TermIndex.fromCompact(data.index));
    } catch {
      return undefined;
    }
  }

  /** `fromJSON` of an object, yielding to the event loop every `sliceMs` or so. */
  static async revive(data: SearchIndexJson, sliceMs: number): Promise<SearchIndex | undefined> {
    if (!isIndexJson(data)) return undefined;
    await nextTurn(); // the check is a slice of its own
    try {
      return SearchIndex.restored(data, await TermIndex.fromCompactInSlices(data.index, sliceMs));
    } catch {
      return undefined;
    }
  }

  private static restored(data: SearchIndexJson, terms: TermIndex): SearchIndex {
    const index = new SearchIndex();
    index.terms = terms;
    data.index.files.forEach((file, i) => {
      const stamp = data.stamps[i];
      index.docs.set(file, stamp ? { fingerprint: data.fingerprints[i] ?? 0, stamp } : { fingerprint: data.fingerprints[i] ?? 0 });
    });
    return index;
  }
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'number');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The shape of a cache; the posting bytes themselves are checked while decoding. */
function isIndexJson(data: unknown): data is SearchIndexJson {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Partial<Record<keyof SearchIndexJson, unknown>>;
  if (d.format !== FORMAT_TAG || d.version !== SEARCH_INDEX_FORMAT_VERSION || typeof d.index !== 'object' || d.index === null) return false;
  const c = d.index as Partial<Record<keyof CompactIndex, unknown>>;
  return (
    isStringArray(c.files) &&
    new Set(c.files).size === c.files.length &&
    isNumberArray(c.fieldLengths) &&
    isNumberArray(c.averageFieldLengths) &&
    isStringArray(c.terms) &&
    typeof c.postingCount === 'number' &&
    (typeof c.postings === 'string' || c.postings instanceof Uint8Array) &&
    isNumberArray(d.fingerprints) &&
    d.fingerprints.length === c.files.length &&
    isStringArray(d.stamps) &&
    d.stamps.length === c.files.length
  );
}
