import type { SearchHit } from '@downcity/core';
import type { RecalledMemory } from '../memory-entry.js';
import { levelOfKey } from '../scope/resolve-scope.js';
import { ScopeLevelSchema } from '../scope/scope-level.js';

/** A search hit as a recalled memory, from the metadata stored with the document. */
export function hitToMemory(hit: SearchHit, score: number): RecalledMemory {
  const { metadata } = hit;
  const level = ScopeLevelSchema.safeParse(metadata.level);
  return {
    id: typeof metadata.memoryId === 'string' ? metadata.memoryId : hit.id,
    scope: level.success ? level.data : levelOfKey(hit.scope),
    text: typeof metadata.text === 'string' ? metadata.text : hit.text,
    tags: Array.isArray(metadata.tags) ? metadata.tags.filter((tag): tag is string => typeof tag === 'string') : [],
    createdAt: new Date(typeof metadata.createdAt === 'number' ? metadata.createdAt : 0).toISOString(),
    score,
  };
}
