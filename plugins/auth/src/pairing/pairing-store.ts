import type { Collection, JsonObject, PackageStorage, Principal } from '@downcity/core';
import { z } from 'zod';
import { newPairingCode } from './pairing-code.js';

/** A pairing request waiting for the owner's approval. */
export const PendingPairingSchema = z.object({
  code: z.string().describe('The one-time code the user received.'),
  principalId: z.string().describe('Who asked, as the platform authenticated them.'),
  channel: z.string().optional().describe('The channel the request came from.'),
  displayName: z.string().optional().describe('The display name the platform reported. Not an identity.'),
  createdAt: z.number().describe('When the code was issued, epoch milliseconds.'),
  expiresAt: z.number().describe('When the code stops working, epoch milliseconds.'),
});

/** A pending pairing request. */
export type PendingPairing = z.output<typeof PendingPairingSchema>;

/** What {@link PairingStore.request} did. */
export type PairingRequestOutcome =
  | { status: 'issued'; pending: PendingPairing }
  | { status: 'existing'; pending: PendingPairing }
  | { status: 'full'; maxPending: number };

const MAX_LISTED = 10_000;
/** How long an expired request is remembered, so approving it explains that it expired. */
const EXPIRED_RETENTION_MS = 86_400_000;

/**
 * Pending pairing requests, persisted in the `auth:pending` collection and keyed by principal id,
 * so one user holds at most one code (two messages racing cannot create two). Expired requests stop
 * counting at once and are removed a day later, lazily, whenever the store is used.
 */
export class PairingStore {
  readonly #collection: Collection;
  readonly #ttlMs: number;
  readonly #maxPending: number;
  readonly #now: () => number;

  /** Opens the pending collection of the plugin's storage. */
  constructor(options: { storage: PackageStorage; ttlMs: number; maxPending: number; now?: () => number }) {
    this.#collection = options.storage.collection('pending');
    this.#ttlMs = options.ttlMs;
    this.#maxPending = options.maxPending;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Returns the principal's live code, or issues a new one. When `maxPending` codes are waiting, no
   * code is issued (new requests are refused; waiting ones are never dropped, so a flood of unknown
   * accounts cannot push out a real user's request).
   */
  async request(principal: Principal): Promise<PairingRequestOutcome> {
    const all = await this.#all();
    const own = all.find((pending) => pending.principalId === principal.id);
    if (own && !this.isExpired(own)) return { status: 'existing', pending: own };
    if (all.filter((pending) => !this.isExpired(pending)).length >= this.#maxPending) return { status: 'full', maxPending: this.#maxPending };
    const now = this.#now();
    const pending: PendingPairing = {
      code: unusedCode(all),
      principalId: principal.id,
      createdAt: now,
      expiresAt: now + this.#ttlMs,
      ...(principal.channel === undefined ? {} : { channel: principal.channel }),
      ...(principal.displayName === undefined ? {} : { displayName: principal.displayName }),
    };
    if (own) {
      await this.#collection.put(principal.id, pending as JsonObject);
      return { status: 'issued', pending };
    }
    if (await this.#collection.insert(principal.id, pending as JsonObject)) return { status: 'issued', pending };
    const raced = await this.#collection.get(principal.id);
    return raced === undefined ? this.request(principal) : { status: 'existing', pending: PendingPairingSchema.parse(raced) };
  }

  /** The request holding `code`, live or expired, or `undefined`. */
  async findByCode(code: string): Promise<PendingPairing | undefined> {
    const [entry] = await this.#collection.list({ where: { code }, limit: 1 });
    return entry === undefined ? undefined : PendingPairingSchema.parse(entry.value);
  }

  /** Whether a request has expired. */
  isExpired(pending: PendingPairing): boolean {
    return pending.expiresAt <= this.#now();
  }

  /** Removes a principal's request; `true` when there was one. */
  remove(principalId: string): Promise<boolean> {
    return this.#collection.delete(principalId);
  }

  /** The live requests, oldest first. */
  async list(): Promise<PendingPairing[]> {
    return (await this.#all()).filter((pending) => !this.isExpired(pending));
  }

  /** Every request, oldest first. Expired ones are kept for a day (so approving one says "expired", not "unknown"), then removed. */
  async #all(): Promise<PendingPairing[]> {
    const entries = await this.#collection.list({ limit: MAX_LISTED, orderBy: { field: 'createdAt', direction: 'asc' } });
    const kept: PendingPairing[] = [];
    for (const entry of entries) {
      const pending = PendingPairingSchema.parse(entry.value);
      if (pending.expiresAt + EXPIRED_RETENTION_MS <= this.#now()) await this.#collection.delete(entry.id);
      else kept.push(pending);
    }
    return kept;
  }
}

function unusedCode(existing: readonly PendingPairing[]): string {
  const taken = new Set(existing.map((pending) => pending.code));
  let code = newPairingCode();
  while (taken.has(code)) code = newPairingCode();
  return code;
}
