// An array kept in order under single inserts and removals, so that one changed record costs a
// binary search and a splice instead of re-sorting ten thousand (PRODUCT.md §5: a file change
// must reach the views in ≤ 5 ms at 10k records).

export type Compare<T> = (a: T, b: T) => number;

export class SortedList<T> {
  readonly items: T[];

  /** `compare` must be a total order (break ties), or removal falls back to a scan of equals. */
  constructor(
    private readonly compare: Compare<T>,
    items: Iterable<T> = [],
  ) {
    this.items = [...items].sort(compare);
  }

  /** The first index whose item is not before `item`. */
  private lowerBound(item: T): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.items[mid]!, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    let at = this.lowerBound(item);
    // After its equals, so equal items keep the order they came in.
    while (at < this.items.length && this.compare(this.items[at]!, item) === 0) at++;
    this.items.splice(at, 0, item);
  }

  /**
   * Puts `next` where `previous` is when it sorts to the same place (an edit that keeps the name
   * and the file): one write instead of two splices, each of which moves every later item (at
   * 50k records, with the collector marking, several ms). Otherwise a removal and an insertion.
   */
  replace(previous: T, next: T): void {
    for (let at = this.lowerBound(previous); at < this.items.length && this.compare(this.items[at]!, previous) === 0; at++) {
      if (this.items[at] !== previous) continue;
      const before = this.items[at - 1];
      const after = this.items[at + 1];
      if ((before === undefined || this.compare(before, next) <= 0) && (after === undefined || this.compare(next, after) <= 0)) {
        this.items[at] = next;
        return;
      }
      this.items.splice(at, 1);
      break;
    }
    this.insert(next);
  }

  /** Removes this very item (by identity); false when it is not in the list. */
  remove(item: T): boolean {
    for (let at = this.lowerBound(item); at < this.items.length && this.compare(this.items[at]!, item) === 0; at++) {
      if (this.items[at] === item) {
        this.items.splice(at, 1);
        return true;
      }
    }
    return false;
  }
}
