import { digestOf, secretToken } from './secret-token.js';

/** A link token just issued: the secret (shown once) and when it expires. */
export interface IssuedLink {
  /** The one-time token; put it in the link, never in logs. */
  token: string;
  /** Epoch milliseconds after which it is refused. */
  expiresAt: number;
}

/**
 * One-time sign-in tokens: each can be redeemed once, before it expires. Kept in memory as digests, so a
 * restart of the agent invalidates every link not yet used.
 */
export class SignInLinks {
  readonly #expiries = new Map<string, number>();
  readonly #ttlMs: number;
  readonly #now: () => number;

  /** Creates the store; `ttlMs` is how long a token lives. */
  constructor(options: { ttlMs: number; now?: () => number }) {
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  /** Issues a token. */
  issue(): IssuedLink {
    this.#sweep();
    const token = secretToken();
    const expiresAt = this.#now() + this.#ttlMs;
    this.#expiries.set(digestOf(token), expiresAt);
    return { token, expiresAt };
  }

  /** Whether `token` is a live token; it is used up either way. */
  redeem(token: string): boolean {
    const digest = digestOf(token);
    const expiresAt = this.#expiries.get(digest);
    this.#expiries.delete(digest);
    return expiresAt !== undefined && expiresAt > this.#now();
  }

  #sweep(): void {
    const now = this.#now();
    for (const [digest, expiresAt] of this.#expiries) if (expiresAt <= now) this.#expiries.delete(digest);
  }
}
