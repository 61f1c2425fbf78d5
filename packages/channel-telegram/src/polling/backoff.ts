/** Exponential backoff settings. */
export interface BackoffOptions {
  /** First delay. */
  initialDelayMs: number;
  /** Ceiling. */
  maxDelayMs: number;
}

/** The delay before attempt `failures + 1`: doubles from `initialDelayMs` up to `maxDelayMs`. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** exponent);
}
