import { defineAction, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import { MemoryEntrySchema } from '../memory-entry.js';
import type { MemoryRuntime } from '../runtime.js';
import { identityOfCall } from '../scope/caller-identity.js';
import { resolveScope } from '../scope/resolve-scope.js';
import { ScopeLevelSchema } from '../scope/scope-level.js';
import { listMemories } from '../store/list-memories.js';
import { toMemoryEntry } from '../store/to-memory-entry.js';

/** The input schema of `memory/export`. */
export const ExportInputSchema = z.object({
  scope: ScopeLevelSchema.optional().describe('Whose memories: "agent", "user" or "session" (default: the user when known, else the session, else the agent).'),
});

/** The output schema of `memory/export`: plain JSON, ready to write to a file. */
export const ExportOutputSchema = z.object({
  scope: ScopeLevelSchema,
  exportedAt: z.string().describe('ISO 8601.'),
  count: z.number().int(),
  memories: z.array(MemoryEntrySchema).describe('Every memory of the scope, oldest first.'),
});

/** Input of `memory/export`. */
export type ExportInput = z.input<typeof ExportInputSchema>;
/** Output of `memory/export`. */
export type ExportOutput = z.output<typeof ExportOutputSchema>;

/** `memory/export`: every memory of one of the caller's scopes as JSON (e.g. for a user's data request). */
export function exportAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description: 'Export every memory of one scope of the caller as JSON (id, scope, text, createdAt, tags).',
    input: ExportInputSchema,
    output: ExportOutputSchema,
    run: async (input, call) => {
      const scope = resolveScope(input.scope, identityOfCall(call));
      const records = await listMemories(runtime.storage, { scope: scope.key, limit: Number.MAX_SAFE_INTEGER, order: 'asc' });
      return { scope: scope.level, exportedAt: new Date().toISOString(), count: records.length, memories: records.map(toMemoryEntry) };
    },
  });
}
