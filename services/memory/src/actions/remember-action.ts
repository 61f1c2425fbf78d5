import { defineAction, DowncityError, ErrorCodes, type ActionDefinition } from '@downcity/core';
import { z } from 'zod';
import { MemoryEntrySchema } from '../memory-entry.js';
import type { MemoryRuntime } from '../runtime.js';
import { identityOfCall } from '../scope/caller-identity.js';
import { checkWriteAccess } from '../scope/check-write-access.js';
import { resolveScope } from '../scope/resolve-scope.js';
import { ScopeLevelSchema } from '../scope/scope-level.js';
import { embedForStorage } from '../embedding/embed-for-storage.js';
import { memoryIdOf, recordKeyOf, type MemoryRecord } from '../store/memory-record.js';
import { saveMemory } from '../store/save-memory.js';
import { toMemoryEntry } from '../store/to-memory-entry.js';

/** The most tags one memory carries. */
export const MAX_TAGS = 10;
/** The longest tag, in characters. */
export const MAX_TAG_CHARS = 40;

/** The input schema of `memory/remember`; the text limit comes from `services.memory.maxChars`. */
export function rememberInputSchema(maxChars: number) {
  return z.object({
    text: z
      .string()
      .trim()
      .min(1, 'is empty: pass the fact to remember as text')
      .max(maxChars, `is longer than the limit of ${maxChars} characters (services.memory.maxChars): shorten it or split it into separate facts`)
      .describe('One self-contained fact, written so it makes sense later without this conversation, e.g. "Prefers oat milk in coffee".'),
    scope: ScopeLevelSchema.optional().describe(
      'Who the memory is for: "user" (default; only this user ever sees it), "session" (only this conversation) or "agent" (shared with everyone).',
    ),
    tags: z
      .array(z.string().trim().min(1).max(MAX_TAG_CHARS))
      .max(MAX_TAGS)
      .default([])
      .describe('Optional labels, e.g. ["preference"].'),
  });
}

/** The output schema of `memory/remember`. */
export const RememberOutputSchema = z.object({
  memory: MemoryEntrySchema,
  created: z.boolean().describe('false when the same fact was already remembered in that scope.'),
  embedded: z.boolean().describe('Whether the memory was indexed for vector recall too (false without an embedding model, or when embedding failed).'),
});

/** Input of `memory/remember`. */
export type RememberInput = z.input<ReturnType<typeof rememberInputSchema>>;
/** Output of `memory/remember`. */
export type RememberOutput = z.output<typeof RememberOutputSchema>;

/** `memory/remember`: stores a fact in the caller's agent, user or session scope. */
export function rememberAction(runtime: MemoryRuntime): ActionDefinition {
  return defineAction({
    description:
      'Save a lasting fact to long-term memory so you can recall it in later conversations: preferences, people, plans, schedules. ' +
      'Save one fact per call. By default only the current user can ever see it.',
    input: rememberInputSchema(runtime.config.maxChars),
    output: RememberOutputSchema,
    tool: true,
    run: async (input, call) => {
      const identity = identityOfCall(call);
      const scope = resolveScope(input.scope, identity);
      checkWriteAccess(scope, identity, runtime.config);
      const id = memoryIdOf(scope.key, input.text);
      const existing = await runtime.storage.records.get(recordKeyOf(scope.key, id));
      if (existing) return { memory: toMemoryEntry(existing), created: false, embedded: false };

      const verdict = await runtime.plugins.guard('memory/before-remember', { text: input.text, scope: scope.level, tags: input.tags, ...identity });
      if (!verdict.allow) {
        throw new DowncityError(ErrorCodes.DENIED, `Not remembered: ${verdict.reason}`, { details: { by: verdict.by ?? 'unknown' } });
      }
      const record: MemoryRecord = {
        id,
        scope: scope.key,
        level: scope.level,
        text: input.text,
        tags: input.tags,
        createdAt: Date.now(),
        createdBy: identity.caller,
        ...(identity.principal?.id ? { principalId: identity.principal.id } : {}),
        ...(identity.sessionId ? { sessionId: identity.sessionId } : {}),
      };
      const vector = await embedForStorage(runtime, input.text, call.signal);
      const saved = await saveMemory(runtime.storage, record, vector, runtime.logger);
      const stored = saved.created ? record : ((await runtime.storage.records.get(recordKeyOf(scope.key, id))) ?? record);
      return { memory: toMemoryEntry(stored), created: saved.created, embedded: saved.embedded };
    },
  });
}
