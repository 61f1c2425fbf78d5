import { DowncityError, type ErrorCode } from '@downcity/core';
import type { FailureReason } from './failure-reasons.js';

/** Options for {@link marketplaceError}. */
export interface MarketplaceErrorOptions {
  /** The finer reason, stored as `details.reason`. */
  reason: FailureReason;
  /** More structured details (never secrets). */
  details?: Record<string, unknown>;
  /** The original error. */
  cause?: unknown;
}

/** A core {@link DowncityError} with the marketplace's `details.reason`. */
export function marketplaceError(code: ErrorCode, message: string, options: MarketplaceErrorOptions): DowncityError {
  return new DowncityError(code, message, { cause: options.cause, details: { reason: options.reason, ...options.details } });
}

/** The `details.reason` of a marketplace error, if it has one. */
export function failureReasonOf(error: unknown): FailureReason | undefined {
  if (!DowncityError.is(error)) return undefined;
  const reason = error.details.reason;
  return typeof reason === 'string' ? (reason as FailureReason) : undefined;
}
