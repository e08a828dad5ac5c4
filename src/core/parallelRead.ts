// Reading many record files on two threads: the main thread and one worker claim chunks of
// indexes from a shared counter, so the split balances itself even though the worker starts
// ~0.25 s late (module load + AJV compile). Results come back by index; the store applies them in
// file order, so a parallel load ends in exactly the state of a sequential one.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Language } from './i18n';
import type { CrmConfig } from './model';
import type { FileStamp } from './modelCache';
import type { FileEntry } from './store';
import { slicer } from './slices';

/**
 * What reading one file means for the store: its new entry (and text, when retained; the disk's
 * mtime and size it was read at, for the model cache), or that it is gone.
 */
export type ReadOutcome = { entry: FileEntry; text?: string | null; stamp?: FileStamp } | { gone: true };

/** One file's outcome; null when the file is not one the store reads. */
export interface LoadItem {
  index: number;
  outcome: ReadOutcome | null;
}

export type LoadMessage = { type: 'chunk'; items: LoadItem[] } | { type: 'done' };

export interface LoadWorkerData {
  root: string;
  files: readonly string[];
  /** Int32Array over it: [0] is the next unclaimed index. */
  counter: SharedArrayBuffer;
  chunk: number;
  config: CrmConfig;
  language: Language;
  retainTexts: boolean;
}

/** Indexes claimed at once: big enough that messages are few, small enough to balance the tail. */
export const LOAD_CHUNK = 64;

/** The worker's entry, next to this module both in tsc's out/src/core and in the dist/ bundles. */
export const LOAD_WORKER = path.join(__dirname, 'loadWorker.js');

/**
 * Every file's outcome, by index: `readOne` on this thread for the chunks it claims, the worker for
 * the others. Whatever the worker does not deliver (it failed to start, threw, exited) is read here.
 */
export async function readInParallel(
  data: Omit<LoadWorkerData, 'counter' | 'chunk'>,
  readOne: (index: number) => ReadOutcome | null,
  options: { sliceMs: number; workerPath?: string },
): Promise<(ReadOutcome | null)[]> {
  const total = data.files.length;
  const results: (ReadOutcome | null | undefined)[] = new Array<ReadOutcome | null | undefined>(total);
  let filled = 0;
  const put = (index: number, outcome: ReadOutcome | null): void => {
    if (results[index] !== undefined) return;
    results[index] = outcome;
    filled++;
  };
  const counter = new Int32Array(new SharedArrayBuffer(4));
  let workerEnded = false;
  let wake: (() => void) | undefined;
  const end = (): void => {
    workerEnded = true;
    wake?.();
  };
  let worker: Worker | undefined;
  try {
    worker = new Worker(options.workerPath ?? LOAD_WORKER, { workerData: { ...data, counter: counter.buffer, chunk: LOAD_CHUNK } satisfies LoadWorkerData });
    // Never the reason the process stays up: a CLI run ends when its work is done.
    worker.unref();
    worker.on('message', (message: LoadMessage) => {
      if (message.type === 'done') return end();
      for (const item of message.items) put(item.index, item.outcome);
      if (filled === total) wake?.();
    });
    worker.on('error', end);
    worker.on('exit', end);
  } catch {
    workerEnded = true;
  }
  try {
    const tick = slicer(options.sliceMs);
    for (let start; (start = Atomics.add(counter, 0, LOAD_CHUNK)) < total; ) {
      for (let i = start; i < Math.min(start + LOAD_CHUNK, total); i++) {
        put(i, readOne(i));
        await tick();
      }
    }
    // The worker's last chunks; not its start-up when this thread already did everything.
    while (!workerEnded && filled < total) await new Promise<void>((resolve) => (wake = resolve));
    for (let i = 0; i < total; i++) {
      if (results[i] !== undefined) continue;
      put(i, readOne(i));
      await tick();
    }
  } finally {
    void worker?.terminate();
  }
  return results as (ReadOutcome | null)[];
}
