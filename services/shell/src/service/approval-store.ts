import { randomBytes } from 'node:crypto';
import type { Collection, Principal, Scalar } from '@downcity/core';
import { z } from 'zod';
import { policyDecisionSchema } from '../policy/policy.js';
import { toJson } from './audit-log.js';

/** A command waiting for the chat user's `/approve` or `/deny`. */
export const pendingApprovalSchema = z.object({
  id: z.string().describe('The short id the user types: /approve <id>.'),
  kind: z.enum(['exec', 'session']),
  argv: z.array(z.string()).describe('The command as the policy checked it.'),
  command: z.string().optional().describe('The shell line, for a persistent-shell command.'),
  cwd: z.string().describe('The requested working directory (exec only).'),
  timeoutMs: z.number().int().positive().optional(),
  sessionId: z.string().describe('The session that asked; only it can answer.'),
  requestedBy: z.string().describe('The principal id (or caller) who asked; only they can answer.'),
  principal: z.custom<Principal>().optional().describe('The full principal who asked.'),
  decision: policyDecisionSchema,
  reason: z.string().describe('Why it needs approval.'),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
});

/** A command waiting for approval. */
export type PendingApproval = z.output<typeof pendingApprovalSchema>;

/**
 * Commands waiting for approval, kept in the package's `approvals` collection so a restart
 * does not lose them. Ids are short random hex strings a user can type.
 */
export class ApprovalStore {
  readonly #collection: Collection;

  /** @param collection - the collection to keep pending approvals in */
  constructor(collection: Collection) {
    this.#collection = collection;
  }

  /**
   * Stores a new pending approval under a fresh id.
   *
   * @param request - everything but the id
   * @returns the stored approval
   */
  async add(request: Omit<PendingApproval, 'id'>): Promise<PendingApproval> {
    for (;;) {
      const approval = { ...request, id: randomBytes(4).toString('hex') };
      if (await this.#collection.insert(approval.id, toJson(approval))) return approval;
    }
  }

  /**
   * The pending approval with this id, if any (expired ones included).
   *
   * @param id - the approval id
   */
  async get(id: string): Promise<PendingApproval | undefined> {
    const value = await this.#collection.get(id);
    return value === undefined ? undefined : pendingApprovalSchema.parse(value);
  }

  /**
   * Removes the approval. Exactly one caller gets `true`, so a command approved twice at the
   * same moment still runs once.
   *
   * @param id - the approval id
   */
  claim(id: string): Promise<boolean> {
    return this.#collection.delete(id);
  }

  /**
   * Lists pending approvals, oldest first.
   *
   * @param filter - only those of one session
   */
  async list(filter: { sessionId?: string } = {}): Promise<PendingApproval[]> {
    const where: Record<string, Scalar> = filter.sessionId === undefined ? {} : { sessionId: filter.sessionId };
    const entries = await this.#collection.list({ where, orderBy: { field: 'createdAt' }, limit: 10_000 });
    return entries.map((entry) => pendingApprovalSchema.parse(entry.value));
  }

  /** How many approvals are waiting. */
  count(): Promise<number> {
    return this.#collection.count();
  }
}
