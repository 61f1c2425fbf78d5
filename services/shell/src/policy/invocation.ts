/**
 * One program that a command line will really run, found by looking through wrapper
 * programs such as `env`, `busybox`, `sh -c`, `xargs` or `find -exec`. Wrappers are
 * invocations too: `env rm x` yields `env` (with `wrapper: true`) and then `rm`.
 */
export interface Invocation {
  /** Basename of the program, e.g. `rm` for `/usr/bin/rm`, `./rm` or `busybox rm`. */
  program: string;
  /** The path as written, when the program was named by a path (`/usr/bin/rm`, `./rm`). */
  path?: string;
  /** The invocation's own argv, program word first, as written. */
  argv: string[];
  /** The wrappers it was reached through, outermost first, e.g. `['env', 'bash -c']`. */
  via: string[];
  /**
   * `false` when the analyser cannot prove what will run (command substitution, `eval`,
   * a script file, an unknown wrapper option, a bash construct it does not accept...).
   * A policy must refuse these unless told otherwise.
   */
  analyzable: boolean;
  /** Why the invocation is not analyzable; set whenever `analyzable` is `false`. */
  reason?: string;
  /**
   * `true` when the program receives arguments that are only known at run time (`xargs`,
   * `find -exec ... {}`, `$VAR`, globs). Argument-based deny rules then match conservatively.
   */
  openArgs: boolean;
  /** `true` when the program is a wrapper whose inner commands follow it in the list. */
  wrapper?: boolean;
  /** Set when the program runs as a builtin of the shell that read it (`cd`, `read`, `[`...). */
  builtin?: boolean;
}

/** One word of a command line, with whether its value is only known at run time. */
export interface ArgWord {
  /** The word after quote removal, or its source text when `dynamic`. */
  text: string;
  /** `true` when the shell computes the value at run time (`$VAR`, globs, brace expansion). */
  dynamic: boolean;
  /**
   * How many arguments the word becomes: exactly `one`, or `any` number (an unquoted `$VAR`,
   * `"$@"`, a glob or a brace expansion may become none or several). Unset means `one`.
   */
  fieldCount?: 'one' | 'any';
  /** Set when the shell reads the word as an assignment `NAME=value` while parsing (`export NAME=$x`). */
  assignmentName?: string;
}

/**
 * Turns a plain argv into words whose values are all known.
 *
 * @param argv - the argv as passed to `execve`
 * @returns one static word per argument
 */
export function staticWords(argv: readonly string[]): ArgWord[] {
  return argv.map((text) => ({ text, dynamic: false }));
}
