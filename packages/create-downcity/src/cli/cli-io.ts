import type { Readable, Writable } from 'node:stream';

/** Where the command reads and writes, and the process facts it depends on; injectable for tests. */
export interface CliIo {
  /** Where answers are read; prompts only run when it is a terminal. */
  stdin: Readable & { isTTY?: boolean };
  /** Progress and results. */
  stdout: Writable;
  /** Errors. */
  stderr: Writable;
  /** Environment variables (`npm_config_user_agent`, `DOWNCITY_LOCAL_PACKAGES`). */
  env: Readonly<Record<string, string | undefined>>;
  /** The working directory folders are resolved against. */
  cwd: string;
  /** Let the package manager draw its own progress on the real terminal instead of piping its output to `stdout`. */
  inheritInstallOutput?: boolean;
}
