import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import { MemoryEntrySchema } from '../memory-entry.js';
import type { MemoryRuntime } from '../runtime.js';
import { identityOfCall } from '../scope/caller-identity.js';
import { resolveScope } from '../scope/resolve-scope.js';
import { ScopeLevelSchema } from '../scope/scope-level.js';
import { listMemories } from '../store/list-memories.js';
import { toMemoryEntry } from '../store/to-memory-entry.js';

/** The input schema of `memory/list`. */
export const ListInputSchema = z.object({
  scope: ScopeLevelSchema.optional().describe('Whose memories: "agent", "user" or "session" (default: the user when known, else the session, else the agent).'),
  limit: z.number().int().min(1).max(1_000).default(50).describe('How many, newest first.'),
});

/** The output schema of `memory/list`. */
export const ListOutputSchema = z.object({
  scope: ScopeLevelSchema,
  memories: z.array(MemoryEntrySchema).describe('Newest first.'),
  more: z.boolean().describe('Whether the scope holds more memories than returned.'),
});

/** Input of `memory/list`. */
export type ListInput = z.input<typeof ListInputSchema>;
/** Output of `memory/list`. */
export type ListOutput = z.output<typeof ListOutputSchema>;

/** `memory/list`: the newest memories of one of the caller's scopes. */
export function listAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'List the newest memories of one scope of the caller.',
    input: ListInputSchema,
    output: ListOutputSchema,
    run: async (input, call) => {
      const scope = resolveScope(input.scope, identityOfCall(call));
      const records = await listMemories(runtime.storage, { scope: scope.key, limit: input.limit + 1 });
      return { scope: scope.level, memories: records.slice(0, input.limit).map(toMemoryEntry), more: records.length > input.limit };
    },
  });
}
