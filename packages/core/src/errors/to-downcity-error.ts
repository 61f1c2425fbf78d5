import { DowncityError } from './downcity-error.js';
import { ErrorCodes, type ErrorCode } from './error-codes.js';

/**
 * Turns anything thrown into a {@link DowncityError} at a boundary. Downcity errors pass through;
 * other errors are wrapped with `fallbackCode` and kept as `cause`.
 */
export function toDowncityError(error: unknown, fallbackCode: ErrorCode = ErrorCodes.INTERNAL, context?: string): DowncityError {
  if (DowncityError.is(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  const message = context ? `${context}: ${text}` : text;
  return new DowncityError(fallbackCode, message, { cause: error });
}
