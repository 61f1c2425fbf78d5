import { DowncityError, ErrorCodes, type Logger } from '@downcity/core';
import { toIndexText } from '../text/index-text.js';
import { recordKeyOf, type MemoryRecord } from './memory-record.js';
import type { MemoryStorage } from './memory-storage.js';

/** What {@link saveMemory} did. */
export interface SaveResult {
  /** `false` when the same text was already remembered in the scope (nothing was written). */
  created: boolean;
  /** Whether the memory was indexed with a vector. */
  embedded: boolean;
}

/** The search document metadata of a memory: what a hit needs to become a recalled memory without another read. */
function metadataOf(record: MemoryRecord, indexText: string): Record<string, string | number | string[]> {
  return {
    memoryId: record.id,
    level: record.level,
    tags: record.tags,
    createdAt: record.createdAt,
    ...(indexText === record.text ? {} : { text: record.text }),
  };
}

/**
 * Stores a memory: its record first (create-if-absent, so a duplicate writes nothing), then its
 * search document. When the document cannot be written with its vector (e.g. the embedding model
 * changed dimension) it is written text-only; when it cannot be written at all, the record is
 * deleted again, so a memory is never listed without being recallable.
 */
export async function saveMemory(storage: MemoryStorage, record: MemoryRecord, vector: number[] | undefined, logger: Logger): Promise<SaveResult> {
  const key = recordKeyOf(record.scope, record.id);
  if (!(await storage.records.insert(key, record))) return { created: false, embedded: false };
  const indexText = toIndexText(record.text);
  const document = { namespace: storage.namespace, id: key, scope: record.scope, text: indexText, metadata: metadataOf(record, indexText) };
  try {
    if (vector) {
      try {
        await storage.search.upsert({ ...document, vector });
        return { created: true, embedded: true };
      } catch (error) {
        logger.warn({ err: error, memoryId: record.id }, 'memory vector not indexed; storing the memory for full-text recall only');
      }
    }
    await storage.search.upsert(document);
    return { created: true, embedded: false };
  } catch (error) {
    await storage.records.delete(key).catch((undoError: unknown) => {
      logger.error({ err: undoError, memoryId: record.id }, 'could not undo the memory record after indexing failed');
    });
    throw new DowncityError(ErrorCodes.STORE_FAILED, `The memory could not be indexed, so nothing was stored: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
