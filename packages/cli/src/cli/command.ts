import type { CliIo } from './cli-io.js';
import type { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

/** One option of a command, as `node:util` `parseArgs` takes it plus help text. */
export interface OptionSpec {
  /** `string` takes a value, `boolean` is a flag. */
  type: 'string' | 'boolean';
  /** A one-letter alias. */
  short?: string;
  /** What the option does, for `--help`. */
  description: string;
  /** The value's name in help, e.g. `id`. */
  valueName?: string;
}

/** What a command receives. */
export interface CommandContext {
  /** Positional arguments after the command name. */
  args: string[];
  /** Parsed options (global ones included). */
  options: Record<string, string | boolean | undefined>;
  /** Where to print. */
  output: Output;
  /** Streams and environment. */
  io: CliIo;
  /** The project folder (`--cwd`, else the working directory), absolute. */
  cwd: string;
}

/** A `downcity` command; one file per command under `src/commands/`. */
export interface Command {
  /** The full name, e.g. `status` or `sessions show`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Positional arguments for help, e.g. `<id>`. */
  args?: string;
  /** Fewest positional arguments (default 0). */
  minArgs?: number;
  /** Most positional arguments (default 0; `Infinity` for any). */
  maxArgs?: number;
  /** Options besides the global ones. */
  options?: Record<string, OptionSpec>;
  /** Left out of the command list (reserved names). */
  hidden?: boolean;
  /** Extra help lines (examples, notes). */
  details?: string[];
  /** Runs the command; returns the exit code (default 0). */
  run(context: CommandContext): Promise<ExitCode | void>;
}

/** Declares a command. An identity helper for type inference. */
export function defineCommand(command: Command): Command {
  return command;
}
