// The stat of every record file on another thread, while this one decodes the model cache: a
// warm load checks each cached entry against its file's mtime and size, and 50k `statSync` calls
// cost ~0.5 s of a 2.5 s budget on the thread that would otherwise be decoding.
import { Worker } from 'node:worker_threads';
import type { FileStamp } from './modelCache';

/** Plain CommonJS for `eval`: no bundle to load (the load worker's costs ~0.25 s to start). */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { root, files } = workerData;
const out = new Float64Array(files.length * 2).fill(NaN);
for (let i = 0; i < files.length; i++) {
  try {
    const stat = statSync(join(root, files[i]), { throwIfNoEntry: false });
    if (stat && stat.isFile()) { out[2 * i] = stat.mtimeMs; out[2 * i + 1] = stat.size; }
  } catch {}
}
parentPort.postMessage(out, [out.buffer]);
`;

/**
 * Each file's mtime and size (undefined: not a regular file, or gone), in the order of `files`;
 * the promise gives undefined when the worker could not run, and the caller stats on its own.
 */
export function statInWorker(root: string, files: readonly string[]): Promise<(FileStamp | undefined)[] | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, { eval: true, workerData: { root, files } });
    } catch {
      resolve(undefined);
      return;
    }
    // Never the reason the process stays up, nor an error the caller has to catch.
    worker.unref();
    worker.once('message', (out: Float64Array) => {
      const stamps: (FileStamp | undefined)[] = new Array(files.length);
      for (let i = 0; i < files.length; i++) stamps[i] = Number.isNaN(out[2 * i]) ? undefined : { mtimeMs: out[2 * i]!, size: out[2 * i + 1]! };
      resolve(stamps);
    });
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
