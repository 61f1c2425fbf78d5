import type { MemoryEntry } from '../memory-entry.js';
import type { MemoryRecord } from './memory-record.js';

/** A stored record as actions return it. */
export function toMemoryEntry(record: MemoryRecord): MemoryEntry {
  return { id: record.id, scope: record.level, text: record.text, tags: record.tags, createdAt: new Date(record.createdAt).toISOString() };
}
