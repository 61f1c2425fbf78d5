import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import { rankMemoryHits } from '../recall/recall-memories.js';
import type { MemoryRuntime } from '../runtime.js';
import { requireOperator } from '../scope/require-operator.js';
import { ScopeLevelSchema, type ScopeLevel } from '../scope/scope-level.js';
import type { MemoryRecord } from '../store/memory-record.js';
import { OperatorMemorySchema, ownerOfScopeKey, toOperatorMemory } from '../store/to-operator-memory.js';
import { MAX_QUERY_CHARS } from './recall-action.js';

/** How many of the newest memories are read to find the scopes an unfiltered search covers. */
export const OPERATOR_SCAN_LIMIT = 10_000;

/** The input schema of `memory/operator-search`. */
export const OperatorSearchInputSchema = z.object({
  query: z.string().trim().max(MAX_QUERY_CHARS).optional().describe('What to look for; blank or absent lists the newest memories.'),
  scope: ScopeLevelSchema.optional().describe('Only memories of this level: "agent", "user" or "session".'),
  owner: z.string().trim().min(1).max(1_000).optional().describe('Only the memories of this principal id (user scope) or session id (session scope).'),
  limit: z.number().int().min(1).max(200).default(50).describe('How many: the best matches, or the newest without a query.'),
});

/** The output schema of `memory/operator-search`. */
export const OperatorSearchOutputSchema = z.object({
  memories: z.array(OperatorMemorySchema).describe('Best first with a query, else newest first.'),
});

/** Input of `memory/operator-search`. */
export type OperatorSearchInput = z.input<typeof OperatorSearchInputSchema>;
/** Output of `memory/operator-search`. */
export type OperatorSearchOutput = z.output<typeof OperatorSearchOutputSchema>;

/** Whether a record's scope passes the level and owner filters. */
function matches(record: MemoryRecord, filter: { scope?: ScopeLevel; owner?: string }): boolean {
  if (filter.scope !== undefined && record.level !== filter.scope) return false;
  return filter.owner === undefined || ownerOfScopeKey(record.scope) === filter.owner;
}

/**
 * `memory/operator-search`: every scope's memories (the agent's, every user's, every session's) for the operator,
 * searched like `memory/recall` (full text, and vectors with an embedding model) or, without a query, newest first.
 * Refused for the model and for any call on a principal's behalf. Scopes are found among the newest
 * {@link OPERATOR_SCAN_LIMIT} memories.
 */
export function operatorSearchAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'Search or list the memories of every scope (all users and sessions), for the operator only.',
    input: OperatorSearchInputSchema,
    output: OperatorSearchOutputSchema,
    tool: false,
    run: async (input, call) => {
      requireOperator(call, 'memory/operator-search');
      const filter = { ...(input.scope ? { scope: input.scope } : {}), ...(input.owner ? { owner: input.owner } : {}) };
      const newest = await runtime.storage.records.list({
        orderBy: { field: 'createdAt', direction: 'desc' },
        limit: OPERATOR_SCAN_LIMIT,
        ...(input.scope ? { where: { level: input.scope } } : {}),
      });
      const records = newest.map((entry) => entry.value).filter((record) => matches(record, filter));
      if (!input.query) return { memories: records.slice(0, input.limit).map((record) => toOperatorMemory(record)) };
      const ranked = await rankMemoryHits(
        { storage: runtime.storage, minSimilarity: runtime.config.embedding?.minSimilarity ?? 0, logger: runtime.logger, ...(runtime.embedder ? { embedder: runtime.embedder } : {}) },
        { text: input.query, scopes: [...new Set(records.map((record) => record.scope))], limit: input.limit, signal: call.signal },
      );
      const memories = [];
      for (const { hit, score } of ranked) {
        const record = await runtime.storage.records.get(hit.id);
        if (record) memories.push(toOperatorMemory(record, score));
      }
      return { memories };
    },
  });
}
