import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import type { MemoryRuntime } from '../runtime.js';
import { requireOperator } from '../scope/require-operator.js';
import { deleteMemory } from '../store/delete-memory.js';

/** The input schema of `memory/operator-forget`. */
export const OperatorForgetInputSchema = z.object({
  key: z.string().trim().min(1).max(2_000).describe('The memory\'s key as memory/operator-search returned it (`<scope key>#<id>`).'),
});

/** The output schema of `memory/operator-forget`. */
export const OperatorForgetOutputSchema = z.object({
  key: z.string(),
  forgotten: z.boolean().describe('false when no memory has this key (already forgotten).'),
});

/** Input of `memory/operator-forget`. */
export type OperatorForgetInput = z.input<typeof OperatorForgetInputSchema>;
/** Output of `memory/operator-forget`. */
export type OperatorForgetOutput = z.output<typeof OperatorForgetOutputSchema>;

/**
 * `memory/operator-forget`: deletes any memory (record and search document) by its key, for the operator only; it
 * is never recalled again. Logged with its id and scope level, never its text.
 */
export function operatorForgetAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'Delete any memory by its key (from memory/operator-search), for the operator only.',
    input: OperatorForgetInputSchema,
    output: OperatorForgetOutputSchema,
    tool: false,
    run: async (input, call) => {
      requireOperator(call, 'memory/operator-forget');
      const record = await runtime.storage.records.get(input.key);
      if (!record) return { key: input.key, forgotten: false };
      await deleteMemory(runtime.storage, record);
      runtime.logger.info({ memoryId: record.id, scope: record.level, by: call.caller }, 'the operator forgot a memory');
      return { key: input.key, forgotten: true };
    },
  });
}
