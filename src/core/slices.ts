// Long work on the extension host's thread, cut into slices: the work is a generator that
// `yield`s where it may pause, and runs either at once (the CLI, tests) or a few milliseconds
// at a time with the event loop served between (PRODUCT.md §5: no block over 50 ms).

/** Node's, declared here: the webview's type-check (DOM types, no Node's) reaches this module too. */
declare const setImmediate: (callback: () => void) => unknown;

/** Resolves after the event loop has served what waits (I/O, timers, messages). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pause to call between units of work: it yields to the event loop once the current slice has
 * run longer than `sliceMs`, and is a no-op (undefined) otherwise.
 */
export function slicer(sliceMs: number): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart <= sliceMs) return undefined;
    return nextTurn().then(() => {
      sliceStart = performance.now();
    });
  };
}

/** Runs the steps to the end without pausing. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps, yielding to the event loop whenever a slice has taken more than `sliceMs`. */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs: number): Promise<T> {
  const pause = slicer(sliceMs);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}
