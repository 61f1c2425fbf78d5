/**
 * Stable error codes raised by the shell service engine. Match on `error.code`, never on
 * the message text.
 */
export const SHELL_ERROR_CODES = {
  /** The sandbox runtime (bubblewrap) is not installed or not executable. */
  SANDBOX_UNAVAILABLE: 'SANDBOX_UNAVAILABLE',
  /** The workspace directory does not exist, is not a directory, or is the filesystem root. */
  WORKSPACE_INVALID: 'WORKSPACE_INVALID',
  /** The requested working directory does not exist. */
  CWD_NOT_FOUND: 'CWD_NOT_FOUND',
  /** The requested working directory resolves outside the workspace. */
  CWD_OUTSIDE_WORKSPACE: 'CWD_OUTSIDE_WORKSPACE',
  /** The argv is empty or otherwise cannot be spawned. */
  INVALID_ARGV: 'INVALID_ARGV',
  /** The shell session was closed and cannot run commands any more. */
  SESSION_CLOSED: 'SESSION_CLOSED',
  /** The sandboxed process could not be started. */
  SPAWN_FAILED: 'SPAWN_FAILED',
} as const;

/** One of the {@link SHELL_ERROR_CODES}. */
export type ShellErrorCode = (typeof SHELL_ERROR_CODES)[keyof typeof SHELL_ERROR_CODES];

/**
 * The error thrown by the shell engine. The message tells the user what to do next; the
 * original error, when there is one, is kept as `cause`.
 */
export class ShellError extends Error {
  /** Stable, machine-readable code. */
  readonly code: ShellErrorCode;

  /**
   * @param code - stable error code
   * @param message - what went wrong and what to do next
   * @param options - the underlying `cause`, if any
   */
  constructor(code: ShellErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ShellError';
    this.code = code;
  }
}

/**
 * Whether `value` is a {@link ShellError}. Checks the shape instead of `instanceof`, so it
 * also works when two copies of this package are installed.
 */
export function isShellError(value: unknown): value is ShellError {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code } = value as { name?: unknown; code?: unknown };
  return (
    name === 'ShellError' &&
    typeof code === 'string' &&
    Object.values(SHELL_ERROR_CODES).includes(code as ShellErrorCode)
  );
}
