/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `work` every `ms` (the next run starts `ms` after the previous one ended, so runs never overlap) until
 * the returned function is called; that function resolves once a run in progress has ended.
 *
 * @param ms - the pause between runs
 * @param work - one run; it handles its own errors
 */
export function repeat(ms: number, work: () => Promise<void>): () => Promise<void> {
  const stopped = new AbortController();
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      await sleep(ms, stopped.signal);
      if (!stopped.signal.aborted) await work();
    }
  })();
  return async () => {
    stopped.abort();
    await loop;
  };
}
