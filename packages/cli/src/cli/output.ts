import { DowncityError, displayText } from '@downcity/core';
import { CliError, exitCodeOf } from './cli-error.js';
import type { CliIo } from './cli-io.js';
import { startSpinner } from './spinner.js';

/** Each line of a multi-line text (an error message) made safe with `displayText`; the line breaks are the CLI's own. */
const safeLines = (text: string): string => text.split('\n').map((line) => displayText(line)).join('\n');

/**
 * How a command talks to the user: human lines, or exactly one JSON document on standard output
 * with `--json` (no progress, no notes). Errors go to standard error, or as `{ "error": ... }` to
 * standard output in `--json` mode.
 *
 * Human output is where text from outside (display names, messages, task output, memories) reaches an
 * operator's terminal, so every line goes through `displayText`: one line given is one line printed,
 * and control, bidi and zero-width characters show as visible escapes. JSON output is left as it is
 * (JSON escapes them itself).
 */
export class Output {
  readonly #io: CliIo;
  /** Whether `--json` was given. */
  readonly json: boolean;

  /** Creates the output for one command run. */
  constructor(io: CliIo, options: { json: boolean }) {
    this.#io = io;
    this.json = options.json;
  }

  /** Prints human lines to standard output, each escaped with `displayText` (so each stays one line); nothing in `--json` mode. */
  lines(...lines: string[]): void {
    if (this.json) return;
    for (const line of lines) this.#io.stdout.write(`${displayText(line)}\n`);
  }

  /** Prints a note (progress, hints) to standard error, escaped like {@link Output.lines}; nothing in `--json` mode. */
  note(text: string): void {
    if (!this.json) this.#io.stderr.write(`${displayText(text)}\n`);
  }

  /** Prints a result: `value` as JSON in `--json` mode, else the lines `render` returns. */
  result<T>(value: T, render: (value: T) => string[]): void {
    if (this.json) this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    else this.lines(...render(value));
  }

  /** Runs a long step with a progress indicator (a spinner on a terminal, a plain line otherwise, nothing with `--json`). */
  async step<T>(title: string, work: () => Promise<T>): Promise<T> {
    if (this.json) return work();
    const spinner = startSpinner(this.#io.stderr, title);
    try {
      const value = await work();
      spinner.succeed();
      return value;
    } catch (error) {
      spinner.fail();
      throw error;
    }
  }

  /** Prints an error with its hint. */
  error(error: unknown): void {
    const exitCode = exitCodeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    const hint = error instanceof CliError ? error.hint : undefined;
    if (this.json) {
      const code = DowncityError.is(error) ? error.code : error instanceof CliError ? error.code : 'INTERNAL';
      const details = DowncityError.is(error) || error instanceof CliError ? error.details : {};
      const body = { error: { message, exitCode, ...(code ? { code } : {}), ...(hint ? { hint } : {}), ...(Object.keys(details).length > 0 ? { details } : {}) } };
      this.#io.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    this.#io.stderr.write(`error: ${safeLines(message)}\n`);
    if (hint) this.#io.stderr.write(`${safeLines(hint)}\n`);
  }
}
