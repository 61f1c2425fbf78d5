import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import { RecalledMemorySchema } from '../memory-entry.js';
import { recallForCaller } from '../recall/recall-for-caller.js';
import type { MemoryRuntime } from '../runtime.js';
import { identityOfCall } from '../scope/caller-identity.js';
import { ScopeLevelSchema } from '../scope/scope-level.js';

/** The longest recall query, in characters. */
export const MAX_QUERY_CHARS = 2_000;

/** The input schema of `memory/recall`. */
export const RecallInputSchema = z.object({
  query: z
    .string()
    .trim()
    .min(1, 'is empty: say what to recall, e.g. "coffee preferences"')
    .max(MAX_QUERY_CHARS)
    .describe('What to look for, in a few words, e.g. "daughter\'s birthday" or "preferred meeting time".'),
  scopes: z
    .array(ScopeLevelSchema)
    .min(1)
    .optional()
    .describe('Which memories to search: any of "agent", "user", "session". Default: all you can see.'),
  limit: z.number().int().min(1).max(50).optional().describe('How many memories to return (default 5).'),
});

/** The output schema of `memory/recall`. */
export const RecallOutputSchema = z.object({ memories: z.array(RecalledMemorySchema) });

/** Input of `memory/recall`. */
export type RecallInput = z.input<typeof RecallInputSchema>;
/** Output of `memory/recall`. */
export type RecallOutput = z.output<typeof RecallOutputSchema>;

/** `memory/recall`: the memories most relevant to a query, from the caller's own scopes. */
export function recallAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'Search long-term memory for facts saved in earlier conversations. Returns the most relevant memories, best first, with their ids.',
    input: RecallInputSchema,
    output: RecallOutputSchema,
    tool: true,
    run: async (input, call) => ({
      memories: await recallForCaller(runtime, identityOfCall(call), {
        query: input.query,
        limit: input.limit ?? runtime.config.recallLimit,
        signal: call.signal,
        ...(input.scopes ? { levels: input.scopes } : {}),
      }),
    }),
  });
}
