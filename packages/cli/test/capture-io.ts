import { PassThrough } from 'node:stream';
import type { CliIo } from '../src/cli/cli-io.js';

/** A `CliIo` whose output is captured as text. */
export interface CapturedIo extends CliIo {
  /** Everything written to standard output. */
  readonly out: () => string;
  /** Everything written to standard error. */
  readonly err: () => string;
}

/** Creates an io for `runCli` in tests: no TTY, captured streams, the given env and working directory. */
export function captureIo(options: { cwd: string; env?: Record<string, string | undefined> }): CapturedIo {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { PATH: process.env.PATH, ...options.env },
    cwd: options.cwd,
    out: () => out,
    err: () => err,
  };
}
