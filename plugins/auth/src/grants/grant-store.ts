import type { Collection, JsonObject, PackageStorage } from '@downcity/core';
import { z } from 'zod';
import { GrantableRoleSchema } from '../config.js';

/** A stored grant: a principal and the role it was given. */
export const GrantSchema = z.object({
  principalId: z.string().describe('The principal id, e.g. "telegram:123456".'),
  role: GrantableRoleSchema,
  via: z.enum(['grant', 'pairing']).describe('How it was given: auth/grant, or an approved pairing code.'),
  grantedBy: z.string().describe('Who gave it: a principal id, or "agent" for the host app or CLI.'),
  grantedAt: z.number().describe('When, epoch milliseconds.'),
  displayName: z.string().optional().describe('The display name seen when it was given. Not an identity.'),
});

/** A stored grant. */
export type Grant = z.output<typeof GrantSchema>;

/**
 * Grants, persisted in the `auth:grants` collection, keyed by principal id. Every read goes to the
 * store and is validated: nothing is cached, so a revoke takes effect on the very next check, and a
 * damaged record throws (and the guard denies) rather than granting anything.
 */
export class GrantStore {
  readonly #collection: Collection;

  /** Opens the grants collection of the plugin's storage. */
  constructor(storage: PackageStorage) {
    this.#collection = storage.collection('grants');
  }

  /** The grant of a principal, or `undefined`. */
  async get(principalId: string): Promise<Grant | undefined> {
    const stored = await this.#collection.get(principalId);
    return stored === undefined ? undefined : GrantSchema.parse(stored);
  }

  /** Stores a grant, replacing any earlier one for the principal. */
  put(grant: Grant): Promise<void> {
    return this.#collection.put(grant.principalId, GrantSchema.parse(grant) as JsonObject);
  }

  /** Removes a principal's grant; `true` when there was one. */
  delete(principalId: string): Promise<boolean> {
    return this.#collection.delete(principalId);
  }

  /** Every grant, ordered by principal id. */
  async list(): Promise<Grant[]> {
    return (await this.#collection.list({ limit: 10_000 })).map((entry) => GrantSchema.parse(entry.value));
  }
}
