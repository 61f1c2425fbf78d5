import type { CreateErrorCode } from './error-codes.js';

/** Options for {@link CreateDowncityError}. */
export interface CreateDowncityErrorOptions {
  /** The original error. */
  cause?: unknown;
  /** Structured details (paths, flag names); never secrets. */
  details?: Record<string, unknown>;
}

/**
 * The one error type create-downcity throws: a stable {@link CreateErrorCode} and a message that says
 * what to do next. Check it with {@link CreateDowncityError.is}, which also works across two installed copies.
 */
export class CreateDowncityError extends Error {
  /** The stable code. */
  readonly code: CreateErrorCode;
  /** Structured details. */
  readonly details: Record<string, unknown>;

  /** Creates an error with a code and an actionable message. */
  constructor(code: CreateErrorCode, message: string, options: CreateDowncityErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CreateDowncityError';
    this.code = code;
    this.details = options.details ?? {};
  }

  /** Whether `value` is a create-downcity error (by shape, so copies of the package agree). */
  static is(value: unknown): value is CreateDowncityError {
    return value instanceof Error && value.name === 'CreateDowncityError' && typeof (value as { code?: unknown }).code === 'string';
  }
}
