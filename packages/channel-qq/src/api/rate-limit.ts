/**
 * Business codes QQ returns when a send was throttled (error-code table of the API v2 docs):
 * 22009 msg limit exceed (C2C / group sends), 20028 sub-channel write rate limit,
 * 1100308 guild-wide rate limit, 620006 reaction rate limit.
 */
export const RATE_LIMIT_CODES: ReadonlySet<number> = new Set([22009, 20028, 1100308, 620006]);

/** Delay before the first retry when QQ gives no `Retry-After`: the sub-channel limit is 5 messages per second. */
export const BASE_BACKOFF_MS = 1000;
/** Longest backoff delay between two retries. */
export const MAX_BACKOFF_MS = 8000;
/** A `Retry-After` longer than this is not waited for: the call fails instead. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** Whether an answer means "slow down". */
export function isRateLimited(status: number, code: number | undefined): boolean {
  return status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code));
}

/** The delay a `Retry-After` header asks for (seconds or an HTTP date), in milliseconds; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff for retry number `attempt` (0-based): 1 s, 2 s, 4 s, 8 s, 8 s... */
export function backoffMs(attempt: number): number {
  return Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** attempt);
}
