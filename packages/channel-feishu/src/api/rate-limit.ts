import type { PlatformFailure } from './platform-failure.js';

/** The business code of a rate-limit answer ("request trigger frequency limit"). */
export const rateLimitCode = 99991400;

/**
 * Whether a failure is a rate-limit answer: HTTP 429, or code 99991400 (older APIs answer it with
 * HTTP 400). See open.feishu.cn "Rate limits" (server-docs/api-call-guide/frequency-control).
 */
export function isRateLimited(failure: PlatformFailure | undefined): boolean {
  return failure !== undefined && (failure.status === 429 || failure.code === rateLimitCode);
}

/**
 * How long the platform asked us to wait, in milliseconds: the `x-ogw-ratelimit-reset` header
 * (seconds), else `retry-after`, else `fallbackMs`.
 */
export function retryDelayMs(failure: PlatformFailure, fallbackMs: number): number {
  for (const name of ['x-ogw-ratelimit-reset', 'retry-after']) {
    const seconds = Number(failure.headers[name]);
    if (failure.headers[name] !== undefined && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  }
  return fallbackMs;
}

/** Waits `ms`, or rejects as soon as `signal` aborts; the timer never outlives the wait. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
