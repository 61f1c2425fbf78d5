import type { Collection, SearchIndex } from '@downcity/core';
import type { MemoryRecord } from './memory-record.js';

/** Where memories live: records in a collection (list, export, forget) and documents in the search index (recall). */
export interface MemoryStorage {
  /** The search index namespace (the service id). */
  namespace: string;
  /** The records, keyed by {@link recordKeyOf}. */
  records: Collection<MemoryRecord>;
  /** The store's search index. */
  search: SearchIndex;
}
