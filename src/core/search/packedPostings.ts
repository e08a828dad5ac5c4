// One posting list of the index (document id → term frequency) held packed in typed arrays
// instead of a Map, until something writes to it out of order. MiniSearch keeps every posting
// list as a Map: ~40 bytes a posting plus a hash-table insert each, which at 50k records (~8
// million postings) meant ~400 MB and most of the build and cache-load time. Packed lists share
// two large arrays (a "slab" for the whole index, filled by the bulk build or the cache loader),
// so a list costs one small object and 6 bytes a posting, and the garbage collector sees a few
// big arrays instead of millions of entries. The class implements Map, so MiniSearch's own code
// (add, discard, vacuum, search) works on it unchanged: reads are answered from the arrays,
// appends (MiniSearch's `add` of a new document) go to a private copy, and any other write
// unpacks the list into a real Map, which then answers everything. It is a plain object rather
// than a Map subclass because constructing a subclassed builtin is several times slower, and the
// cache loader makes one per posting list (~100k for 10k records).

/** The packed postings of a list: entries `[start, end)` of `docs` (ascending) and `freqs`. */
export interface PackedRange {
  docs: Int32Array;
  freqs: Uint16Array;
  start: number;
  end: number;
}

export class PackedPostings implements Map<number, number> {
  readonly [Symbol.toStringTag] = 'Map';
  /** The entries once unpacked. */
  private map: Map<number, number> | undefined;
  private docs: Int32Array | undefined;
  private freqs: Uint16Array | undefined;
  private start: number;
  private count: number;
  /** Whether `docs`/`freqs` are this list's own (growable) arrays rather than a shared slab. */
  private own = false;

  /**
   * Entries `[start, start + count)` of the arrays, which may be shared with other lists and are
   * never written through this list. `docs` must be ascending there. Frequencies fit 16 bits
   * because each field's indexed text is capped at 100 000 characters (`MAX_FIELD_CHARS`), so
   * no term occurs more than 50 000 times in one field.
   */
  constructor(docs: Int32Array, freqs: Uint16Array, start: number, count: number) {
    this.docs = docs;
    this.freqs = freqs;
    this.start = start;
    this.count = count;
  }

  /** The arrays, while packed: the index's scorer and cache writer loop over them directly. */
  packed(): PackedRange | undefined {
    if (!this.docs || !this.freqs) return undefined;
    return { docs: this.docs, freqs: this.freqs, start: this.start, end: this.start + this.count };
  }

  private indexOf(doc: number): number {
    const docs = this.docs;
    if (!docs) return -1;
    let lo = this.start;
    let hi = this.start + this.count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const value = docs[mid] ?? 0;
      if (value === doc) return mid;
      if (value < doc) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private unpack(): Map<number, number> {
    if (this.map) return this.map;
    const map = new Map<number, number>();
    const docs = this.docs;
    const freqs = this.freqs;
    if (docs && freqs) {
      const end = this.start + this.count;
      for (let i = this.start; i < end; i++) map.set(docs[i] ?? 0, freqs[i] ?? 0);
    }
    this.docs = undefined;
    this.freqs = undefined;
    this.map = map;
    return map;
  }

  /** Moves the entries to private arrays with room for more. */
  private ownArrays(): { docs: Int32Array; freqs: Uint16Array } {
    const capacity = Math.max(4, Math.ceil(this.count * 1.5));
    const docs = new Int32Array(capacity);
    const freqs = new Uint16Array(capacity);
    if (this.docs) docs.set(this.docs.subarray(this.start, this.start + this.count));
    if (this.freqs) freqs.set(this.freqs.subarray(this.start, this.start + this.count));
    this.docs = docs;
    this.freqs = freqs;
    this.start = 0;
    this.own = true;
    return { docs, freqs };
  }

  get size(): number {
    return this.map ? this.map.size : this.count;
  }

  get(doc: number): number | undefined {
    if (this.map) return this.map.get(doc);
    const i = this.indexOf(doc);
    return i < 0 ? undefined : this.freqs?.[i];
  }

  has(doc: number): boolean {
    return this.map ? this.map.has(doc) : this.indexOf(doc) >= 0;
  }

  /**
   * MiniSearch's `add` gives a new document the highest id and counts its terms one occurrence
   * at a time: both are done without unpacking (append, or update in private arrays), so
   * editing a record never unpacks the long lists of common words. Anything else unpacks.
   */
  set(doc: number, freq: number): this {
    const docs = this.docs;
    const freqs = this.freqs;
    if (docs && freqs && Number.isInteger(freq) && freq >= 0 && freq <= 0xffff) {
      const last = this.count > 0 ? (docs[this.start + this.count - 1] ?? -1) : -1;
      if (doc > last) {
        // A shared slab is never written: the first append copies the list out.
        const mine = this.own && this.count < docs.length ? { docs, freqs } : this.ownArrays();
        mine.docs[this.count] = doc;
        mine.freqs[this.count] = freq;
        this.count++;
        return this;
      }
      const i = this.indexOf(doc);
      if (i >= 0) {
        if (this.own) {
          freqs[i] = freq;
        } else {
          const offset = i - this.start; // taken before `ownArrays` moves the list to offset 0
          this.ownArrays().freqs[offset] = freq;
        }
        return this;
      }
    }
    this.unpack().set(doc, freq);
    return this;
  }

  delete(doc: number): boolean {
    return this.unpack().delete(doc);
  }

  clear(): void {
    this.unpack().clear();
  }

  forEach(callback: (value: number, key: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (const [doc, freq] of this.entries()) callback.call(thisArg, freq, doc, this);
  }

  // Iteration while packed goes through a snapshot Map: only MiniSearch's own slow paths
  // (vacuum, its `search`) iterate; the index's scorer and cache use `packed()` directly.
  private current(): Map<number, number> {
    if (this.map) return this.map;
    const map = new Map<number, number>();
    const packed = this.packed();
    if (packed) for (let i = packed.start; i < packed.end; i++) map.set(packed.docs[i] ?? 0, packed.freqs[i] ?? 0);
    return map;
  }

  entries(): MapIterator<[number, number]> {
    return this.current().entries();
  }

  keys(): MapIterator<number> {
    return this.current().keys();
  }

  values(): MapIterator<number> {
    return this.current().values();
  }

  [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}
