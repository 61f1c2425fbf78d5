import { redactSecrets } from '../secrets/secret-registry.js';
import type { ErrorCode } from './error-codes.js';

const brand = Symbol.for('downcity.error');

/** Options for {@link DowncityError}. */
export interface DowncityErrorOptions {
  /** The original error. */
  cause?: unknown;
  /** Structured details (field paths, package ids). Never put secrets here. */
  details?: Record<string, unknown>;
}

/**
 * The one error type Downcity throws. `code` is stable; `message` says what went wrong and what to do.
 *
 * Use {@link DowncityError.is} rather than `instanceof`: it works across two installed copies of the package.
 */
export class DowncityError extends Error {
  /** The stable error code. */
  readonly code: ErrorCode;
  /** Structured details, safe to log. */
  readonly details: Record<string, unknown>;

  /** Creates an error with a stable code and an actionable message. */
  constructor(code: ErrorCode, message: string, options: DowncityErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DowncityError';
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, brand, { value: true });
  }

  /** Whether `value` is a Downcity error, optionally with the given code. */
  static is(value: unknown, code?: ErrorCode): value is DowncityError {
    if (typeof value !== 'object' || value === null || !(brand in value)) return false;
    return code === undefined || (value as unknown as DowncityError).code === code;
  }

  /** A plain JSON form for APIs and `--json` output. */
  toJSON(): { code: ErrorCode; message: string; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, details: this.details };
  }
}
