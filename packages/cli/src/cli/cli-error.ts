import { DowncityError, ErrorCodes, type ErrorCode } from '@downcity/core';
import { ExitCodes, type ExitCode } from './exit-codes.js';

/** Options for {@link CliError}. */
export interface CliErrorOptions {
  /** One line saying what to do next, printed after the message. */
  hint?: string;
  /** Structured details for `--json` output. Never secrets. */
  details?: Record<string, unknown>;
  /** A stable error code for `--json` output, when the failure has one (e.g. a marketplace refusal's `VERSION_MISMATCH`). */
  code?: string;
  /** The original error. */
  cause?: unknown;
}

/** An error that ends the command with a documented exit code. */
export class CliError extends Error {
  /** The process exit code. */
  readonly exitCode: ExitCode;
  /** What to do next. */
  readonly hint: string | undefined;
  /** Structured details. */
  readonly details: Record<string, unknown>;
  /** A stable error code, when the failure has one. */
  readonly code: string | undefined;

  /** Creates an error with an exit code and an actionable message. */
  constructor(exitCode: ExitCode, message: string, options: CliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = exitCode;
    this.hint = options.hint;
    this.details = options.details ?? {};
    this.code = options.code;
  }
}

const CONFIG_CODES: readonly ErrorCode[] = [
  ErrorCodes.CONFIG_INVALID,
  ErrorCodes.MANIFEST_INVALID,
  ErrorCodes.SERVICE_MISSING,
  ErrorCodes.VERSION_MISMATCH,
  ErrorCodes.DEPENDENCY_CYCLE,
  ErrorCodes.DUPLICATE_PACKAGE,
  ErrorCodes.RESOLVE_CONFLICT,
  ErrorCodes.EXTENSION_POINT_UNKNOWN,
];

/** The exit code for any thrown value: a {@link CliError}'s own, 3 for config and manifest errors, 6 for denials, else 1. */
export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (DowncityError.is(error)) {
    if (CONFIG_CODES.includes(error.code)) return ExitCodes.invalidConfig;
    if (error.code === ErrorCodes.DENIED) return ExitCodes.refused;
  }
  return ExitCodes.failure;
}
