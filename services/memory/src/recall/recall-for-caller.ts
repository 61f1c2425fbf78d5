import type { RecalledMemory } from '../memory-entry.js';
import type { MemoryRuntime } from '../runtime.js';
import type { CallerIdentity } from '../scope/caller-identity.js';
import { reachableScopes, resolveScope } from '../scope/resolve-scope.js';
import type { ScopeLevel } from '../scope/scope-level.js';
import { recallMemories } from './recall-memories.js';

/** A recall on behalf of a caller. */
export interface CallerRecall {
  /** What to recall memories about. */
  query: string;
  /** The levels to search (each resolved against the caller); default every level the caller has. */
  levels?: ScopeLevel[];
  /** The most memories to return. */
  limit: number;
  /** Cancels the embedding call. */
  signal?: AbortSignal;
}

/**
 * Recalls from the caller's own scopes only (the agent scope, the caller's user, the caller's
 * session), then runs the `memory/recalled` pipeline so plugins can filter or re-rank.
 */
export async function recallForCaller(runtime: MemoryRuntime, identity: CallerIdentity, recall: CallerRecall): Promise<RecalledMemory[]> {
  const scopes = recall.levels ? [...new Set(recall.levels)].map((level) => resolveScope(level, identity)) : reachableScopes(identity);
  const memories = await recallMemories(
    { storage: runtime.storage, minSimilarity: runtime.config.embedding?.minSimilarity ?? 0, logger: runtime.logger, ...(runtime.embedder ? { embedder: runtime.embedder } : {}) },
    { text: recall.query, scopes: scopes.map((scope) => scope.key), limit: recall.limit, ...(recall.signal ? { signal: recall.signal } : {}) },
  );
  if (runtime.plugins.count('memory/recalled') === 0) return memories;
  const result = await runtime.plugins.pipeline('memory/recalled', { query: recall.query, memories, ...identity });
  return result.memories.slice(0, recall.limit);
}
