import { randomBytes } from 'node:crypto';
import type { Collection, JsonObject, JsonValue, Principal } from '@downcity/core';
import { z } from 'zod';

/** An MCP tool call waiting for the chat user's `/approve` or `/deny`. */
export const PendingToolCallSchema = z.object({
  id: z.string().describe('The id the user types: /approve <id>. Starts with "m", so it never equals a shell approval id.'),
  server: z.string(),
  tool: z.string(),
  input: z.record(z.string(), z.custom<JsonValue>()).describe('The validated tool input.'),
  sessionId: z.string().describe('The session that asked; only it can answer.'),
  principal: z.custom<Principal>().optional().describe('Who asked; only they (or the operator) can answer.'),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
});

/** An MCP tool call waiting for approval. */
export type PendingToolCall = z.output<typeof PendingToolCallSchema>;

/**
 * MCP tool calls waiting for approval, kept in the mcp service's `approvals` collection so a restart does not
 * lose them. Ids are `m` and 8 hex digits: short to type, and never equal to a shell approval id (8 hex digits).
 */
export class ToolApprovalStore {
  readonly #collection: Collection;

  /** @param collection - the collection to keep pending calls in */
  constructor(collection: Collection) {
    this.#collection = collection;
  }

  /** Stores a new pending call under a fresh id and returns it. */
  async add(call: Omit<PendingToolCall, 'id'>): Promise<PendingToolCall> {
    for (;;) {
      const pending: PendingToolCall = { ...call, id: `m${randomBytes(4).toString('hex')}` };
      if (await this.#collection.insert(pending.id, JSON.parse(JSON.stringify(pending)) as JsonObject)) return pending;
    }
  }

  /** The pending call with this id, if any (expired ones included). */
  async get(id: string): Promise<PendingToolCall | undefined> {
    const value = await this.#collection.get(id);
    return value === undefined ? undefined : PendingToolCallSchema.parse(value);
  }

  /** Removes the call; exactly one caller gets `true`, so a call approved twice at once still runs once. */
  claim(id: string): Promise<boolean> {
    return this.#collection.delete(id);
  }

  /** Every pending call, oldest first. */
  async list(): Promise<PendingToolCall[]> {
    const entries = await this.#collection.list({ orderBy: { field: 'createdAt' }, limit: 10_000 });
    return entries.map((entry) => PendingToolCallSchema.parse(entry.value));
  }

  /** How many calls are waiting. */
  count(): Promise<number> {
    return this.#collection.count();
  }
}
