import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import type { MemoryRuntime } from '../runtime.js';
import { identityOfCall } from '../scope/caller-identity.js';
import { checkWriteAccess } from '../scope/check-write-access.js';
import { reachableScopes } from '../scope/resolve-scope.js';
import { deleteMemory } from '../store/delete-memory.js';
import { recordKeyOf } from '../store/memory-record.js';

/** The input schema of `memory/forget`. */
export const ForgetInputSchema = z.object({
  id: z.string().trim().min(1).max(100).describe('The id of the memory to delete, as memory_recall or memory_list returned it.'),
});

/** The output schema of `memory/forget`. */
export const ForgetOutputSchema = z.object({
  id: z.string(),
  forgotten: z.boolean().describe('false when no memory with this id exists in your scopes (already forgotten, or never yours).'),
});

/** Input of `memory/forget`. */
export type ForgetInput = z.input<typeof ForgetInputSchema>;
/** Output of `memory/forget`. */
export type ForgetOutput = z.output<typeof ForgetOutputSchema>;

/** `memory/forget`: deletes a memory from the caller's own scopes (index and record). */
export function forgetAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'Delete a memory by id, e.g. when the user asks you to forget something or a saved fact is wrong. Get ids from memory_recall.',
    input: ForgetInputSchema,
    output: ForgetOutputSchema,
    tool: true,
    run: async (input, call) => {
      const identity = identityOfCall(call);
      for (const scope of reachableScopes(identity)) {
        const record = await runtime.storage.records.get(recordKeyOf(scope.key, input.id));
        if (!record) continue;
        checkWriteAccess(scope, identity, runtime.config);
        await deleteMemory(runtime.storage, record);
        return { id: input.id, forgotten: true };
      }
      return { id: input.id, forgotten: false };
    },
  });
}
