import type { Readable, Writable } from 'node:stream';

/** A writable stream that may be a terminal. */
export type OutputStream = Writable & { isTTY?: boolean };

/** Where a command reads and writes, and the process facts it depends on; injectable for tests. */
export interface CliIo {
  /** Results (and JSON in `--json` mode). */
  stdout: OutputStream;
  /** Progress, notes, warnings and errors. */
  stderr: OutputStream;
  /** Input (the terminal channel of `downcity chat`). */
  stdin: Readable;
  /** Environment variables. */
  env: Record<string, string | undefined>;
  /** The working directory (before `--cwd`). */
  cwd: string;
}

/** The real process streams and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env, cwd: process.cwd() };
}
