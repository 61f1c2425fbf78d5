/** The exit codes of the create-downcity command (aligned with the downcity CLI's, decision 0004). */
export const ExitCodes = {
  /** Done. */
  success: 0,
  /** Something failed while running, e.g. the install. */
  failure: 1,
  /** Unknown flag, bad value, or no terminal to ask in without --yes. */
  usage: 2,
  /** `--lint` found problems in the manifest. */
  invalidManifest: 3,
  /** Refused: the target folder is not empty. */
  refused: 6,
  /** The user cancelled a prompt. */
  cancelled: 130,
} as const;

/** One of {@link ExitCodes}. */
export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];
