/** What {@link RateLimiter.take} decided. */
export type RateDecision =
  /** Within the limit; a token was taken. */
  | 'allowed'
  /** Over the limit for the first time since the last allowed message: send the notice once. */
  | 'limited-notice'
  /** Still over the limit after the notice: drop silently. */
  | 'limited-silent';

interface Bucket {
  tokens: number;
  updatedAt: number;
  noticed: boolean;
}

/** Options for {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Tokens added per minute. */
  perMinute: number;
  /** Bucket size. */
  burst: number;
  /** The clock, epoch milliseconds (default `Date.now`). */
  now?: () => number;
  /** Buckets kept at most; the least recently used goes first (a dropped bucket is a full one). Default 10,000. */
  maxKeys?: number;
}

/**
 * A token bucket per key (principal id), in memory: `burst` tokens, refilled continuously at
 * `perMinute`. No timers run; refills are computed on use. State is deliberately not persisted:
 * after a restart everyone starts with a full bucket.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  readonly #burst: number;
  readonly #now: () => number;
  readonly #maxKeys: number;

  /** Creates a limiter. */
  constructor(options: RateLimiterOptions) {
    this.#perMs = options.perMinute / 60_000;
    this.#burst = options.burst;
    this.#now = options.now ?? Date.now;
    this.#maxKeys = options.maxKeys ?? 10_000;
  }

  /** Takes one token for `key`, or says whether this is the first refusal since the last allowed message. */
  take(key: string): RateDecision {
    const now = this.#now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, updatedAt: now, noticed: false };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.updatedAt) * this.#perMs);
    bucket.updatedAt = now;
    this.#touch(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      bucket.noticed = false;
      return 'allowed';
    }
    if (bucket.noticed) return 'limited-silent';
    bucket.noticed = true;
    return 'limited-notice';
  }

  #touch(key: string, bucket: Bucket): void {
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size <= this.#maxKeys) return;
    const oldest = this.#buckets.keys().next();
    if (!oldest.done) this.#buckets.delete(oldest.value);
  }
}
