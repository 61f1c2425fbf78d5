import { z } from 'zod';
import { ScopeLevelSchema } from './scope/scope-level.js';

/** A memory as actions return it. */
export const MemoryEntrySchema = z.object({
  id: z.string().describe('The memory id; pass it to memory_forget to delete the memory.'),
  scope: ScopeLevelSchema.describe('agent (shared), user (this user only) or session (this conversation only).'),
  text: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string().describe('When it was remembered (ISO 8601).'),
});

/** A memory as actions return it. */
export type MemoryEntry = z.output<typeof MemoryEntrySchema>;

/** A memory found by recall, with its relevance. */
export const RecalledMemorySchema = MemoryEntrySchema.extend({
  score: z.number().describe('Reciprocal-rank-fusion relevance; higher is better, comparable within one recall only.'),
});

/** A memory found by recall, with its relevance. */
export type RecalledMemory = z.output<typeof RecalledMemorySchema>;
