import type { ShellDialect } from '../bash/script-context.js';
import type { ArgWord } from '../invocation.js';

/** A command that a wrapper program runs, still to be unwrapped further. */
export interface InnerCommand {
  /** How the wrapper runs it, recorded in `via`: `env`, `bash -c`, `find -exec`... */
  label: string;
  /** The inner command's words, program first. */
  words: ArgWord[];
  /** The wrapper adds arguments only known at run time (`xargs`, `find -exec {}`). */
  openArgs: boolean;
}

/** What a wrapper program does with its arguments. */
export type WrapperOutcome =
  /** It runs nothing else: it is itself the program (e.g. `env` alone, `command -v x`). */
  | { kind: 'self' }
  /** It runs something the unwrapper cannot see. */
  | { kind: 'unanalyzable'; reason: string }
  /** It runs these commands (the wrapper itself is still a program the policy checks). */
  | { kind: 'commands'; commands: InnerCommand[] }
  /** It runs a shell script given as text (`sh -c`), read as `dialect`. */
  | { kind: 'script'; label: string; script: string; dialect: ShellDialect };

/** Reads a wrapper's argv and says what it runs. */
export type WrapperHandler = (words: readonly ArgWord[], program: string) => WrapperOutcome;
