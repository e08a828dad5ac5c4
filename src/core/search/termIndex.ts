// MiniSearch, extended through its protected members where its public API costs too much at
// 50k records (PRODUCT.md §5):
// - a bulk build that inserts each distinct term into the radix tree once, instead of once per
//   word of every document (MiniSearch's `add`: ~3 million tree walks for 10k records), and
//   stores the posting lists packed in shared typed arrays (`packedPostings.ts`);
// - a top-k query: MiniSearch's `search` builds a result object for every matching document
//   and sorts them all, so a common word cost 30+ ms at 10k. Here scores accumulate in typed
//   arrays and only the `limit` best documents are ever materialized. Scoring is MiniSearch's
//   BM25 (same formula and parameters), and prefix/fuzzy expansion uses its radix tree;
// - a compact cache form (posting lists as varints in one base64 string, `postingCodec.ts`,
//   decoded straight into packed lists) instead of MiniSearch's JSON, whose object-per-posting
//   layout is parsed and converted twice.
// Incremental `add`, `discard` and vacuuming are MiniSearch's own.
import MiniSearch, { type Options } from 'minisearch';
import { runInSlices, runToEnd } from '../slices';
import { FIELDS, type IndexedDoc } from './indexedFields';
import { PackedPostings } from './packedPostings';
import { ByteReader, ByteWriter, decodeBase64Steps } from './postingCodec';
import { TopHits } from './topHits';
import { forEachToken, stem, tokenize } from './text';

type DocumentTermFreqs = Map<number, number>;
/** field id → short document id → term frequency, as MiniSearch stores each term. */
type FieldTermData = Map<number, DocumentTermFreqs>;

/** Field boosts (name ×3, company, tags and contact persons ×2), by field id. */
const BOOST_BY_FIELD: readonly number[] = FIELDS.map((field) => (field === 'name' ? 3 : field === 'company' || field === 'tags' || field === 'contacts' ? 2 : 1));

// MiniSearch's defaults, so ranking matches its `search`: BM25 k, b, d and the relative weights of
// prefix and fuzzy matches.
const BM25_K = 1.2;
const BM25_B = 0.7;
const BM25_D = 0.5;
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/**
 * A prefix of two or three letters can expand to thousands of terms; only the shortest (best
 * weighted) this many are scored. The rest are longer words that rank lower anyway.
 */
export const MAX_EXPANSIONS = 1000;

/** Terms pass through untouched: the tokenizer returns stems already. */
const same = (term: string): string => term;

/** The indexed terms of a field's text: its tokens' stems, in order. */
export function fieldTerms(text: string): string[] {
  return tokenize(text).map(stem);
}

function options(): Options<IndexedDoc> {
  return { idField: 'file', fields: [...FIELDS], storeFields: [], tokenize: fieldTerms, processTerm: same };
}

export interface QueryWord {
  /** The normalized word as typed: matched as a prefix when `prefix` is set. */
  word: string;
  /** Its stem: matched exactly, and within `fuzzy` edits. */
  stem: string;
  prefix: boolean;
  /** Maximum edit distance for fuzzy matches of the stem; 0 for none. */
  fuzzy: number;
}

export interface ScoredDoc {
  file: string;
  score: number;
  /** Per field id, a bit mask of the query words that matched in that field. */
  fieldWords: number[];
}

export interface TermQueryResult {
  hits: ScoredDoc[];
  /** Every indexed term the query words expanded to (for highlighting). */
  terms: Set<string>;
}

/** The cache form: documents compacted to ids 0..n-1. */
export interface CompactIndex {
  files: string[];
  /** `files.length × FIELDS.length` distinct-term counts, document by document. */
  fieldLengths: number[];
  averageFieldLengths: number[];
  terms: string[];
  /** Total postings, so the loader allocates its arrays once. */
  postingCount: number;
  /**
   * Varints, as base64 in the on-disk cache and as bytes between threads: for each term in
   * `terms`, the number of fields it occurs in, then per field `fieldId, n`, n ascending document
   * ids as gaps (the first from 0), n frequencies.
   */
  postings: string | Uint8Array;
}

interface Expansion {
  weight: number;
  data: FieldTermData;
}

/** An Int32Array that grows by doubling: millions of numbers without millions of objects. */
class GrowableInts {
  private data = new Int32Array(1 << 16);
  length = 0;

  private ensure(size: number): void {
    if (size <= this.data.length) return;
    let capacity = this.data.length;
    while (capacity < size) capacity *= 2;
    const bigger = new Int32Array(capacity);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  push(value: number): void {
    this.ensure(this.length + 1);
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return index < this.length ? (this.data[index] ?? 0) : 0;
  }

  /** Adds to the number at `index`, growing (with zeros) as needed. */
  add(index: number, value: number): void {
    this.ensure(index + 1);
    if (index >= this.length) this.length = index + 1;
    this.data[index] = (this.data[index] ?? 0) + value;
  }

  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

export class TermIndex extends MiniSearch<IndexedDoc> {
  constructor() {
    super(options());
  }

  /**
   * Fills an empty index with `docs` (distinct files); see the file comment. Two passes over
   * numbers rather than maps of arrays: the first gives every distinct term an id and records
   * each document's `(term, field) → frequency` entries in one growing typed array; the second
   * places them into the shared posting arrays, whose sizes are then known. At 50k records this
   * keeps the millions of postings out of the garbage collector's way (it was half the time).
   */
  bulkLoad(docs: readonly IndexedDoc[]): void {
    if (this._documentCount > 0 || this._nextId > 0) throw new Error('bulkLoad needs an empty index');
    const fieldCount = FIELDS.length;
    const terms: string[] = [];
    const termIds = new Map<string, number>();
    // Token → term id, so a token seen before costs one lookup instead of a stem and a lookup.
    const tokenTerms = new Map<string, number>();
    // Per term id: which document-field last saw it (`seen`), and its frequency there (`freq`).
    let seen = new Int32Array(1 << 16).fill(-1);
    let freq = new Int32Array(1 << 16);
    const listSizes = new GrowableInts(); // per list id (term id × fields + field id)
    const entries = new GrowableInts(); // list id, frequency; in document order
    const docEnds = new Int32Array(docs.length);
    const totals = FIELDS.map(() => 0);
    let docField = 0;

    docs.forEach((doc, shortId) => {
      const lengths: number[] = [];
      for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
        const field = FIELDS[fieldId] ?? 'body';
        // Count the tokens first: a small map that stays in the CPU cache, then one lookup
        // per distinct token.
        const tokens = new Map<string, number>();
        forEachToken(doc[field], (token) => {
          tokens.set(token, (tokens.get(token) ?? 0) + 1);
        });
        docField++;
        const local: number[] = [];
        for (const [token, count] of tokens) {
          let id = tokenTerms.get(token);
          if (id === undefined) {
            const term = stem(token);
            id = termIds.get(term);
            if (id === undefined) {
              id = terms.length;
              terms.push(term);
              termIds.set(term, id);
              if (id >= seen.length) {
                const biggerSeen = new Int32Array(seen.length * 2).fill(-1);
                biggerSeen.set(seen);
                seen = biggerSeen;
                const biggerFreq = new Int32Array(freq.length * 2);
                biggerFreq.set(freq);
                freq = biggerFreq;
              }
            }
            tokenTerms.set(token, id);
          }
          // Different tokens can share a stem (`Москва`, `Москве`): their counts add up.
          if (seen[id] !== docField) {
            seen[id] = docField;
            freq[id] = count;
            local.push(id);
          } else {
            freq[id] = (freq[id] ?? 0) + count;
          }
        }
        // MiniSearch's field length is the number of distinct terms; its average is over all
        // documents, empty fields included — the same as its `add` computes.
        lengths.push(local.length);
        totals[fieldId] = (totals[fieldId] ?? 0) + local.length;
        for (const id of local) {
          const list = id * fieldCount + fieldId;
          listSizes.add(list, 1);
          entries.push(list);
          entries.push(freq[id] ?? 0);
        }
      }
      docEnds[shortId] = entries.length;
      this._documentIds.set(shortId, doc.file);
      this._idToShortId.set(doc.file, shortId);
      this._fieldLength.set(shortId, lengths);
    });

    // Second pass: each list's place in the shared arrays, then the postings in document order.
    const listCount = terms.length * fieldCount;
    const starts = new Int32Array(listCount + 1);
    for (let list = 0; list < listCount; list++) starts[list + 1] = (starts[list] ?? 0) + listSizes.get(list);
    const total = starts[listCount] ?? 0;
    const slabDocs = new Int32Array(total);
    const slabFreqs = new Uint16Array(total);
    const next = starts.slice(0, listCount);
    let doc = 0;
    const raw = entries.view();
    for (let e = 0; e < raw.length; e += 2) {
      while (e >= (docEnds[doc] ?? Number.POSITIVE_INFINITY)) doc++;
      const list = raw[e] ?? 0;
      const at = next[list] ?? 0;
      next[list] = at + 1;
      slabDocs[at] = doc;
      slabFreqs[at] = raw[e + 1] ?? 0;
    }
    terms.forEach((term, id) => {
      const data: FieldTermData = new Map();
      for (let fieldId = 0; fieldId < fieldCount; fieldId++) {
        const list = id * fieldCount + fieldId;
        const start = starts[list] ?? 0;
        const count = (starts[list + 1] ?? 0) - start;
        if (count > 0) data.set(fieldId, new PackedPostings(slabDocs, slabFreqs, start, count));
      }
      this._index.set(term, data);
    });
    this._documentCount = docs.length;
    this._nextId = docs.length;
    this._avgFieldLength = totals.map((sum) => (docs.length > 0 ? sum / docs.length : 0));
  }

  /** The index terms a query word reaches, each with its weight (exact 1, prefix and fuzzy less). */
  private expand(q: QueryWord): Map<string, Expansion> {
    const out = new Map<string, Expansion>();
    const exact = this._index.get(q.stem);
    if (exact) out.set(q.stem, { weight: 1, data: exact });
    const consider = (term: string, weight: number, data: FieldTermData): void => {
      const known = out.get(term);
      if (!known || known.weight < weight) out.set(term, { weight, data });
    };
    if (q.prefix) {
      const found: [string, FieldTermData][] = [];
      for (const entry of this._index.atPrefix(q.word)) found.push(entry);
      if (found.length > MAX_EXPANSIONS) found.sort((a, b) => a[0].length - b[0].length).length = MAX_EXPANSIONS;
      for (const [term, data] of found) {
        const distance = term.length - q.word.length;
        consider(term, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance), data);
      }
    }
    if (q.fuzzy > 0) {
      for (const [term, [data, distance]] of this._index.fuzzyGet(q.stem, q.fuzzy)) {
        if (distance > 0) consider(term, (FUZZY_WEIGHT * term.length) / (term.length + distance), data);
      }
    }
    return out;
  }

  /**
   * The `limit` best documents containing every query word (AND), BM25-scored as MiniSearch
   * scores them; `keep` filters by file before a document can enter the results.
   */
  query(words: readonly QueryWord[], limit: number, keep?: (file: string) => boolean): TermQueryResult {
    const terms = new Set<string>();
    if (words.length === 0 || limit <= 0) return { hits: [], terms };
    const size = this._nextId;
    const fieldCount = FIELDS.length;
    const total = new Float64Array(size);
    const wordScore = new Float64Array(size);
    const fieldWords = new Uint32Array(size * fieldCount);
    const live = this._documentIds;
    // Discarded documents stay in the postings until MiniSearch's vacuum; skip them.
    const dirty = this._dirtCount > 0;
    const n = this._documentCount;
    let candidates: number[] | undefined;

    for (let w = 0; w < words.length; w++) {
      const q = words[w];
      if (q === undefined) continue;
      const bit = 1 << w;
      const touched: number[] = [];
      for (const [term, { weight, data }] of this.expand(q)) {
        terms.add(term);
        for (const [fieldId, freqs] of data) {
          const boost = BOOST_BY_FIELD[fieldId] ?? 1;
          const avgLength = this._avgFieldLength[fieldId] ?? 1;
          let df = freqs.size;
          if (dirty) {
            df = 0;
            for (const doc of freqs.keys()) if (live.has(doc)) df++;
          }
          const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
          const scoreOne = (doc: number, tf: number): void => {
            const length = this._fieldLength.get(doc)?.[fieldId] ?? 0;
            const bm25 = idf * (BM25_D + (tf * (BM25_K + 1)) / (tf + BM25_K * (1 - BM25_B + (BM25_B * length) / avgLength)));
            if (wordScore[doc] === 0) touched.push(doc);
            wordScore[doc] = (wordScore[doc] ?? 0) + weight * boost * bm25;
            fieldWords[doc * fieldCount + fieldId] = (fieldWords[doc * fieldCount + fieldId] ?? 0) | bit;
          };
          const packed = freqs instanceof PackedPostings ? freqs.packed() : undefined;
          if (packed) {
            // The common case (a bulk-built or cached index): straight over the arrays.
            const { docs, freqs: tfs, start, end } = packed;
            for (let i = start; i < end; i++) {
              const doc = docs[i] ?? 0;
              if (dirty && !live.has(doc)) continue;
              scoreOne(doc, tfs[i] ?? 0);
            }
          } else {
            for (const [doc, tf] of freqs) {
              if (dirty && !live.has(doc)) continue;
              scoreOne(doc, tf);
            }
          }
        }
      }
      if (candidates === undefined) {
        candidates = touched;
        for (const doc of touched) total[doc] = wordScore[doc] ?? 0;
      } else {
        const next: number[] = [];
        for (const doc of candidates) {
          const s = wordScore[doc] ?? 0;
          if (s > 0) {
            total[doc] = (total[doc] ?? 0) + s;
            next.push(doc);
          }
        }
        candidates = next;
      }
      for (const doc of touched) wordScore[doc] = 0;
      if (candidates.length === 0) break;
    }

    const top = new TopHits(limit);
    for (const doc of candidates ?? []) {
      const score = total[doc] ?? 0;
      if (!top.admits(score)) continue;
      const file = live.get(doc) as string | undefined;
      if (file === undefined || (keep && !keep(file))) continue;
      top.push({ doc, score, file });
    }
    const hits = top.sorted().map(({ doc, score, file }) => ({
      file,
      score,
      fieldWords: Array.from(fieldWords.subarray(doc * fieldCount, (doc + 1) * fieldCount)),
    }));
    return { hits, terms };
  }

  /** The cache form; discarded documents are dropped and ids compacted. */
  toCompact(options: { binary?: boolean } = {}): CompactIndex {
    const files: string[] = [];
    const fieldLengths: number[] = [];
    // Short id → compact id (-1: discarded). Monotonic, so ascending lists stay ascending.
    const compactId = new Int32Array(this._nextId).fill(-1);
    for (const [shortId, file] of this._documentIds) {
      compactId[shortId] = files.length;
      files.push(String(file));
      const lengths = this._fieldLength.get(shortId) ?? [];
      for (let f = 0; f < FIELDS.length; f++) fieldLengths.push(lengths[f] ?? 0);
    }
    const terms: string[] = [];
    const out = new ByteWriter();
    let postingCount = 0;
    // Without discarded documents the ids are already 0..n-1: packed lists are written as they are.
    const dense = this._nextId === this._documentIds.size;
    for (const [term, data] of this._index) {
      const lists: { fieldId: number; ids: ArrayLike<number>; freqs: ArrayLike<number> }[] = [];
      for (const [fieldId, freqs] of data) {
        const packed = freqs instanceof PackedPostings ? freqs.packed() : undefined;
        if (packed && dense) {
          if (packed.end > packed.start) {
            lists.push({ fieldId, ids: packed.docs.subarray(packed.start, packed.end), freqs: packed.freqs.subarray(packed.start, packed.end) });
          }
          continue;
        }
        const ids: number[] = [];
        const tfs: number[] = [];
        if (packed) {
          for (let i = packed.start; i < packed.end; i++) {
            const id = compactId[packed.docs[i] ?? 0] ?? -1;
            if (id >= 0) {
              ids.push(id);
              tfs.push(packed.freqs[i] ?? 0);
            }
          }
        } else {
          // An unpacked list (edited often enough to leave the packed form): sort by id.
          const pairs: [number, number][] = [];
          for (const [doc, tf] of freqs) {
            const id = compactId[doc] ?? -1;
            if (id >= 0) pairs.push([id, tf]);
          }
          pairs.sort((a, b) => a[0] - b[0]);
          for (const [id, tf] of pairs) {
            ids.push(id);
            tfs.push(tf);
          }
        }
        if (ids.length > 0) lists.push({ fieldId, ids, freqs: tfs });
      }
      if (lists.length === 0) continue;
      terms.push(term);
      out.writeVarint(lists.length);
      for (const list of lists) {
        const n = list.ids.length;
        out.writeVarint(list.fieldId);
        out.writeVarint(n);
        let previous = 0;
        for (let k = 0; k < n; k++) {
          const id = list.ids[k] ?? 0;
          out.writeVarint(id - previous);
          previous = id;
        }
        for (let k = 0; k < n; k++) out.writeVarint(list.freqs[k] ?? 0);
        postingCount += n;
      }
    }
    return { files, fieldLengths, averageFieldLengths: [...this._avgFieldLength], terms, postingCount, postings: options.binary ? out.toBytes() : out.toBase64() };
  }

  /** Rebuilds from `toCompact` output; throws on a malformed one (the caller rebuilds from records). */
  static fromCompact(c: CompactIndex): TermIndex {
    return runToEnd(TermIndex.restore(c));
  }

  /** `fromCompact` in slices (reviving the index of 50k records takes about a second). */
  static fromCompactInSlices(c: CompactIndex, sliceMs: number): Promise<TermIndex> {
    return runInSlices(TermIndex.restore(c), sliceMs);
  }

  /** The restore, pausing (a `yield`) every few hundred terms. */
  private static *restore(c: CompactIndex): Generator<void, TermIndex, void> {
    const malformed = (): Error => new Error('malformed search index cache');
    const index = new TermIndex();
    const fieldCount = FIELDS.length;
    const docCount = c.files.length;
    if (c.fieldLengths.length !== docCount * fieldCount || !Number.isInteger(c.postingCount) || c.postingCount < 0) throw malformed();
    for (let id = 0; id < docCount; id++) {
      const file = c.files[id]!;
      index._documentIds.set(id, file);
      index._idToShortId.set(file, id);
      index._fieldLength.set(id, c.fieldLengths.slice(id * fieldCount, (id + 1) * fieldCount));
      if ((id & 0xfff) === 0xfff) yield;
    }
    const slabDocs = new Int32Array(c.postingCount);
    const slabFreqs = new Uint16Array(c.postingCount);
    const input = new ByteReader(typeof c.postings === 'string' ? yield* decodeBase64Steps(c.postings) : c.postings);
    let offset = 0;
    let restored = 0;
    for (const term of c.terms) {
      const data: FieldTermData = new Map();
      const lists = input.readVarint();
      for (let l = 0; l < lists; l++) {
        const fieldId = input.readVarint();
        const count = input.readVarint();
        if (fieldId >= fieldCount || count === 0 || offset + count > c.postingCount) throw malformed();
        let doc = 0;
        for (let k = 0; k < count; k++) {
          const gap = input.readVarint();
          doc += gap;
          // Ascending and in range, or the binary search in PackedPostings would be wrong.
          if ((k > 0 && gap === 0) || doc >= docCount) throw malformed();
          slabDocs[offset + k] = doc;
        }
        for (let k = 0; k < count; k++) {
          const tf = input.readVarint();
          if (tf > 0xffff) throw malformed();
          slabFreqs[offset + k] = tf;
        }
        data.set(fieldId, new PackedPostings(slabDocs, slabFreqs, offset, count));
        offset += count;
      }
      index._index.set(term, data);
      if ((++restored & 0x1ff) === 0) yield;
    }
    if (!input.done || offset !== c.postingCount) throw malformed();
    index._documentCount = docCount;
    index._nextId = docCount;
    index._avgFieldLength = [...c.averageFieldLengths];
    return index;
  }
}
