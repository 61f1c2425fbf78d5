import type { AsrErrorCode } from './asr-error-codes.js';

const brand = Symbol.for('downcity.asr.error');

/** Options for {@link AsrError}. */
export interface AsrErrorOptions {
  /** The original error. */
  cause?: unknown;
  /** Structured details (binary name, config key, HTTP status). Never put secrets here. */
  details?: Record<string, unknown>;
}

/**
 * The error type the asr plugin throws. `code` is stable; `message` says what went wrong and
 * what to do next, and never contains an API key or a temporary file path.
 *
 * Use {@link AsrError.is} rather than `instanceof`: it works across two installed copies.
 */
export class AsrError extends Error {
  /** The stable error code. */
  readonly code: AsrErrorCode;
  /** Structured details, safe to log. */
  readonly details: Record<string, unknown>;

  /** Creates an error with a stable code and an actionable message. */
  constructor(code: AsrErrorCode, message: string, options: AsrErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AsrError';
    this.code = code;
    this.details = options.details ?? {};
    Object.defineProperty(this, brand, { value: true });
  }

  /** Whether `value` is an asr error, optionally with the given code. */
  static is(value: unknown, code?: AsrErrorCode): value is AsrError {
    if (typeof value !== 'object' || value === null || !(brand in value)) return false;
    return code === undefined || (value as { code?: unknown }).code === code;
  }
}
