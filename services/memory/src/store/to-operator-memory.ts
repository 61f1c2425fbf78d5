import { z } from 'zod';
import { MemoryEntrySchema } from '../memory-entry.js';
import { levelOfKey } from '../scope/resolve-scope.js';
import { recordKeyOf, type MemoryRecord } from './memory-record.js';

/** A memory as the operator sees it: where it is kept, whose it is, who stored it and from which session. */
export const OperatorMemorySchema = MemoryEntrySchema.extend({
  key: z.string().describe('The memory\'s key across all scopes (`<scope key>#<id>`); pass it to memory/operator-forget.'),
  owner: z.string().optional().describe('Whose scope it is in: the principal id for a user memory, the session id for a session memory; absent for agent memories.'),
  createdBy: z.string().describe('Who stored it: "model", "agent" or a package id.'),
  principalId: z.string().optional().describe('The principal the storing call ran for, when known.'),
  sessionId: z.string().optional().describe('The session the storing call came from, when any.'),
  score: z.number().optional().describe('Relevance to the query (reciprocal rank fusion), when searched.'),
});

/** A memory as the operator sees it. */
export type OperatorMemory = z.output<typeof OperatorMemorySchema>;

/** The owner named by a scope key: the decoded principal id of `user:<id>` or session id of `session:<id>`. */
export function ownerOfScopeKey(scopeKey: string): string | undefined {
  const colon = scopeKey.indexOf(':');
  if (levelOfKey(scopeKey) === 'agent' || colon < 0) return undefined;
  return decodeURIComponent(scopeKey.slice(colon + 1));
}

/** A stored record as the operator sees it. */
export function toOperatorMemory(record: MemoryRecord, score?: number): OperatorMemory {
  const owner = ownerOfScopeKey(record.scope);
  return {
    id: record.id,
    key: recordKeyOf(record.scope, record.id),
    scope: record.level,
    text: record.text,
    tags: record.tags,
    createdAt: new Date(record.createdAt).toISOString(),
    createdBy: record.createdBy,
    ...(owner === undefined ? {} : { owner }),
    ...(record.principalId === undefined ? {} : { principalId: record.principalId }),
    ...(record.sessionId === undefined ? {} : { sessionId: record.sessionId }),
    ...(score === undefined ? {} : { score }),
  };
}
