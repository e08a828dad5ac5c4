// The worker thread of `indexInBackground`: receives the client records in batches, builds the
// full-text index, hands it back in its compact form and then writes the on-disk cache. The
// tokenizing, stemming, hashing and encoding all happen here, off the extension host's thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { CrmRecord } from '../model';
import type { IndexWorkerInput, IndexWorkerOutput, IndexWorkerSetup } from './backgroundIndex';
import { writeIndexCache } from './indexCache';
import { SearchIndex } from './searchIndex';

const port = parentPort;
const { cacheFile } = workerData as IndexWorkerSetup;
const records: CrmRecord[] = [];

/** The index, back to the caller first; then the cache, so writing it costs no waiting. */
async function finish(): Promise<void> {
  const index = new SearchIndex(records);
  // Bytes, not base64: the extension host then has nothing to decode.
  port?.postMessage({ json: index.toCompactJson({ binary: true }), stale: cacheFile === undefined } satisfies IndexWorkerOutput);
  if (cacheFile !== undefined) await writeIndexCache(cacheFile, index);
}

port?.on('message', (message: IndexWorkerInput) => {
  if ('records' in message) {
    for (const record of message.records) records.push(record);
    return;
  }
  finish()
    .catch((error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) } satisfies IndexWorkerOutput))
    .finally(() => port.close());
});
