import type { MemoryRuntime } from '../runtime.js';

/**
 * The vector to store with a new memory, or `undefined` without an embedding model or when
 * embedding fails: a memory is never lost because the embedding endpoint is down; it is stored
 * for full-text recall and the failure is logged.
 */
export async function embedForStorage(runtime: Pick<MemoryRuntime, 'embedder' | 'logger'>, text: string, signal?: AbortSignal): Promise<number[] | undefined> {
  if (!runtime.embedder) return undefined;
  try {
    return await runtime.embedder.embed(text, signal);
  } catch (error) {
    runtime.logger.warn({ err: error, model: runtime.embedder.modelId }, 'embedding a memory failed; storing it for full-text recall only');
    return undefined;
  }
}
