// The full-text index on disk (PRODUCT.md §5, "warm" start): written after a build and after
// changes, read at the next start, where `sync` re-indexes only the records whose content changed.
// A cache that is missing, truncated, garbled or from another format version reads as undefined
// and the caller rebuilds: it is never trusted. Writes go to a temp file and a rename.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { CrmRecord } from '../model';
import { nextTurn } from '../slices';
import { tempPathFor } from '../workspaceFs';
import { SearchIndex, type SearchIndexJson } from './searchIndex';

/**
 * The cached index brought up to date with `records` (and whether that changed it), or undefined
 * when there is no usable cache. With `sliceMs`, reviving and syncing yield to the event loop
 * every `sliceMs` or so (the extension host); without, they run at once (the CLI).
 */
export async function readIndexCache(file: string, records: readonly CrmRecord[], sliceMs?: number): Promise<{ index: SearchIndex; changed: boolean } | undefined> {
  let data: SearchIndexJson;
  try {
    data = JSON.parse(await fsp.readFile(file, 'utf8')) as SearchIndexJson;
  } catch {
    return undefined;
  }
  if (sliceMs !== undefined) await nextTurn(); // parsing was a slice of its own
  const index = sliceMs === undefined ? SearchIndex.fromJSON(data) : await SearchIndex.revive(data, sliceMs);
  if (!index) return undefined;
  try {
    const { added, updated, removed, restamped } = sliceMs === undefined ? index.sync(records) : await index.syncInSlices(records, sliceMs);
    return { index, changed: added + updated + removed + restamped > 0 };
  } catch {
    return undefined; // a cache that parses but does not fit the code: rebuild
  }
}

/** Writes the index; a failure (read-only folder, full disk) only costs the next start its speed. */
export async function writeIndexCache(file: string, index: SearchIndex): Promise<boolean> {
  const temp = tempPathFor(file);
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(temp, JSON.stringify(index), 'utf8');
    await fsp.rename(temp, file);
    return true;
  } catch {
    await fsp.rm(temp, { force: true }).catch(() => undefined);
    return false;
  }
}

/** The index from the cache when it is usable, else built; `stale` when the cache should be rewritten. */
export async function loadOrBuildIndex(file: string | undefined, records: readonly CrmRecord[]): Promise<{ index: SearchIndex; stale: boolean }> {
  const cached = file ? await readIndexCache(file, records) : undefined;
  return cached ? { index: cached.index, stale: cached.changed } : { index: new SearchIndex(records), stale: true };
}
