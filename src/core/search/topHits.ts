// The `limit` best of many scored documents without sorting them all: a common word matches most
// of a 50k workspace, and the search shows twenty.

/** Orders hits best first; equal scores by file, so results do not depend on insertion order. */
function better(a: { score: number; file: string }, b: { score: number; file: string }): boolean {
  return a.score > b.score || (a.score === b.score && a.file < b.file);
}

/** A bounded min-heap keeping the `limit` best hits seen so far. */
export class TopHits {
  readonly items: { doc: number; score: number; file: string }[] = [];
  constructor(private readonly limit: number) {}

  /** Whether a hit with this score could still enter (cheap test before the filter is called). */
  admits(score: number): boolean {
    const worst = this.items[0];
    return this.items.length < this.limit || (worst !== undefined && score >= worst.score);
  }

  push(item: { doc: number; score: number; file: string }): void {
    const items = this.items;
    if (items.length < this.limit) {
      items.push(item);
      this.up(items.length - 1);
    } else if (items[0] !== undefined && better(item, items[0])) {
      items[0] = item;
      this.down(0);
    }
  }

  sorted(): { doc: number; score: number; file: string }[] {
    return [...this.items].sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  }

  private up(i: number): void {
    const items = this.items;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const a = items[i];
      const p = items[parent];
      if (a === undefined || p === undefined || !better(p, a)) break;
      items[i] = p;
      items[parent] = a;
      i = parent;
    }
  }

  private down(i: number): void {
    const items = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      const wi = items[worst];
      const li = items[l];
      if (li !== undefined && wi !== undefined && better(wi, li)) worst = l;
      const w2 = items[worst];
      const ri = items[r];
      if (ri !== undefined && w2 !== undefined && better(w2, ri)) worst = r;
      if (worst === i) return;
      const a = items[i];
      const b = items[worst];
      if (a === undefined || b === undefined) return;
      items[i] = b;
      items[worst] = a;
      i = worst;
    }
  }
}
