import { DowncityError, ErrorCodes, type ErrorCode } from '@downcity/core';

/**
 * Why the shell engine failed, kept in `error.details.reason` of the `DowncityError` it
 * throws, mapped to the closest core `ErrorCodes` entry. Match on `error.code` for the
 * broad class and on `details.reason` for the shell-specific cause; never on the message.
 */
export const SHELL_ERROR_REASONS = {
  /** The sandbox runtime (bubblewrap) is not installed or not executable: fix the host or the config. */
  SANDBOX_UNAVAILABLE: ErrorCodes.CONFIG_INVALID,
  /** The workspace directory does not exist, is not a directory, or is the filesystem root. */
  WORKSPACE_INVALID: ErrorCodes.CONFIG_INVALID,
  /** The requested working directory does not exist. */
  CWD_NOT_FOUND: ErrorCodes.INPUT_INVALID,
  /** The requested working directory resolves outside the workspace. */
  CWD_OUTSIDE_WORKSPACE: ErrorCodes.INPUT_INVALID,
  /** The argv is empty, too long or otherwise cannot be spawned. */
  INVALID_ARGV: ErrorCodes.INPUT_INVALID,
  /** The shell session was closed and cannot run commands any more. */
  SESSION_CLOSED: ErrorCodes.AGENT_STATE,
  /** The sandboxed process could not be started. */
  SPAWN_FAILED: ErrorCodes.INPUT_INVALID,
} as const satisfies Record<string, ErrorCode>;

/** One of the {@link SHELL_ERROR_REASONS} keys. */
export type ShellErrorReason = keyof typeof SHELL_ERROR_REASONS;

/**
 * Creates the `DowncityError` the shell engine throws: the core code mapped from `reason`,
 * and `details.reason` set to the shell-specific cause.
 *
 * @param reason - the shell-specific cause
 * @param message - what went wrong and what to do next
 * @param options - the underlying `cause`, if any
 */
export function shellError(reason: ShellErrorReason, message: string, options: { cause?: unknown } = {}): DowncityError {
  return new DowncityError(SHELL_ERROR_REASONS[reason], message, { ...options, details: { reason } });
}

/**
 * Whether `value` is a shell engine error, optionally with the given reason. Checks the shape
 * instead of `instanceof`, so it also works when two copies of a package are installed.
 *
 * @param value - anything caught
 * @param reason - the shell-specific cause to match, if any
 */
export function isShellError(value: unknown, reason?: ShellErrorReason): value is DowncityError {
  if (!DowncityError.is(value)) return false;
  const found = value.details.reason;
  return typeof found === 'string' && found in SHELL_ERROR_REASONS && (reason === undefined || found === reason);
}
