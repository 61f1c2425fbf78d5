/** Stable codes of every error create-downcity throws; match on these, never on messages. */
export const CreateErrorCodes = {
  /** A flag or argument is unknown, missing its value, or has a value that is not allowed. */
  USAGE: 'USAGE',
  /** stdin is not a terminal and `--yes` was not given, so there is nobody to answer the prompts. */
  NOT_INTERACTIVE: 'NOT_INTERACTIVE',
  /** The target folder is not empty and `--force` was not given, or it already holds a package.json. */
  TARGET_NOT_EMPTY: 'TARGET_NOT_EMPTY',
  /** `--local` does not point at a Downcity workspace, or a package is missing from it. */
  LOCAL_PACKAGES: 'LOCAL_PACKAGES',
  /** The package manager exited with an error while installing. */
  INSTALL_FAILED: 'INSTALL_FAILED',
  /** The user cancelled a prompt (Ctrl+C or end of input). */
  CANCELLED: 'CANCELLED',
} as const;

/** One of {@link CreateErrorCodes}. */
export type CreateErrorCode = (typeof CreateErrorCodes)[keyof typeof CreateErrorCodes];
