// What the caches trust about a file without reading it (no Node imports: the search index's
// module uses it, and the dashboard's types reach that module).

/**
 * A file changed within this long before a cache is written may change again within the same
 * mtime tick without a new size (git's "racily clean" problem): caches leave it out, and read it.
 */
export const RACY_MS = 3000;

/** The mtime in a record's `stamp` (`mtime:size:build`). */
export function stampMtime(stamp: string): number {
  return Number(stamp.slice(0, stamp.indexOf(':')));
}
