/**
 * The exit codes of the `downcity` command (decision 0004). Scripts may rely on them; a code never
 * changes meaning once released.
 */
export const ExitCodes = {
  /** Success. */
  ok: 0,
  /** A runtime failure (the agent failed, a request failed). */
  failure: 1,
  /** A usage error: unknown command or flag, missing argument. */
  usage: 2,
  /** Invalid config or package manifest. */
  invalidConfig: 3,
  /** `doctor` found problems. */
  doctorProblems: 4,
  /** The agent is not running (no control socket answers). */
  notRunning: 5,
  /** Refused by the user or by a check (e.g. `init` over existing files, an access check). */
  refused: 6,
} as const;

/** One of {@link ExitCodes}. */
export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];
