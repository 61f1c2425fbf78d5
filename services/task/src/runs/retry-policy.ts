import { ErrorCodes } from '@downcity/core';
import type { TaskSpec } from '../tasks/task-spec.js';
import { RunErrorCodes } from './run-error.js';
import type { RunError } from './run-record.js';

/** Errors that another attempt cannot fix: configuration, credentials, bad input, unknown actions. */
const PERMANENT: ReadonlySet<string> = new Set([
  ErrorCodes.MODEL_NOT_CONFIGURED,
  ErrorCodes.MODEL_AUTH,
  ErrorCodes.MODEL_REQUEST_INVALID,
  ErrorCodes.ACTION_UNKNOWN,
  ErrorCodes.ACTION_INVALID,
  ErrorCodes.DENIED,
  ErrorCodes.INPUT_INVALID,
  ErrorCodes.SESSION_NOT_FOUND,
  RunErrorCodes.SCRIPT_UNKNOWN,
  RunErrorCodes.TASK_MISSING,
]);

/** Whether a failed attempt may be retried. Timeouts, interruptions, provider and script failures may. */
export function isRetryable(error: RunError): boolean {
  return !PERMANENT.has(error.code);
}

/** The wait before attempt `attempt + 1`: `backoffMs * factor^(attempt-1)`, at most `maxBackoffMs`. */
export function backoffDelay(retries: TaskSpec['retries'], attempt: number): number {
  return Math.min(retries.maxBackoffMs, Math.round(retries.backoffMs * retries.factor ** Math.max(0, attempt - 1)));
}
