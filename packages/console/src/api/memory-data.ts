import type { ExecutionContext } from '@downcity/core';
import type { OperatorMemory } from '@downcity/memory';
import { unlessMissing } from './unless-missing.js';

/** A memory as the console shows it: the memory service's operator view. */
export type MemoryView = OperatorMemory;

/** The filters of `GET <console>/api/memory`. */
export interface MemoryFilter {
  /** What to look for; absent lists the newest memories. */
  query?: string;
  /** Only this level: `agent`, `user` or `session`. */
  scope?: 'agent' | 'user' | 'session';
  /** Only the memories of this principal id or session id. */
  owner?: string;
}

/** Memories through the memory service's operator actions (decision 0016); `null` when the service is not loaded. */
export interface MemoryData {
  /** Every scope's memories: the best matches for a query, else the newest (at most 100). */
  search(filter: MemoryFilter): Promise<MemoryView[] | null>;
  /** Deletes a memory by its key; `false` when it was already gone. */
  forget(key: string): Promise<boolean | null>;
}

/** {@link MemoryData} over an execution context. */
export function memoryData(context: ExecutionContext): MemoryData {
  return {
    search: (filter) => unlessMissing(async () => (await context.invoke('memory/operator-search', { ...filter, limit: 100 })).memories),
    forget: (key) => unlessMissing(async () => (await context.invoke('memory/operator-forget', { key })).forgotten),
  };
}
