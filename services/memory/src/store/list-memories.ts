import type { MemoryRecord } from './memory-record.js';
import { scopePrefixOf } from './memory-record.js';
import type { MemoryStorage } from './memory-storage.js';

/** Options for {@link listMemories}. */
export interface ListMemoriesOptions {
  /** The scope key. */
  scope: string;
  /** The most records to return. */
  limit: number;
  /** `desc` for newest first (default), `asc` for oldest first. */
  order?: 'asc' | 'desc';
}

/** The records of one scope by creation time: one key-range read of the scope's prefix. */
export async function listMemories(storage: MemoryStorage, options: ListMemoriesOptions): Promise<MemoryRecord[]> {
  const entries = await storage.records.list({
    idPrefix: scopePrefixOf(options.scope),
    where: { scope: options.scope },
    orderBy: { field: 'createdAt', direction: options.order ?? 'desc' },
    limit: options.limit,
  });
  return entries.map((entry) => entry.value);
}
