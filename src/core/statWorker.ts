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
const { root } = workerData;
const files = workerData.files.split('\\n');
const out = new Float64Array(files.length * 2).fill(NaN);
for (let i = 0; i < files.length; i++) {
  try {
    const stat = statSync(join(root, files[i]), { throwIfNoEntry: false });
    if (stat && stat.isFile()) { out[2 * i] = stat.mtimeMs; out[2 * i + 1] = stat.size; }
  } catch {}
}
parentPort.postMessage(out, [out.buffer]);
`;

/** Each file's mtime and size by its index in the list given, as the worker sent them. */
export class FileStats {
  constructor(private readonly values: Float64Array) {}

  /** Undefined: not a regular file, or gone. */
  at(index: number): FileStamp | undefined {
    const mtimeMs = this.values[2 * index]!;
    return Number.isNaN(mtimeMs) ? undefined : { mtimeMs, size: this.values[2 * index + 1]! };
  }
}

/**
 * The stats of `files` (workspace-relative paths, none with a line break: the list crosses to the
 * worker as one string, which copies in one piece where 50k strings are cloned one by one); the
 * promise gives undefined when the worker could not run, and the caller stats on its own.
 */
export function statInWorker(root: string, files: readonly string[]): Promise<FileStats | undefined> {
  return new Promise((resolve) => {
    if (files.some((file) => file.includes('\n'))) {
      resolve(undefined);
      return;
    }
    let worker: Worker;
    try {
      worker = new Worker(SOURCE, { eval: true, workerData: { root, files: files.join('\n') } });
    } catch {
      resolve(undefined);
      return;
    }
    // Never the reason the process stays up, nor an error the caller has to catch.
    worker.unref();
    worker.once('message', (values: Float64Array) => resolve(values.length === files.length * 2 ? new FileStats(values) : undefined));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
}
