import { DowncityError, ErrorCodes, type ErrorCode } from '@downcity/core';
import type { AsrReason } from './asr-reasons.js';

/** The core error code each asr reason maps to. */
const CODE_OF_REASON: Record<AsrReason, ErrorCode> = {
  CONFIG_INVALID: ErrorCodes.CONFIG_INVALID,
  AUDIO_TOO_LARGE: ErrorCodes.INPUT_INVALID,
  AUDIO_TOO_LONG: ErrorCodes.INPUT_INVALID,
  AUDIO_UNREADABLE: ErrorCodes.INPUT_INVALID,
  BINARY_MISSING: ErrorCodes.CONFIG_INVALID,
  MODEL_MISSING: ErrorCodes.CONFIG_INVALID,
  ENGINE_AUTH: ErrorCodes.MODEL_AUTH,
  ENGINE_RATE_LIMITED: ErrorCodes.MODEL_RATE_LIMITED,
  ENGINE_FAILED: ErrorCodes.MODEL_UNAVAILABLE,
  TIMEOUT: ErrorCodes.TIMEOUT,
  ABORTED: ErrorCodes.ABORTED,
};

/** Options for {@link asrError}. */
export interface AsrErrorOptions {
  /** The original error. */
  cause?: unknown;
  /** Structured details (binary name, config key, HTTP status). Never put secrets here. */
  details?: Record<string, unknown>;
}

/**
 * Creates the `DowncityError` the asr plugin throws: the core code for `reason`, the stable
 * `reason` in `details.reason`, and a message that says what to do next (no API keys, no
 * temporary paths).
 *
 * @example
 * ```ts
 * throw asrError('BINARY_MISSING', 'ffmpeg is not installed. Install it: apt-get install ffmpeg.', { details: { command: 'ffmpeg' } });
 * ```
 */
export function asrError(reason: AsrReason, message: string, options: AsrErrorOptions = {}): DowncityError {
  return new DowncityError(CODE_OF_REASON[reason], message, {
    ...(options.cause === undefined ? {} : { cause: options.cause }),
    details: { ...options.details, reason },
  });
}

/** The asr reason of an error (`details.reason`), or `undefined` when it is not an asr error. */
export function asrReasonOf(error: unknown): AsrReason | undefined {
  if (!DowncityError.is(error)) return undefined;
  const reason = error.details.reason;
  return typeof reason === 'string' && reason in CODE_OF_REASON ? (reason as AsrReason) : undefined;
}

/** Whether `error` is an asr error, optionally with the given reason. Works across two installed copies of core. */
export function isAsrError(error: unknown, reason?: AsrReason): error is DowncityError {
  const actual = asrReasonOf(error);
  return actual !== undefined && (reason === undefined || actual === reason);
}
