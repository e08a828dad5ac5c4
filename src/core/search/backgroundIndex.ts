// The full-text index without blocking the caller's thread (PRODUCT.md §5: the extension host
// never blocks for more than 50 ms):
// - warm, from the on-disk cache: revived and brought up to date here, in slices of a few ms
//   (the records are already here, and sending them to a worker would cost more than the work);
// - cold: built in a worker thread, the records sent in small batches; the compact form comes
//   back and is revived here in slices, and the worker writes the cache.
// When no worker can run (no bundle beside this one, a crash), the index is built here as
// before: slower, blocking, never missing.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CrmRecord } from '../model';
import { nextTurn } from '../slices';
import { readIndexCache } from './indexCache';
import { SearchIndex, type SearchIndexJson } from './searchIndex';

export interface IndexWorkerSetup {
  /** Where the worker writes the index it built. */
  cacheFile: string | undefined;
}

export type IndexWorkerInput = { records: CrmRecord[] } | { end: true };

export type IndexWorkerOutput = { json: SearchIndexJson; stale: boolean } | { error: string };

export interface BackgroundIndex {
  index: SearchIndex;
  /** The cache on disk should be rewritten (it was not used whole, and no worker wrote it). */
  stale: boolean;
  /** Where the index came from. */
  source: 'cache' | 'worker' | 'this thread';
  /** Why the worker was not used, when the index was built on this thread. */
  fallback?: string;
}

/** Records per message: each batch costs this thread a few milliseconds to serialize. */
const BATCH = 250;

/** Longest stretch of work on this thread before it yields to the event loop. */
const SLICE_MS = 10;

/** Next to this module: `out/src/core/search/` when compiled, `dist/` when bundled. */
const WORKER_FILE = path.join(__dirname, 'indexWorker.js');

async function runWorker(workerFile: string, cacheFile: string | undefined, records: readonly CrmRecord[]): Promise<{ json: SearchIndexJson; stale: boolean }> {
  const worker = new Worker(workerFile, { workerData: { cacheFile } satisfies IndexWorkerSetup });
  const result = new Promise<{ json: SearchIndexJson; stale: boolean }>((resolve, reject) => {
    worker.once('message', (output: IndexWorkerOutput) => ('error' in output ? reject(new Error(output.error)) : resolve(output)));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the index worker stopped (exit code ${code})`)));
  });
  result.catch(() => undefined); // awaited below; a failure while still sending must not go unhandled
  try {
    for (let start = 0; start < records.length; start += BATCH) {
      worker.postMessage({ records: records.slice(start, start + BATCH) } satisfies IndexWorkerInput);
      await nextTurn();
    }
    worker.postMessage({ end: true } satisfies IndexWorkerInput);
    // The worker goes on to write the cache, then stops by itself.
    return await result;
  } catch (error) {
    void worker.terminate();
    throw error;
  }
}

/**
 * The index of `records`: from the cache at `cacheFile` when usable, else built in a worker.
 * The records must not change while it runs (the store's never do: an edit makes a new record);
 * `sync` the result with the store's current records if the store changed meanwhile.
 */
export async function indexInBackground(cacheFile: string | undefined, records: readonly CrmRecord[], options: { workerFile?: string } = {}): Promise<BackgroundIndex> {
  const cached = cacheFile === undefined ? undefined : await readIndexCache(cacheFile, records, SLICE_MS);
  if (cached) return { index: cached.index, stale: cached.changed, source: 'cache' };
  let failure: string;
  try {
    const { json, stale } = await runWorker(options.workerFile ?? WORKER_FILE, cacheFile, records);
    await nextTurn(); // receiving the message was a slice of its own
    const index = await SearchIndex.revive(json, SLICE_MS);
    if (index) {
      index.attach(records);
      return { index, stale, source: 'worker' };
    }
    failure = 'the index worker returned a malformed index';
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
  }
  return { index: new SearchIndex(records), stale: true, source: 'this thread', fallback: failure };
}
