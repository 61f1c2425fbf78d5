import type { Collection, JsonObject } from '@downcity/core';
import { z } from 'zod';
import { HttpUserIdSchema } from './user-id.js';
import { newUserToken, userTokenId, userTokenMatches } from './user-token.js';

/** The name of the HTTP channel's collection of per-user tokens (`chat:channel:http:user-tokens`). */
export const USER_TOKENS_COLLECTION = 'user-tokens';

/** A per-user token as listed: everything but the secret (which is never stored) and its digest. */
export const UserTokenInfoSchema = z.object({
  id: z.string().describe('The public token id, for listing and revoking.'),
  user: HttpUserIdSchema.describe('The user the token speaks as.'),
  principalId: z.string().describe('The principal its requests run as: "http:<user>".'),
  displayName: z.string().optional().describe('The display name its messages carry. Not an identity.'),
  createdAt: z.number().describe('When it was created, epoch milliseconds.'),
  createdBy: z.string().describe('Who created it: "agent" for the CLI or host app.'),
});

/** A per-user token as listed. */
export type UserTokenInfo = z.output<typeof UserTokenInfoSchema>;

const StoredUserTokenSchema = UserTokenInfoSchema.omit({ principalId: true }).extend({ hash: z.string().regex(/^[0-9a-f]{64}$/) });

const toInfo = ({ hash: _hash, ...record }: z.output<typeof StoredUserTokenSchema>): UserTokenInfo => ({ ...record, principalId: `http:${record.user}` });

/**
 * The HTTP channel's per-user bearer tokens. Only the SHA-256 digest of each token is stored; the token
 * itself is returned once by {@link UserTokenStore.create}. Every check reads the store, so a revoke applies
 * to the very next request, and a damaged record authenticates nobody.
 */
export class UserTokenStore {
  readonly #collection: Collection;

  /** Opens the store over the channel's collection ({@link USER_TOKENS_COLLECTION}). */
  constructor(collection: Collection) {
    this.#collection = collection;
  }

  /** Creates a token for `user`; the returned `token` is the only copy of the secret. */
  async create(options: { user: string; displayName?: string; createdBy: string; now?: number }): Promise<{ token: string; info: UserTokenInfo }> {
    const created = newUserToken();
    const record = StoredUserTokenSchema.parse({
      id: created.id,
      user: options.user,
      createdAt: options.now ?? Date.now(),
      createdBy: options.createdBy,
      hash: created.hash,
      ...(options.displayName === undefined ? {} : { displayName: options.displayName }),
    });
    await this.#collection.put(record.id, record as JsonObject);
    return { token: created.token, info: toInfo(record) };
  }

  /** The token's record when `token` is a live per-user token, else `undefined` (unknown, revoked or malformed). */
  async verify(token: string): Promise<UserTokenInfo | undefined> {
    const id = userTokenId(token);
    if (id === undefined) return undefined;
    const stored = await this.#collection.get(id);
    if (stored === undefined) return undefined;
    const parsed = StoredUserTokenSchema.safeParse(stored);
    if (!parsed.success || !userTokenMatches(token, parsed.data.hash)) return undefined;
    return toInfo(parsed.data);
  }

  /** Deletes a token; its next request gets 401. `revoked` is whether it existed; `token` describes it. */
  async revoke(id: string): Promise<{ revoked: boolean; token?: UserTokenInfo }> {
    const stored = await this.#collection.get(id);
    const revoked = await this.#collection.delete(id);
    const parsed = StoredUserTokenSchema.safeParse(stored);
    return parsed.success ? { revoked, token: toInfo(parsed.data) } : { revoked };
  }

  /** Every token, oldest first (never the secrets). */
  async list(): Promise<UserTokenInfo[]> {
    const entries = await this.#collection.list({ limit: 10_000, orderBy: { field: 'createdAt' } });
    return entries.flatMap((entry) => {
      const parsed = StoredUserTokenSchema.safeParse(entry.value);
      return parsed.success ? [toInfo(parsed.data)] : [];
    });
  }
}
