import { DowncityError, ErrorCodes } from '@downcity/core';
import { recordKeyOf, type MemoryRecord } from './memory-record.js';
import type { MemoryStorage } from './memory-storage.js';

/**
 * Deletes a memory: its record, then its search document. When the document cannot be removed
 * the record is put back, so a memory is never recalled after it disappeared from the list;
 * forgetting again retries both.
 */
export async function deleteMemory(storage: MemoryStorage, record: MemoryRecord): Promise<void> {
  const key = recordKeyOf(record.scope, record.id);
  await storage.records.delete(key);
  try {
    await storage.search.remove(storage.namespace, key);
  } catch (error) {
    await storage.records.put(key, record);
    throw new DowncityError(ErrorCodes.STORE_FAILED, `The memory "${record.id}" could not be removed from the search index; it was kept. Try again: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
