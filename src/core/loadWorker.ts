// The worker of a parallel load (see parallelRead.ts): claims chunks of files from the shared
// counter, reads and analyzes them with a store of its own, and posts each chunk's outcomes.
import { parentPort, workerData } from 'node:worker_threads';
import { useLanguage } from './i18n';
import type { LoadItem, LoadMessage, LoadWorkerData } from './parallelRead';
import { WorkspaceStore } from './store';
import { nodeFs } from './workspaceFs';

const data = workerData as LoadWorkerData;
const port = parentPort;
if (port) {
  useLanguage(data.language);
  const store = new WorkspaceStore(data.root, nodeFs, { retainTexts: data.retainTexts });
  store.config = data.config;
  const counter = new Int32Array(data.counter);
  const total = data.files.length;
  for (let start; (start = Atomics.add(counter, 0, data.chunk)) < total; ) {
    const items: LoadItem[] = [];
    for (let i = start; i < Math.min(start + data.chunk, total); i++) items.push({ index: i, outcome: store.readOutcome(data.files[i]!) });
    port.postMessage({ type: 'chunk', items } satisfies LoadMessage);
  }
  port.postMessage({ type: 'done' } satisfies LoadMessage);
}
